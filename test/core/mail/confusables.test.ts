/**
 * The confusable skeleton, mixed-script words and revealed invisible characters
 * (src/core/mail/confusables.ts), on the spellings attackers use against kernel people.
 */
import { describe, expect, it } from 'vitest';
import { hasDisguise, hasInvisible, mixedScript, revealInvisible, skeleton } from '../../../src/core/mail/confusables.ts';

describe('skeleton', () => {
  it('folds Cyrillic, Greek and Armenian look-alikes onto Latin', () => {
    expect(skeleton('linux-foundаtion.org')).toBe(skeleton('linux-foundation.org')); // Cyrillic а
    expect(skeleton('gregkh@linuxfoundatiоn.org')).toBe(skeleton('gregkh@linuxfoundation.org')); // Cyrillic о
    expect(skeleton('tοrvalds@kernel.org')).toBe(skeleton('torvalds@kernel.org')); // Greek ο
    expect(skeleton('ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ')).toBe(skeleton('ABEHIKMNOPTXYZ')); // Greek capitals
    expect(skeleton('реасе')).toBe('peace'); // all Cyrillic
    expect(skeleton('հօց')).toBe('hog'); // Armenian
  });

  it('folds fullwidth and mathematical forms, drops invisible characters', () => {
    expect(skeleton('ｇｒｅｇｋｈ＠ｋｅｒｎｅｌ．ｏｒｇ')).toBe(skeleton('gregkh@kernel.org'));
    expect(skeleton('𝐠𝐫𝐞𝐠')).toBe('greg');
    expect(skeleton('gr\u200beg\u200d@ker\u00adnel.org')).toBe(skeleton('greg@kernel.org'));
    expect(skeleton('\u202egro.lenrek')).toBe('gro.lenrek');
  });

  it('folds the ASCII pairs UTS #39 lists: 0/O, 1/l/I, rn/m, vv/w', () => {
    expect(skeleton('Greg Kroah-Hartrnan')).toBe(skeleton('Greg Kroah-Hartman'));
    expect(skeleton('paul@kerne1.org')).toBe(skeleton('paul@kernel.org'));
    expect(skeleton('Ingo')).toBe(skeleton('lngo'));
    expect(skeleton('g00gle.com')).toBe(skeleton('google.com'));
    expect(skeleton('vvilly@infradead.org')).toBe(skeleton('willy@infradead.org'));
  });

  it('keeps apart what a reader tells apart', () => {
    expect(skeleton('Jérôme Glisse')).not.toBe(skeleton('Jerome Glisse'));
    expect(skeleton('Michał Mirosław')).not.toBe(skeleton('Michal Miroslaw'));
    expect(hasDisguise('Michał Mirosław')).toBe(false);
    expect(skeleton('hch@lst.de')).not.toBe(skeleton('hch@lst.dk'));
    expect(skeleton('高橋 健')).toBe('高橋 健');
    expect(skeleton('Michal Hocko')).toBe('michal hocko');
  });
});

describe('hasDisguise and mixedScript', () => {
  it('sees non-ASCII look-alikes and invisible characters', () => {
    expect(hasDisguise('linux-foundаtion.org')).toBe(true);
    expect(hasDisguise('ｇｒｅｇ')).toBe(true);
    expect(hasDisguise('greg\u200b')).toBe(true);
    expect(hasDisguise('Jérôme Glisse')).toBe(false);
    expect(hasDisguise('linux-foundation.org')).toBe(false);
  });

  it('flags a word mixing Latin with Cyrillic or Greek, not names in one script each', () => {
    expect(mixedScript('linux-foundаtion.org')).toBe(true);
    expect(mixedScript('Dаvid Howells')).toBe(true);
    expect(mixedScript('tοrvalds')).toBe(true);
    expect(mixedScript('Атиковa')).toBe(true); // the spam sender in mikel-mail's raw_email_bad_time.eml
    expect(mixedScript('Сергей Петров')).toBe(false);
    expect(mixedScript('Sergey Петров')).toBe(false); // two words, one script each
    expect(mixedScript('高橋 健 (Ken Takahashi)')).toBe(false);
    expect(mixedScript('Zoë Ångström')).toBe(false);
    expect(mixedScript('Δημήτρης')).toBe(false);
  });
});

describe('revealInvisible', () => {
  it('writes bidi controls and zero-width characters as ⟨U+XXXX⟩', () => {
    expect(revealInvisible('fix\u202egnp.exe')).toBe('fix⟨U+202E⟩gnp.exe');
    expect(revealInvisible('a\u200bb\u200dc\u2066d\u2069\ufeff')).toBe('a⟨U+200B⟩b⟨U+200D⟩c⟨U+2066⟩d⟨U+2069⟩⟨U+FEFF⟩');
    expect(revealInvisible('\u200e\u200f\u061c\u2060')).toBe('⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩⟨U+2060⟩');
    expect(revealInvisible('[PATCH v2 1/3] mm: fix the thing')).toBe('[PATCH v2 1/3] mm: fix the thing');
    expect(revealInvisible('高橋 健 👍🏽 Zoë')).toBe('高橋 健 👍🏽 Zoë');
    expect(hasInvisible('x\u202ay')).toBe(true);
    expect(hasInvisible('xy')).toBe(false);
  });
});

/**
 * Names, addresses and subjects from mail in the panel (issue 9, items 5 and 6), rendered by
 * Preact into linkedom: each is isolated in a <bdi>, bidi and invisible controls are written
 * out, and a look-alike sender and its trailers carry a visible warning.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import type { Participant, SeriesPatch } from '../../src/core/types.ts';
import { reveal } from '../../src/panel/MailString.tsx';

const { window } = linkedomWindow();

const root = (): HTMLElement => window.document.getElementById('app') as unknown as HTMLElement;
/** Any bidi control or invisible character left in the text a reader sees. */
const HIDDEN = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const person = (over: Partial<Participant> & Record<string, unknown>): Participant =>
  ({ name: 'Greg Kroah-Hartman', address: 'gregkh@linuxfoundation.org', messages: 1, first: null, last: null, roles: [], trailers: {}, ...over }) as Participant;

describe('strings from mail in the panel', () => {
  it('reveals bidi and zero-width controls as ⟨U+…⟩ and keeps the rest', () => {
    expect(reveal('fix\u202Eexe.txt')).toBe('fix⟨U+202E⟩exe.txt');
    expect(reveal('Gr\u200Beg\u200D')).toBe('Gr⟨U+200B⟩eg⟨U+200D⟩');
    expect(reveal('Łukasz 日本 ünïcode')).toBe('Łukasz 日本 ünïcode');
  });

  it('a participant: name and address each in a <bdi>, controls shown, no warning for an ordinary sender', async () => {
    const { ParticipantItem } = await import('../../src/panel/ParticipantItem.tsx');
    render(h(ParticipantItem, { person: person({ name: 'Mallory \u202Egpj.exe', address: 'm\u200B@x.org' }), active: false, onToggle: () => undefined }), root());
    const bdis = [...root().querySelectorAll('bdi')].map((b) => b.textContent);
    expect(bdis).toEqual(['Mallory ⟨U+202E⟩gpj.exe', 'm⟨U+200B⟩@x.org']);
    expect(root().textContent).not.toMatch(HIDDEN);
    expect(root().querySelector('.ll-person-lookalike')).toBeNull();
    render(null, root());
  });

  it('a look-alike sender gets a visible warning naming whom it imitates', async () => {
    const { ParticipantItem } = await import('../../src/panel/ParticipantItem.tsx');
    render(h(ParticipantItem, { person: person({ address: 'gregkh@linux-foundаtion.org', lookalikeOf: 'gregkh@linuxfoundation.org', mixedScript: true }), active: false, onToggle: () => undefined }), root());
    const note = root().querySelector('.ll-person-lookalike');
    expect(note?.getAttribute('role')).toBe('note');
    expect(note?.textContent).toMatch(/Look-alike: this sender imitates gregkh@linuxfoundation\.org\. Its trailers are not counted for that person\./);
    render(h(ParticipantItem, { person: person({ address: 'gregkh@linux-foundаtion.org', mixedScript: true }), active: false, onToggle: () => undefined }), root());
    expect(root().querySelector('.ll-person-lookalike')?.textContent).toMatch(/mixes alphabets/);
    render(null, root());
  });

  it('a patch: subject isolated and revealed; a look-alike\'s trailer flagged beside it', async () => {
    const { PatchRow } = await import('../../src/panel/PatchRow.tsx');
    const patch = {
      id: 'p1@x',
      counter: 1,
      subject: '[PATCH 1/1] fs: rename a\u202Etxt.exe',
      borrowedFrom: null,
      trailers: [
        { name: 'Reviewed-by', value: 'Greg <gregkh@linux-foundаtion.org>', person: { name: 'Greg', address: 'gregkh@linux-foundаtion.org' }, from: 'r@x', lookalikeOf: 'gregkh@linuxfoundation.org' },
        { name: 'Acked-by', value: 'Ann <ann@x.org>', person: { name: 'Ann', address: 'ann@x.org' }, from: 'a@x' },
      ],
    } as unknown as SeriesPatch;
    render(h(PatchRow, { patch, total: 1, current: false, onOpen: () => undefined }), root());
    const open = root().querySelector('.ll-patch-open');
    expect(open?.querySelector('bdi')?.textContent).toContain('⟨U+202E⟩txt.exe');
    expect(open?.getAttribute('title')).toBe('[PATCH 1/1] fs: rename a⟨U+202E⟩txt.exe');
    const flagged = [...root().querySelectorAll('.ll-trailer-lookalike')].map((p) => p.textContent);
    expect(flagged).toEqual(['⚠ Reviewed-by from a look-alike of gregkh@linuxfoundation.org: Greg, not counted.']);
    expect(root().querySelector('.ll-trailer-counts')?.textContent).toBe('Acked-by 1');
    expect(root().textContent).not.toMatch(HIDDEN);
    render(null, root());
  });
});

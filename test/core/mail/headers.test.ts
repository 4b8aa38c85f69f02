import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assignKeys, dropCopies, looksLikeMail, parseHead, readFields } from '../../../src/core/mail/headers.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseHead', () => {
  const msgs = splitMbox(new Uint8Array(readFileSync(new URL('../../fixtures/core/series.mbox', import.meta.url)))).messages;
  const heads = msgs.map((m, i) => parseHead(m, i));
  assignKeys(heads);

  it('reads ids, subject, from, date, list-id', () => {
    expect(heads[0]).toMatchObject({
      id: 'cover-v2@example.org', messageId: 'cover-v2@example.org', synthetic: false, inReplyTo: null, references: [],
      subject: '[PATCH v2 0/2] mm: make frobnication faster', from: { name: 'Alice Author', address: 'alice@example.org' },
      date: '2024-07-01T10:00:00.000Z', listId: 'linux-mm.kvack.org', index: 0,
    });
  });

  it('reads a commented In-Reply-To and an encoded From', () => {
    expect(heads[3]).toMatchObject({ inReplyTo: 'patch1-v2@example.org', references: ['cover-v2@example.org', 'patch1-v2@example.org'], from: { name: 'Björn Reviewer' }, date: '2024-07-01T10:30:00.000Z' });
  });

  it('gives mail without Message-ID a stable synthetic key, drops junk, keeps bad dates null', () => {
    const h = heads[5]!;
    expect(h.synthetic).toBe(true);
    expect(h.messageId).toBe('');
    expect(h.id).toMatch(/^synthetic\.[0-9a-f]{16}@listlens\.invalid$/);
    expect(parseHead(msgs[5]!, 5).id).toBe(h.id);
    expect(h.inReplyTo).toBeNull();
    expect(h.references).toEqual(['missing-parent@example.org']);
    expect(h.date).toBeNull();
  });

  it('unfolds, reads CRLF, UTF-8 and latin-1 header bytes', () => {
    const crlf = parseHead(enc('Subject: a\r\n b\r\nMessage-ID:\r\n <x@y>\r\n\r\nbody'), 0);
    expect(crlf.subject).toBe('a b');
    expect(crlf.id).toBe('x@y');
    expect(parseHead(enc('Subject: Grüße\n\n'), 0).subject).toBe('Grüße');
    expect(parseHead(new Uint8Array([...enc('Subject: Gr'), 0xfc, ...enc('\n\n')]), 0).subject).toBe('Grü');
    expect(parseHead(enc('Subject: =?utf-8?q?caf=C3=A9?= =?utf-8?q?_ok?=\n\n'), 0).subject).toBe('café ok');
  });

  it('takes the first of two From headers and drops ids that are addresses', () => {
    const h = parseHead(enc('From: A <a@x.org>\nFrom: B <b@x.org>\nTo: c@x.org\nIn-Reply-To: <c@x.org>\nReferences: <a@x.org> <r@x.org>\n\n'), 0);
    expect(h.from.address).toBe('a@x.org');
    expect(h.references).toEqual(['r@x.org']);
    expect(h.inReplyTo).toBeNull();
  });

  it('never sees body lines as headers, and stops at a missing blank line', () => {
    const h = parseHead(enc('Subject: s\n\nMessage-ID: <body@x>\n'), 0);
    expect(h.messageId).toBe('');
    expect(readFields(enc('Subject: only headers')).get('subject')).toBe(' only headers');
  });
});

describe('parseHead and list rewrites', () => {
  it("takes `'Name' via List <list>` as Name and marks the address as the list's", () => {
    const h = parseHead(enc("Message-ID: <a@x>\nFrom: 'Alice Smith' via kasan-dev <kasan-dev@googlegroups.com>\nList-Id: <kasan-dev.googlegroups.com>\n\nhi\n"), 0);
    expect(h.from).toEqual({ name: 'Alice Smith', address: 'kasan-dev@googlegroups.com' });
    expect(h.via).toBe('kasan-dev');
    expect('via' in parseHead(enc('Message-ID: <b@x>\nFrom: Bob Jones <bob@example.org>\n\nhi\n'), 1)).toBe(false);
  });
});

describe('looksLikeMail', () => {
  it('takes real headers, also after a stray line, and refuses text and bytes without any', () => {
    expect(looksLikeMail(enc('Message-ID: <one@x>\nSubject: single\n\nhi\n'))).toBe(true);
    expect(looksLikeMail(enc('>From someone\nFrom: A <a@x.org>\nSubject : obsolete spacing\n\nhi\n'))).toBe(true);
    expect(looksLikeMail(enc('Subject: only headers, no body'))).toBe(true);
    expect(looksLikeMail(enc('hello world\nthis is not mail\n'))).toBe(false);
    expect(looksLikeMail(enc('\nSubject: after a blank line is body\n'))).toBe(false);
    expect(looksLikeMail(enc('one\ntwo\nthree: four\n\n'))).toBe(false);
    // seeded bytes: the same "random" garbage every run
    let seed = 7;
    const bytes = new Uint8Array(20000).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    expect(looksLikeMail(bytes)).toBe(false);
  });
});

describe('assignKeys', () => {
  it('keys reused ids as #2, #3 in source order, and is idempotent', () => {
    const heads = ['a@x', 'b@x', 'a@x', 'a@x'].map((id, i) => parseHead(enc(`Message-ID: <${id}>\n\n`), i));
    assignKeys(heads);
    expect(heads.map((h) => h.id)).toEqual(['a@x', 'b@x', 'a@x#2', 'a@x#3']);
    assignKeys(heads);
    expect(heads.map((h) => h.id)).toEqual(['a@x', 'b@x', 'a@x#2', 'a@x#3']);
    expect(heads[2]!.messageId).toBe('a@x');
  });

  it('gives the bare id to the earliest copy, then by content, whatever the input order', () => {
    const mails = [
      'Message-ID: <same@x>\nFrom: B <b@x.org>\nSubject: second\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nB\n',
      'Message-ID: <same@x>\nFrom: A <a@x.org>\nSubject: first\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nA\n',
      'Message-ID: <same@x>\nFrom: C <c@x.org>\nSubject: earlier\nDate: Sun, 31 Dec 2023 23:00:00 +0000\n\nC\n',
    ];
    const keys = (order: number[]): string[] => {
      const heads = order.map((k, i) => parseHead(enc(mails[k]!), i));
      assignKeys(heads);
      return heads.map((h) => `${h.from.name}=${h.id}`).sort();
    };
    const want = ['A=same@x#2', 'B=same@x#3', 'C=same@x'];
    for (const order of [[0, 1, 2], [1, 0, 2], [2, 1, 0], [2, 0, 1]]) expect(keys(order)).toEqual(want);
  });
});

describe('dropCopies', () => {
  const VGER = (list: string): string => `--\nTo unsubscribe from this list: send the line "unsubscribe ${list}" in\nthe body of a message to majordomo@vger.kernel.org\nMore majordomo info at  http://vger.kernel.org/majordomo-info.html\n`;
  const mail = (o: { id?: string; from?: string; date?: string; subject?: string; list?: string; body?: string }): string =>
    `Message-ID: <${o.id ?? 'p1@x'}>\nFrom: ${o.from ?? 'Ann <ann@x.org>'}\nSubject: ${o.subject ?? '[PATCH] fix'}\nDate: ${o.date ?? 'Mon, 1 Jan 2024 00:00:00 +0000'}\n${o.list ? `List-Id: <${o.list}>\n` : ''}\n${o.body ?? 'The fix.\n'}`;
  /** Keys of the heads kept, by their position in `mails`, after dropCopies and assignKeys. */
  const kept = (mails: string[]): string[] => {
    const raws = mails.map(enc);
    const heads = raws.map((raw, i) => parseHead(raw, i));
    const dropped = dropCopies(heads, (h) => raws[h.index]!);
    const left = heads.filter((h) => !dropped.has(h));
    assignKeys(left);
    return left.map((h) => `${h.index}=${h.id}`);
  };

  it('keeps one of the same mail delivered by two lists, whatever their subject tags, footers and trailing blank lines', () => {
    const cifs = mail({ subject: '[linux-cifs] [PATCH] fix', list: 'linux-cifs.vger.kernel.org', body: `The fix.\n${VGER('linux-cifs')}\n` });
    const fsdevel = mail({ subject: '[PATCH] fix', list: 'linux-fsdevel.vger.kernel.org', body: `The fix.\n\n${VGER('linux-fsdevel')}` });
    const direct = mail({ body: 'The fix.\n\n\n' });
    // the subject without a tag sorts first, so that copy is kept in every order
    expect(kept([cifs, fsdevel])).toEqual(['1=p1@x']);
    expect(kept([fsdevel, cifs])).toEqual(['0=p1@x']);
    // then the one without a List-Id
    expect(kept([cifs, direct, fsdevel])).toEqual(['1=p1@x']);
    const mailman = mail({ body: 'The fix.\n_______________________________________________\nLinux-nvdimm mailing list\nLinux-nvdimm@lists.01.org\nhttps://lists.01.org/mailman/listinfo/linux-nvdimm\n' });
    const sigDash = mail({ body: 'The fix.\n\n-- \nlibvir-list mailing list\nlibvir-list@redhat.com\nhttps://www.redhat.com/mailman/listinfo/libvir-list\n' });
    expect(kept([mailman, sigDash, direct])).toHaveLength(1);
    // a copy stored with CRLF line ends is still a copy
    expect(kept([direct, direct.replace(/\n/g, '\r\n')])).toHaveLength(1);
  });

  it('keeps mail that reuses an id apart: another body, another sender, another date', () => {
    const base = mail({});
    expect(kept([base, mail({ body: 'Another fix.\n' })])).toEqual(['0=p1@x', '1=p1@x#2']);
    expect(kept([base, mail({ body: 'The fix.\nsecond line\n' })])).toEqual(['0=p1@x', '1=p1@x#2']);
    expect(kept([base, mail({ from: 'Bob <bob@x.org>' })])).toEqual(['0=p1@x', '1=p1@x#2']);
    expect(kept([base, mail({ date: 'Mon, 1 Jan 2024 00:00:01 +0000' })])).toEqual(['0=p1@x', '1=p1@x#2']);
    // the author's own signature is not a list footer: it is what they wrote
    expect(kept([mail({ body: 'The fix.\n-- \nAnn\n' }), base])).toEqual(['0=p1@x', '1=p1@x#2']);
    // the address is compared as an address, case aside; the name may be spelled otherwise
    expect(kept([base, mail({ from: '"Ann B." <ANN@x.org>' })])).toHaveLength(1);
  });

  it('drops a copy only of its own kind: two copies and a reuse of the id make two messages', () => {
    const copy = mail({ subject: '[list] [PATCH] fix' });
    const other = mail({ from: 'Bob <bob@x.org>', body: 'Unrelated.\n' });
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const mails = [mail({}), copy, other];
      const keys = kept(order.map((k) => mails[k]!));
      // positions map back to the mail: the untagged copy keeps the bare id, Bob's mail is #2
      expect(keys.map((k) => k.replace(/^(\d+)/, (_, i: string) => String(order[Number(i)])))
        .sort()).toEqual(['0=p1@x', '2=p1@x#2']);
    }
  });

  it('reports nothing and touches nothing when no id repeats', () => {
    const raws = [mail({}), mail({ id: 'p2@x' })].map(enc);
    const heads = raws.map((raw, i) => parseHead(raw, i));
    expect(dropCopies(heads, () => {
      throw new Error('no body needs hashing');
    }).size).toBe(0);
  });
});

describe.runIf(corpusDir)('headers over the corpus', () => {
  it('reads the "<yes>" junk References of the LKML corpus away', () => {
    const msgs = splitMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd')).messages;
    const heads = msgs.map((m, i) => parseHead(m, i));
    expect(heads.some((h) => h.references.includes('yes'))).toBe(false);
    expect(heads.every((h) => h.date !== null)).toBe(true);
    assignKeys(heads);
    expect(new Set(heads.map((h) => h.id)).size).toBe(heads.length);
  });

  it('decodes git RFC 2047 samples as git expects', () => {
    const msgs = splitMbox(readCorpus('git/rfc2047-samples.mbox')).messages;
    expect(msgs).toHaveLength(11);
    msgs.forEach((m, i) => {
      const info = new TextDecoder().decode(readCorpus(`git/rfc2047-info-${String(i + 1).padStart(4, '0')}`));
      const want = Object.fromEntries([...info.matchAll(/^(\w+): (.*)$/gm)].map((x) => [x[1], x[2]]));
      const h = parseHead(m, i);
      // git mailinfo strips "Re:" from the subject; we keep it and compare without it
      expect(h.subject.replace(/^re:\s*/i, ''), `sample ${i + 1}`).toBe(want.Subject);
      // git also keeps a comment after the address in the name (sample 4); like mailparser,
      // we drop it, so the name must be git's without that trailing comment
      if (want.Author) expect(h.from.name, `sample ${i + 1}`).toBe(want.Author.replace(/ \(.*\)$/, ''));
      if (want.Email) expect(h.from.address, `sample ${i + 1}`).toBe(want.Email);
    });
  });
});

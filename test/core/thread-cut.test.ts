/**
 * One thread out of a many-thread mbox (a pipermail month). The pipermail fixture is hand-made
 * in Mailman 2.1's `.txt` archive format (`HyperArch.Article.as_text`: obfuscated `From:` lines,
 * Re: trimmed, bodies with ` at ` for `@`), because the shared corpus holds no pipermail mail;
 * the same cut is checked on the corpus's real LKML mboxrd.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cutThread } from '../../src/core/thread-cut.ts';
import { analyseMbox } from '../../src/core/analyse.ts';
import { splitMbox } from '../../src/core/mail/mbox.ts';
import type { MessageHead, ThreadMessage } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const MONTH = new Uint8Array(readFileSync(new URL('../fixtures/pipermail/example-dev-2010-March.txt', import.meta.url)));
const byMid = (mid: string) => (heads: readonly MessageHead[]) => heads.find((h) => h.messageId === mid);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('cutThread on a pipermail month', () => {
  it("keeps the focus message's whole thread, from its root, and nothing else", async () => {
    const cut = cutThread(MONTH, byMid('lazy-3@example.com'))!;
    expect(cut).toMatchObject({ rootId: 'lazy-1@example.org', focusId: 'lazy-3@example.com', messages: 4 });
    const { analysis, heads } = await analyseMbox(cut.bytes);
    expect(heads.map((h) => h.messageId)).toEqual(['lazy-1@example.org', 'lazy-2@example.net', 'lazy-3@example.com', 'lazy-4@example.de']);
    expect(analysis.roots).toEqual(['lazy-1@example.org']);
    expect(analysis.errors).toEqual([]);
    // The same thread whichever of its messages the page shows.
    expect(cutThread(MONTH, byMid('lazy-1@example.org'))!.bytes).toEqual(cut.bytes);
  });

  it('gives real participants from Mailman\'s "user at host (Name)" lines', async () => {
    const { analysis } = await analyseMbox(cutThread(MONTH, byMid('lazy-2@example.net'))!.bytes);
    expect(analysis.participants.map((p) => [p.name, p.address, p.messages])).toEqual([
      ['Ada Example', 'ada@example.org', 1],
      ['Bob Example', 'bob@example.net', 1],
      ['', 'carol@example.com', 1],
      ['Jürgen Beispiel', 'juergen@example.de', 1],
    ]);
  });

  it('keeps a thread whose root is in an earlier month under a ghost root', async () => {
    const cut = cutThread(MONTH, byMid('sched-2@example.org'))!;
    expect(cut).toMatchObject({ rootId: 'sched-0@example.org', messages: 2 });
    const { analysis } = await analyseMbox(cut.bytes);
    expect(analysis.messages.map((m) => [m.id, m.ghost, m.depth])).toEqual([
      ['sched-0@example.org', true, 0],
      ['sched-1@example.org', false, 1],
      ['sched-2@example.org', false, 2],
    ]);
  });

  it("keeps each message's bytes as the archive wrote them, From_ line and unescaped body From included", () => {
    const cut = cutThread(MONTH, byMid('lazy-3@example.com'))!;
    const whole = splitMbox(MONTH).messages.map(text);
    const part = splitMbox(cut.bytes).messages.map(text);
    expect(part).toEqual([whole[0], whole[2], whole[4], whole[6]]);
    expect(part[2]).toContain('\nFrom what I can tell nothing in the standard library');
    expect(text(cut.bytes).startsWith('From ada at example.org  Mon Mar  1 09:12:01 2010\n')).toBe(true);
  });

  it("never makes Mailman's stand-in for an unreadable sender a participant", async () => {
    const msg = (n: number, name: string) =>
      `From bogus@does.not.exist.com  Fri Mar  5 10:0${n}:00 2010\nFrom: bogus@does.not.exist.com (${name})\nDate: Fri, 05 Mar 2010 10:0${n}:00 +0000\nSubject: [Example-dev] x\nMessage-ID: <bogus-${n}@example.org>\n\nbody\n\n`;
    const { analysis } = await analyseMbox(new TextEncoder().encode(msg(1, 'Somebody') + msg(2, 'Somebody Else')));
    expect(analysis.participants).toEqual([]);
  });

  it('is null when the message is not in the file', () => {
    expect(cutThread(MONTH, byMid('nowhere@example.org'))).toBeNull();
    expect(cutThread(new Uint8Array(), byMid('lazy-1@example.org'))).toBeNull();
  });
});

describe.skipIf(!corpusDir)('cutThread on real mail (the LKML corpus, mboxrd)', () => {
  it('cuts exactly the subtree of the root, with subject-tied replies, as the whole analysis has it', async () => {
    const mbox = readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
    const whole = await analyseMbox(mbox);
    const byId = new Map<string, ThreadMessage>(whole.analysis.messages.map((m) => [m.id, m]));
    const cover = whole.heads.find((h) => /^\[PATCH 00\/44\] remove unnecessary semicolons/.test(h.subject))!;
    const reply = whole.analysis.messages.find((m) => !m.ghost && m.parent && m.id !== cover.id && byId.get(m.parent)?.id === cover.id)!;
    let root = byId.get(reply.id)!;
    while (root.parent) root = byId.get(root.parent)!;
    const expected = new Set<string>();
    const walk = (id: string): void => {
      if (!byId.get(id)!.ghost) expected.add(id);
      for (const c of byId.get(id)!.children) walk(c);
    };
    walk(root.id);
    for (const r of whole.analysis.roots) if (byId.get(r)!.related && expected.has(byId.get(r)!.related!)) walk(r);

    const cut = cutThread(mbox, byMid(reply.id))!;
    const part = await analyseMbox(cut.bytes);
    expect(new Set(part.heads.map((h) => h.id))).toEqual(expected);
    expect(cut.messages).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(40);
    // mboxrd stays mboxrd: the cut's messages are the whole file's, byte for byte.
    const original = new Map(splitMbox(mbox).messages.map((m, i) => [whole.heads.find((h) => h.index === i)?.id, text(m)]));
    for (const [i, m] of splitMbox(cut.bytes).messages.entries()) expect(text(m)).toBe(original.get(part.heads[i]!.id));
    expect(part.analysis.participants.length).toBeGreaterThan(1);
  });

  it('cuts a thread that came twice (linux-cifs and linux-fsdevel) with each mail once, replies cited through gmane included', () => {
    const mbox = readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
    const cut = cutThread(mbox, byMid('9603.1277311877@redhat.com'))!;
    expect(cut).toMatchObject({ rootId: '1277220189-3485-1-git-send-email-sjayaraman@suse.de', focusId: '9603.1277311877@redhat.com', messages: 3 });
    expect(splitMbox(cut.bytes).messages).toHaveLength(3);
  });
});

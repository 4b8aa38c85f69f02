/**
 * Where the am-ready mbox puts trailers (core/series/am-message.ts) and how it reads a patch
 * mail (am-mailinfo.ts), each against its oracle:
 * - b4 0.12's own `LoreMessage.fix_trailers`, run by Python on every patch body of the corpus,
 *   with nothing to add, then with new trailers, one of them already in the body in another
 *   case, one with a ` # note`, and a Link: the rebuilt bodies must be the same text;
 * - `git mailinfo --scissors` on every patch mail of the corpus and on crafted ones (in-body
 *   From/Subject/Date, a scissors line, `[PATCH]` lines): the same message, in-body headers
 *   and subject.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { hasDiff } from '../../../src/core/patch/detect.ts';
import { cleanSubject, isScissors, mailInfo } from '../../../src/core/series/am-mailinfo.ts';
import { bodyTrailers, sameTrailer, splitNote, suspiciousLine, withTrailers, type AmTrailer } from '../../../src/core/series/am-message.ts';
import { joinWrapped } from '../../../src/core/series/am-rejoin.ts';
import { mulberry32 } from '../../helpers/random.ts';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { b4 } from '../../helpers/b4-series.ts';
import { requireTool, tool } from '../../helpers/tools.ts';

const git = tool('git');

/** b4 0.12's fix_trailers on each case, by Python: the rebuilt bodies, in order. */
const FIX = String.raw`
import sys, json, email.message
sys.path.insert(0, '/usr/lib/python3/dist-packages')
import b4
out = []
for case in json.load(sys.stdin):
    m = email.message.EmailMessage()
    m['Subject'] = '[PATCH] x'
    m['From'] = 'A <a@example.org>'
    m['Message-Id'] = '<x@example.org>'
    m['Date'] = 'Tue, 30 Aug 2022 11:19:07 -0400'
    m.set_content('x')
    l = b4.LoreMessage(m)
    l.body = case['body']
    l.followup_trailers = [b4.LoreTrailer(name=n, value=v) for n, v in case['add']]
    l.fix_trailers()
    out.append(l.body)
json.dump(out, sys.stdout)
`;

interface Case {
  body: string;
  add: Array<[string, string]>;
}

async function patchTexts(): Promise<Array<{ raw: Uint8Array; text: string }>> {
  const out: Array<{ raw: Uint8Array; text: string }> = [];
  for (const path of corpusFiles()) {
    const r = await analyseMbox(new Uint8Array(readFileSync(path)), { keepBodies: true }).catch(() => null);
    if (!r) continue;
    for (const h of r.heads) {
      const text = r.bodies?.get(h.id)?.text;
      if (text && hasDiff(text) && !/^(re|aw|fwd?):/i.test(h.subject)) out.push({ raw: r.raws[h.index]!, text });
    }
  }
  return out;
}

describe.runIf(corpusDir && (b4 || process.env.CI))('trailer placement against b4 0.12 fix_trailers', () => {
  it('every patch body of the corpus: the same body as b4 writes, with and without trailers to add', async () => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    const texts = await patchTexts();
    expect(texts.length).toBeGreaterThan(100);
    const cases: Case[] = [];
    for (const { text } of texts) {
      const info = mailInfo(text);
      const body = info.message + info.patch;
      const own = bodyTrailers(body);
      cases.push({ body, add: [] });
      const adds: Array<[string, string]> = [
        ['Reviewed-by', 'New Reviewer <new@example.org>'],
        ['Tested-by', 'Tess Tester <tess@example.org> # on arm64'],
        ['Link', 'https://patch.msgid.link/x@example.org'],
      ];
      // one already there, in other case: b4 compares name and value case-insensitively
      if (own[0]) adds.splice(1, 0, [own[0].name.toUpperCase(), own[0].value.toUpperCase()]);
      cases.push({ body, add: adds });
    }
    const py = spawnSync('python3', ['-c', FIX], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 256 << 20 });
    if (py.status !== 0) throw new Error(`python3 (b4): ${py.stderr.slice(-600)}`);
    const theirs = JSON.parse(py.stdout) as string[];
    let moved = 0;
    cases.forEach((c, i) => {
      const ours = withTrailers(c.body, c.add.map(([name, value]) => ({ name, value })));
      expect({ i, body: ours.body }).toEqual({ i, body: theirs[i] });
      if (ours.body !== c.body) moved++;
    });
    console.log(`fix_trailers differential: ${texts.length} patch bodies, ${cases.length} cases, ${moved} bodies rebuilt differently from the input, all as b4 0.12`);
  }, 120_000);
});

/** b4's regexes themselves, by Python, on each text: the re-joins and the ` # note` split. */
const REGEX = String.raw`
import sys, json, re
out = []
for t in json.load(sys.stdin):
    b = re.sub(r'^(\S+:\s+[\da-f]+\s+\([^)]+)\n([^\n]+\))', r'\1 \2', t, flags=re.M)
    b = re.sub(r'^(\S+:\s+[^<]+)\n(<[^>]+>)$', r'\1 \2', b, flags=re.M)
    m = re.search(r'(.*\S+)(\s+#[^#]+)$', t.split('\n')[0])
    out.append([b, list(m.groups()) if m else None])
json.dump(out, sys.stdout)
`;

describe.runIf(b4 || process.env.CI)("b4's re-joins and note split, by index, against b4's regexes", () => {
  it('2,000 random texts of trailer-like tokens: the same text, the same split', () => {
    const rnd = mulberry32(17);
    // lines that wrap as trailers do (and ones that almost do), with random noise inside
    const lines = ['Fixes: 1f2e ("frob: make', 'Fixes: abc0 (frob', 'it faster")', 'more)', ') x', 'Signed-off-by: Ann Author', 'Acked-by: A', '<ann@example.org>', '<a@b.c> tail', 'a: b <', 'x > y', '', ' ', 'Reviewed-by: R <r@x.y> # for mm', 'Cc: x # a # b', 'plain text', 'Tested-by:', 'Tested-by: ', 'Tested-by:  ', 'Tested-by: \n<ann@example.org>', 'Tested-by:\n<ann@example.org>', 'Tested-by:  \n<ann@example.org>', 'Fixes: abc0 (\nfoo)', 'Fixes: abc0 (x\n)', 'A: b\n<>', 'A: b\n<x>'];
    const noise = ['', '', '', ' ', '(', ')', '<', '>', '#', ':', '\t', 'z'];
    const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pick(lines) + pick(noise)).join('\n'));
    const py = spawnSync('python3', ['-c', REGEX], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(py.stderr);
    const theirs = JSON.parse(py.stdout) as Array<[string, [string, string] | null]>;
    let joined = 0;
    texts.forEach((t, i) => {
      const [body, note] = theirs[i]!;
      expect({ t, body: joinWrapped(t) }).toEqual({ t, body });
      if (body !== t) joined++;
      const first = t.split('\n')[0]!;
      const ours = splitNote({ name: 'X', value: first });
      expect({ first, split: ours.extinfo ? [ours.value, ours.extinfo] : null }).toEqual({ first, split: note });
    });
    expect(joined).toBeGreaterThan(200);
  });
});

describe('hostile bodies stay near-linear (a cap that catches a hang: the regexes took 10-25 s at a quarter of this)', () => {
  it('80,000 lines that each start a join, a blank run, a long value with a note, a long bracketed subject', () => {
    const t0 = Date.now();
    withTrailers('x\n\n' + 'a: 1 (\n'.repeat(80_000) + '---\n', []);
    withTrailers('x\n\n' + 'a: b\n'.repeat(80_000) + '---\n', []);
    withTrailers('x' + '\n'.repeat(400_000) + 'y\n---\n', [{ name: 'Acked-by', value: 'A <a@example.org>' }]);
    withTrailers('x\n\nA: ' + 'b '.repeat(400_000) + '# c\n---\n', []);
    expect(cleanSubject('[a]'.repeat(400_000) + ' x')).toBe('x');
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 30_000);
});

describe('trailer placement, by rule', () => {
  const body = 'Fix the frob.\n\nReported-by: R <r@example.org>\nSigned-off-by: A <a@example.org>\n---\n x | 1 +\n\ndiff --git a/x b/x\n-- \n2.43.0\n';
  it('appends after the existing block, in the order given, each once, case and notes aside', () => {
    const add: AmTrailer[] = [
      { name: 'Reviewed-by', value: 'B <b@example.org>' },
      { name: 'signed-off-by', value: 'a <A@example.org>' },
      { name: 'Reviewed-by', value: 'B <b@example.org> # again' },
      { name: 'Link', value: 'https://patch.msgid.link/1@x' },
    ];
    const r = withTrailers(body, add);
    expect(r.body).toBe('Fix the frob.\n\nReported-by: R <r@example.org>\nSigned-off-by: A <a@example.org>\nReviewed-by: B <b@example.org>\nLink: https://patch.msgid.link/1@x\n---\n x | 1 +\n\ndiff --git a/x b/x\n-- \n2.43.0\n');
    expect(r.added.map((t) => t.name)).toEqual(['Reviewed-by', 'Link']);
    expect(sameTrailer({ name: 'Acked-by', value: 'X <x@y.z> # for mm' }, { name: 'ACKED-BY', value: 'x <X@y.z>' })).toBe(true);
  });

  it('refuses a line with a bidi override, as b4 does, and lets letters of caseless scripts pass', () => {
    expect(suspiciousLine('ok\n/* \u202e } \u2066 if (admin) \u2069 */\n')).toContain('\u202e');
    expect(suspiciousLine('اسم\u200f\n')).toBeNull();
    expect(suspiciousLine('plain ascii\n')).toBeNull();
  });
});

describe.runIf(corpusDir && (git || process.env.CI))('reading a patch mail against git mailinfo --scissors', () => {
  const run = (mail: string | Uint8Array, dir: string, strict = true): { info: Record<string, string>; msg: string } | null => {
    const r = spawnSync(git!, ['mailinfo', '--scissors', join(dir, 'msg'), join(dir, 'patch')], { input: mail, cwd: dir });
    if (r.status !== 0 && !strict) return null;
    if (r.status !== 0) throw new Error(`git mailinfo: ${String(r.stderr)}`);
    const info: Record<string, string> = {};
    for (const l of String(r.stdout).split('\n')) {
      const m = /^(\w+): (.*)$/.exec(l);
      if (m) info[m[1]!] = m[2]!;
    }
    return { info, msg: readFileSync(join(dir, 'msg'), 'utf8') };
  };

  it('crafted mails: in-body headers, a scissors line, `[PATCH]` lines, blank lines first', () => {
    requireTool(git, 'git');
    const dir = mkdtempSync(join(tmpdir(), 'listlens-mailinfo-'));
    try {
      const bodies = [
        '\n\nFrom: Real Author <real@example.org>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: [PATCH v2] the real\n title\n\nWhy.\n\nSigned-off-by: Real Author <real@example.org>\n---\n x | 1 +\n',
        'Some chatter above.\n\n-- >8 --\nSubject: after scissors\n\nThe message.\n---\ndiff --git a/x b/x\n',
        'chatter\n--- 8< ---\nFrom: X <x@example.org>\n\nbody\n---\n x | 1 +\n',
        '[PATCH] subject from a patch line\n\nbody text\ndiff --git a/x b/x\n',
        'Not a header: at all\nSubject: too late\n\nbody\n--- a/file\n+++ b/file\n',
      ];
      for (const b of bodies) {
        const mail = `From: Sender <s@example.org>\nSubject: [PATCH] outer subject\nDate: Tue, 2 Jan 2024 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n${b}`;
        const g = run(mail, dir)!;
        const ours = mailInfo(b);
        expect(ours.message).toBe(g.msg);
        expect(cleanSubject(ours.subject ?? '[PATCH] outer subject')).toBe(g.info.Subject);
        if (ours.date) expect(ours.date).toBe(g.info.Date!.trim());
        if (ours.from) expect(g.info.Email).toBe(/<([^>]+)>/.exec(ours.from)?.[1] ?? ours.from);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every patch mail of the corpus: git's commit message and subject", async () => {
    requireTool(git, 'git');
    const dir = mkdtempSync(join(tmpdir(), 'listlens-mailinfo-'));
    let n = 0;
    try {
      for (const { raw, text } of await patchTexts()) {
        // a charset git cannot convert ("y") is its refusal, not a message to compare
        const g = run(raw, dir, false);
        if (!g) continue;
        // single-part mail: git mailinfo reads MIME parts its own way (that is body.ts's, not this)
        const head = new TextDecoder('latin1').decode(raw.subarray(0, 8000)).split(/\r?\n\r?\n/)[0]!;
        if (/multipart\//i.test(head) || g.msg.includes('\ufffd')) continue;
        const ours = mailInfo(text);
        // line ends aside (the body decoder drops a line's CRs, as the mbox writer does)
        expect(ours.message.replace(/[ \t\r]+$/gm, '')).toBe(g.msg.replace(/[ \t\r]+$/gm, ''));
        n++;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(n).toBeGreaterThan(50);
    console.log(`mailinfo differential: ${n} patch mails, the same commit message as git mailinfo --scissors`);
  }, 120_000);

  it('scissors as git draws the line', () => {
    expect(isScissors('-- >8 --')).toBe(true);
    expect(isScissors('------------------------ >8 ------------------------')).toBe(true);
    expect(isScissors('8<-------- cut here --------')).toBe(true);
    expect(isScissors('-- 8')).toBe(false);
    expect(isScissors('a >8 b')).toBe(false);
  });
});

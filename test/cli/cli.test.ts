import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli.ts';
import { threadMboxUrl, USER_AGENT } from '../../src/cli/input.ts';
import { safe } from '../../src/cli/render.ts';
import { corpusDir, corpusPath, repoRoot } from '../helpers/corpus.ts';

const fixturePath = new URL('../fixtures/core/series.mbox', import.meta.url).pathname;
const fixture = readFileSync(fixturePath);

describe('listlens CLI', () => {
  it('prints a readable overview: tree, the series as its ledger, participants', async () => {
    const r = await runCli([fixturePath]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('[PATCH v2 0/2] mm: make frobnication faster');
    expect(r.out).toMatch(/Thread\n/);
    expect(r.out).toContain('○ (not in the archive) <missing-parent@example.org>');
    expect(r.out).toContain('\nSeries\n  Series: mm: make frobnication faster\n  Author: Alice Author <alice@example.org>\n');
    expect(r.out).toContain('    v2: 1/2 reviewed, 2/2 tested   (2024-07-01; thread; b4 shazam cover-v2@example.org)');
    expect(r.out).toMatch(/\n {2}1\/2 mm: add frob helper +\+ RT\n {2}2\/2 mm: use frob helper +\+ T\n/);
    expect(r.out).toMatch(/Björn Reviewer <bjorn@example.com> {2}1 msg .*gave Reviewed-by 1/);
  });

  it('--json prints the stable object', async () => {
    const r = await runCli([fixturePath, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['errors', 'messages', 'participants', 'roots', 'series']);
    expect(j.messages[0]).toEqual(expect.objectContaining({ id: 'cover-v2@example.org', parent: null, related: null, ghost: false, subject: '[PATCH v2 0/2] mm: make frobnication faster', from: { name: 'Alice Author', address: 'alice@example.org' }, date: '2024-07-01T10:00:00.000Z' }));
    expect(j.messages.find((m: { ghost: boolean }) => m.ghost).id).toBe('missing-parent@example.org');
    // the series are the ledgers, as listlens series --json prints them
    const cell = j.series[0].rows[0].cells[0];
    expect(cell).toEqual(expect.objectContaining({ counter: 1, id: 'patch1-v2@example.org', subject: '[PATCH v2 1/2] mm: add frob helper', marks: { reviewed: 1, acked: 0, tested: 1 } }));
    expect(cell.trailers).toContainEqual(expect.objectContaining({ name: 'Reviewed-by', value: 'Björn Reviewer <bjorn@example.com>', from: 'review1@example.com', origin: 'followup' }));
    const series = JSON.parse((await runCli(['series', fixturePath, '--json'])).out).series;
    expect(j.series).toEqual(series);
    expect(j.participants[0]).toEqual(expect.objectContaining({ name: expect.any(String), address: expect.any(String), aliases: expect.any(Array), messages: expect.any(Number), roles: expect.any(Array), trailers: expect.any(Object) }));
  });

  it('--focus shows the context with quotes folded', async () => {
    const r = await runCli([fixturePath, '--focus', '<review1@example.com>']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Looks good, schön.');
    expect(r.out).toMatch(/> \[1 quoted line/);
    expect(r.out).toContain('On Mon, Jul 01, 2024 at 10:00:01AM +0000, Alice Author wrote:');
    const bad = await runCli([fixturePath, '--focus', 'nope@x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no such message/);
  });

  it('reads .mbox.gz files, a single .eml, and says clearly what it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'listlens-cli-'));
    writeFileSync(join(dir, 't.mbox.gz'), gzipSync(fixture));
    expect((await runCli([join(dir, 't.mbox.gz'), '--json'])).out).toContain('cover-v2@example.org');
    writeFileSync(join(dir, 'one.eml'), 'Message-ID: <one@x>\nSubject: single\n\nhi\n');
    expect(JSON.parse((await runCli([join(dir, 'one.eml'), '--json'])).out).messages[0].id).toBe('one@x');
    const missing = await runCli([join(dir, 'nope.mbox')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/no such file/) });
    writeFileSync(join(dir, 'empty.mbox'), '');
    expect((await runCli([join(dir, 'empty.mbox')])).code).toBe(2);
    expect((await runCli([])).code).toBe(1);
    expect((await runCli(['--bogus', 'x'])).err).toMatch(/unknown option/);
  });

  it('never lets escape sequences from mail reach the terminal', () => {
    expect(safe('a\u001b[31mred\u0007\u009b2J\u202eb\tc')).toBe('a[31mred2Jb\tc');
  });

  it('maps public-inbox URLs to the thread mbox', () => {
    expect(threadMboxUrl('https://lore.kernel.org/linux-mm/abc%2Fdef@x/T/#u')).toBe('https://lore.kernel.org/linux-mm/abc%2Fdef@x/t.mbox.gz');
    expect(threadMboxUrl('https://lore.kernel.org/linux-mm/abc@x/')).toBe('https://lore.kernel.org/linux-mm/abc@x/t.mbox.gz');
    expect(threadMboxUrl('https://lore.kernel.org/linux-mm/abc@x/raw')).toBe('https://lore.kernel.org/linux-mm/abc@x/t.mbox.gz');
    expect(threadMboxUrl('https://lore.kernel.org/r/abc@x')).toBe('https://lore.kernel.org/all/abc@x/t.mbox.gz');
    expect(() => threadMboxUrl('https://lore.kernel.org/')).toThrow(/not a message URL/);
  });
});

describe('listlens CLI over HTTP', () => {
  let server: Server;
  let base = '';
  const seen: Array<{ url: string; ua: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', ua: String(req.headers['user-agent']) });
      if (req.url === '/list/cover-v2@example.org/t.mbox.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(gzipSync(fixture));
      } else if (req.url?.startsWith('/challenged/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Making sure you&#39;re not a bot!</title><script id="anubis_version" type="application/json">"v1.21.3"</script></head><body></body></html>');
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>404 Not Found</body></html>');
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('fetches t.mbox.gz with an honest User-Agent', async () => {
    const r = await runCli([`${base}/list/cover-v2@example.org/T/#u`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).messages).toHaveLength(7);
    expect(seen.at(-1)).toEqual({ url: '/list/cover-v2@example.org/t.mbox.gz', ua: USER_AGENT });
    expect(USER_AGENT).toMatch(/^ListLens\/\d+\.\d+\.\d+ \(\+https:\/\//);
  });

  it('says so when it gets a bot challenge or a 404 instead of mail', async () => {
    const c = await runCli([`${base}/challenged/x@y/`]);
    expect(c.code).toBe(3);
    expect(c.err).toMatch(/bot challenge page \(Anubis\)/);
    const nf = await runCli([`${base}/list/nope@x/`]);
    expect(nf.code).toBe(3);
    expect(nf.err).toMatch(/not found \(404\)/);
    const down = await runCli(['http://127.0.0.1:9/list/x@y/']);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(/could not fetch/);
  });
});

describe('listlens as a process', () => {
  it('runs from src/cli.ts with stdin input and exit codes', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli.ts'), '-', '--json'], { input: fixture, encoding: 'utf8', cwd: repoRoot });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).series).toHaveLength(1);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli.ts'), '/nonexistent.mbox'], { encoding: 'utf8', cwd: repoRoot });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^listlens: cannot read \/nonexistent.mbox: no such file/);
  });
});

describe('listlens resolve', () => {
  it('prints the resolution as JSON and exits 0', async () => {
    const r = await runCli(['resolve', 'https://lwn.net/ml/linux-kernel/20180720201706.GE7697@redhat.com/']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ archive: 'lwn', threadUrl: 'https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/' });
  });

  it('a valid URL of no known archive: exit 0, archive null and a note naming --host', async () => {
    const r = await runCli(['resolve', 'https://mirror.example/pi/git/a@b/']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ archive: null, messageId: null, note: expect.stringContaining('--host <host>') });
  });

  it('--host makes a host a public-inbox instance, with or without a scheme or a path prefix, repeatable', async () => {
    const url = 'https://mirror.example/pi/git/a@b/';
    const want = { archive: 'public-inbox', list: 'git', messageId: 'a@b', inboxUrl: 'https://mirror.example/pi/git/', threadUrl: url };
    for (const args of [['--host', 'mirror.example'], ['--host=https://mirror.example/pi/'], ['--host', 'other.example', '--host', 'mirror.example/pi']]) {
      const r = await runCli(['resolve', url, ...args]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject(want);
    }
    // a prefix the URL is not under does not match, as on the options page
    expect(JSON.parse((await runCli(['resolve', url, '--host', 'mirror.example/other/'])).out).archive).toBeNull();
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await runCli(['resolve', '--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^usage: listlens resolve <archive URL> \[--host <host>\]/);
  });

  it.each([
    [[], /no URL given/],
    [['https://lwn.net/ml/', 'https://lwn.net/ml/'], /one URL only/],
    [['https://lwn.net/ml/', '--host', 'ftp://x.example/'], /--host ftp:\/\/x.example\/: not a host/],
  ])('usage error %j: exit 1', async (args, why) => {
    const r = await runCli(['resolve', ...args]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(why);
    expect(r.err).toMatch(/usage: listlens resolve/);
  });

  it.each([
    [['https://lwn.net/ml/', '--json'], 'unknown option --json'],
    [['https://lwn.net/ml/', '--host'], '--host needs a host'],
  ])('a misused option %j: one line naming it and --help, exit 1', async (args, why) => {
    expect(await runCli(['resolve', ...args])).toEqual({ code: 1, out: '', err: `listlens resolve: ${why}; see listlens resolve --help\n` });
  });

  it('a string that is no URL: exit 2', async () => {
    for (const s of ['not a url', 'lore.kernel.org/linux-mm/x@y/']) {
      const r = await runCli(['resolve', s]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/not a URL/);
    }
  });
});

describe('listlens --json --focus, exit codes and what is not mail', () => {
  it('--json --focus prints one object, the focus context a field of it', async () => {
    const r = await runCli([fixturePath, '--json', '--focus', '<review1@example.com>']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const j = JSON.parse(r.out); // throws on two documents
    expect(Object.keys(j)).toEqual(['messages', 'roots', 'participants', 'series', 'errors', 'focus']);
    expect(j.focus.id).toBe('review1@example.com');
    expect(j.focus.context.map((e: { id: string }) => e.id)).toEqual(['cover-v2@example.org', 'patch1-v2@example.org', 'review1@example.com']);
    const last = j.focus.context[2];
    expect(last.blocks).toContainEqual(expect.objectContaining({ kind: 'quote', depth: 1, author: 'Alice Author', quotedId: 'patch1-v2@example.org' }));
    // without --focus the object has no focus field
    expect(Object.keys(JSON.parse((await runCli([fixturePath, '--json'])).out))).not.toContain('focus');
  });

  it('an unknown --focus id: one line on stderr, nothing on stdout, exit 1', async () => {
    for (const extra of [[], ['--json']]) {
      const r = await runCli([fixturePath, ...extra, '--focus', 'nope@x']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toBe(`listlens: --focus nope@x: no such message in ${fixturePath}\n`);
    }
  });

  it('random bytes or plain text are no mail: exit 2, nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'listlens-notmail-'));
    let seed = 3;
    writeFileSync(join(dir, 'g'), new Uint8Array(20000).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24));
    writeFileSync(join(dir, 'notes.txt'), 'hello world\nthis is not mail\n');
    for (const f of ['g', 'notes.txt']) {
      const r = await runCli([join(dir, f)]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`listlens: no mail found in ${join(dir, f)} (not mail: no header fields (\`Name: value\`) before the first blank line)\n`);
    }
  });
});

describe.runIf(corpusDir)('listlens text output over corpus mail', () => {
  it('a series without a subject is titled "(no subject)", never an empty line (git sample.mbox)', async () => {
    const r = await runCli([corpusPath('git/sample.mbox')]);
    const series = r.out.slice(r.out.indexOf('\nSeries'), r.out.indexOf('\nParticipants'));
    expect(series).toContain('\n  Series: (no subject)\n  Author: A U Thor <a.u.thor@example.com>\n');
    expect(series).toMatch(/\n {2}1\/1 \(no subject\) +\+\n/);
    expect(series).toContain('\n    1/1 (no subject)\n');
    expect(series.split('\n').some((l) => l.length > 0 && !l.trim())).toBe(false);
  });

  it('`[Patch 2/2]: powerpc/…` is titled without the colon (patchwork base-no-references-no-cover)', async () => {
    const r = await runCli([corpusPath('patchwork/series/base-no-references-no-cover.mbox')]);
    expect(r.out).toContain('\n    2/2 powerpc/hotplug/mm: Fix hot-add memory node assoc\n');
    expect(r.out).not.toMatch(/ : powerpc/);
    const j = JSON.parse((await runCli([corpusPath('patchwork/series/base-no-references-no-cover.mbox'), '--json'])).out);
    expect(j.series[0].rows.map((r: { cells: Array<{ counter: number }> }) => r.cells[0]!.counter)).toEqual([1, 2]);
  });

  it('being Cc:ed in a patch is no trailer given (patchew 0003-single-patch-reviewed)', async () => {
    const r = await runCli([corpusPath('patchew/0003-single-patch-reviewed.mbox')]);
    expect(r.out).toContain('  Aurelien Jarno <aurelien@aurel32.net>  1 msg  2016-07-22..2016-07-22  reviewer  gave Reviewed-by 1\n');
    expect(r.out).toContain('  Leon Alrae <leon.alrae@imgtec.com>  1 msg  2016-07-26..2016-07-26\n');
    expect(r.out).not.toMatch(/gave[^\n]*Cc/);
  });
});

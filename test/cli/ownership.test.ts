/**
 * `listlens series --maintainers` (issue 18): per version the ownership line and per patch
 * its entries with status ("waiting on …", "acked by …"), K: keywords read from the mail,
 * "waiting on you" with --me, malformed lines said on stderr with their line number; the
 * file from disk or from a URL (a local HTTP server); the JSON's `ownership` beside each
 * ledger; and bots' findings in the text. Crafted series mail (series-mail.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { bob, mark, mbox, posting, reply, type Mail } from '../fixtures/model/series-mail.ts';

const FILE = `MEMORY MANAGEMENT
M:\t${mark.name} <${mark.address}>
R:\t${bob.name} <${bob.address}>
S:\tMaintained
F:\tmm/

DOCUMENTATION
M:\tJon Docs <jon@docs.example>
S:\tOdd Fixes
F:\tDocumentation/

FROB WATCHERS
M:\tKay Word <kay@example.org>
K:\tfrobnicate_all

THE REST
M:\tLinus Torvalds <torvalds@linux-foundation.org>
F:\t*
F:\t*/
`;

const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['docs: document frob', 'Documentation/frob.rst', 'frobnicate_all()'],
];

describe('listlens series --maintainers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-owners-'));
  const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
  const lkp: Mail = {
    id: 'lkp-1@intel.com',
    from: { name: 'kernel test robot', address: 'lkp@intel.com' },
    subject: `Re: ${v1[2]!.subject}`,
    date: v1[2]!.date,
    replyTo: v1[2]!.id,
    body: `kernel test robot noticed the following build errors:\n\npatch link:    https://lore.kernel.org/r/v1-2%40example.org\npatch subject: ${v1[2]!.subject}\n\n| Reported-by: kernel test robot <lkp@intel.com>\n| Closes: https://lore.kernel.org/oe-kbuild-all/lkp-1@intel.com/\n\n>> mm/use.c:3:1: error: implicit declaration of function 'frob'\n`,
  };
  const file = join(dir, 'v1.mbox');
  writeFileSync(file, mbox([...v1, reply('a1', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`), lkp]));
  const mfile = join(dir, 'MAINTAINERS');
  writeFileSync(mfile, `${FILE}\nX:\tstray field before nothing wrong\nbroken\nM:\tno address here\n`);
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/MAINTAINERS') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(FILE);
      } else {
        res.writeHead(404);
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('per version the line, per patch the entries and whose ack is missing; malformed lines on stderr', async () => {
    const r = await runCli(['series', file, '--maintainers', mfile, '--me', 'jon@docs.example']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/MAINTAINERS:\d+: .*; skipped\n/);
    const at = r.out.indexOf('MAINTAINERS (per version');
    expect(at).toBeGreaterThan(0);
    expect(r.out.slice(at).split('\n').slice(0, 5)).toEqual([
      'MAINTAINERS (per version; per patch: entry, state, status):',
      '  v1: 0 of 2 subsystems acked; waiting on MEMORY MANAGEMENT (M: Mark Maintainer), DOCUMENTATION (M: Jon Docs)   [waiting on you]',
      '    1/3 MEMORY MANAGEMENT: acked by Mark Maintainer [Maintained]',
      '    2/3 waiting on MEMORY MANAGEMENT (M: Mark Maintainer) [Maintained]',
      '    3/3 waiting on DOCUMENTATION (M: Jon Docs) [Odd Fixes] [you]; waiting on FROB WATCHERS (M: Kay Word) (keyword; owes no ack)',
    ]);
    // the robot's report is a finding on the patch it names, never a trailer
    expect(r.out).toContain("Bot findings (never trailers):\n  v1 2/3: build error: implicit declaration of function 'frob' — kernel test robot, 2024-01-01 https://lore.kernel.org/oe-kbuild-all/lkp-1@intel.com/ <lkp-1@intel.com>");
  });

  it('the file from a URL; --json puts `ownership` beside each ledger', async () => {
    const r = await runCli(['series', file, '--maintainers', `${origin}/MAINTAINERS`, '--json']);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { series: Array<{ title: string; ownership: { entries: Array<{ name: string }>; versions: Array<{ summary: string; counts: Record<string, number> }>; cells: Array<Array<{ state: string } | null>> } }> };
    const o = j.series[0]!.ownership;
    expect(o.versions[0]!.counts).toMatchObject({ subsystems: 2, acked: 0, waiting: 2 });
    expect(o.cells.map((row) => row[0]?.state)).toEqual(['acked', 'waiting', 'waiting']);
    expect(o.entries.map((e) => e.name)).toEqual(['MEMORY MANAGEMENT', 'DOCUMENTATION', 'FROB WATCHERS']);
  });

  it("the file's M: people are whose \"applied\" the ledger believes: an applied reply from one acks his patches", async () => {
    const applied = join(dir, 'applied.mbox');
    writeFileSync(applied, mbox([...v1, reply('ty', v1[0]!, mark, 3, 'Applied to mm-unstable, thanks!')]));
    const without = await runCli(['series', applied]);
    expect(without.out).toMatch(/says applied to mm-unstable \(unverified\)/);
    const r = await runCli(['series', applied, '--maintainers', mfile]);
    expect(r.out).toMatch(/v1: .*applied to mm-unstable/);
    expect(r.out).toContain('    2/3 MEMORY MANAGEMENT: acked by Mark Maintainer [Maintained]');
    expect(r.out).toContain('    3/3 waiting on DOCUMENTATION (M: Jon Docs) [Odd Fixes]');
  });

  it('a missing file, a 404, no entries: a clear message and its exit code', async () => {
    expect(await runCli(['series', file, '--maintainers', join(dir, 'nope')])).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read .*nope: no such file/) });
    expect(await runCli(['series', file, '--maintainers', `${origin}/missing`])).toMatchObject({ code: 3, err: expect.stringMatching(/HTTP 404/) });
    const empty = join(dir, 'EMPTY');
    writeFileSync(empty, 'nothing\n');
    expect(await runCli(['series', file, '--maintainers', empty])).toMatchObject({ code: 2, err: expect.stringMatching(/no MAINTAINERS entry/) });
    expect(await runCli(['series', file, '--maintainers'])).toMatchObject({ code: 1, err: 'listlens series: --maintainers needs a MAINTAINERS file or URL; see listlens series --help\n' });
  });
});

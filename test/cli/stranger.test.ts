/**
 * Issue 16, "The ledger believes a stranger", tried as an attacker would: crafted mail posted
 * to a real public-inbox-httpd (the e2e rig's archive) and `listlens series` fetching each
 * thread from it by URL, as a reader would. In the v9 thread: a stranger's `[PATCH v10 0/3]`
 * of the same title sent as a reply to the v9 cover, its patches carrying pasted trailers;
 * "Applied to mm-stable, thanks!" from a random address; a Reviewed-by from Andrew Morton's
 * name at an address his history never used; a v10 in Alice's very name from an address hers
 * never used. In a thread of its own: another stranger's v10 linking v9 from its cover. v8's
 * thread holds Andrew Morton's real address.
 * The text and `--json` must show each: the versions by other authors apart, "says applied
 * (unverified)" and no ✓, the trailer and the version from a new address counted and marked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startArchive, type Archive } from '../e2e/rig/archive.ts';
import { alice, mbox, type Who } from '../fixtures/model/series-mail.ts';
import { akpm, akpmEvil, aliceNew, eve, mallory, rando, strangerMail } from '../fixtures/model/stranger-mail.ts';

const hasPublicInbox = spawnSync('sh', ['-c', 'command -v public-inbox-httpd'], { encoding: 'utf8' }).status === 0;

describe.runIf(hasPublicInbox || process.env.CI)('listlens series on a stranger\'s mail served by public-inbox', () => {
  let archive: Archive;
  let urls: string[];
  beforeAll(async () => {
    if (!hasPublicInbox) throw new Error('public-inbox is not installed; CI must have it');
    const dir = mkdtempSync(join(tmpdir(), 'listlens-stranger-'));
    const mail = strangerMail();
    const files = Object.entries(mail).map(([name, mails]) => {
      const f = join(dir, `${name}.mbox`);
      writeFileSync(f, mbox(mails));
      return f;
    });
    archive = await startArchive({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files }] });
    const at = (mid: string): string => `${archive.httpOrigin}/linux-mm/${mid}/`;
    urls = [at('v9-0@example.org'), at('v8-0@example.org'), at('eve-v10-0@example.org')];
  }, 120_000);
  afterAll(async () => {
    await archive?.dispose();
  });

  it('the text: other authors\' v10 apart, "says applied (unverified)" without ✓, the new addresses marked', async () => {
    const r = await runCli(['series', ...urls]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // the series of the first URL, then each stranger's posting as a series of its own
    const [alices, mallorys, eves] = r.out.split(/\n(?=Series: )/);
    expect([alices, mallorys, eves].map((l) => l?.split('\n')[1])).toEqual(['Author: Alice Author <alice@example.org>', 'Author: Mallory Poster <mallory@evil.example>', 'Author: Eve Linker <eve@evil.example>']);
    const lines = alices!.split('\n');
    // only versions in the author's name are columns, and only theirs are offered to b4; the
    // one from an address her name never wrote from is marked @, on its line and its column
    const versions = lines.filter((l) => /^ {2}v\d+: /.test(l));
    expect(versions.map((l) => l.replace(/ {3}\(.*$/, ''))).toEqual(['  v8: 0/3 reviewed, 1/3 acked', '  v9: 3/3 reviewed, says applied to mm-stable (unverified)', '  v10: 3/3 reviewed, 3/3 acked']);
    expect(versions.map((l) => l.includes('@ posted from'))).toEqual([false, false, true]);
    expect(versions[2]).toMatch(/; b4 shazam alice-new-v10-0@example\.org; @ posted from alice\.author@evil\.example, an address not seen before for Alice Author \(who wrote from alice@example\.org\)\)$/);
    expect(lines.find((l) => l.startsWith('    patch '))).toMatch(/ v8 +v9 +v10@$/);
    expect(alices).not.toMatch(/b4 shazam (mallory|eve)/);
    expect(lines.find((l) => l.includes('mm: document frob'))).toMatch(/^3\/3 mm: document frob +\+ +∆ R@ +≡ R2A@$/);
    // no patch row carries a ✓
    expect(lines.filter((l) => /^\d+\/3 mm: /.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /^\d+\/3 mm: /.test(l)).join('\n')).not.toContain('✓');
    expect(mallorys).toContain(['Claims to continue another author\'s series (posted by Mallory Poster <mallory@evil.example>, not merged):', '  v9 [PATCH v9 0/3] mm: make frobnication faster (2024-01-10) <v9-0@example.org>', '    by Alice Author <alice@example.org>; tied only by reply'].join('\n'));
    expect(eves).toContain('tied only by link');
    expect(r.out).toContain(['Says applied (unverified): v9 to mm-stable by Random Person <rando@random.example>, 2024-01-13 <rando-applied@example.org>', '  not from a maintainer, a committer of this series or a b4 ty reply naming commits: no ✓'].join('\n'));
    expect(r.out).toContain(['From an address not seen before for this name (counted; check it):', '  3/3 mm: document frob: Reviewed-by: Andrew Morton <akpm@linux-foundation.org> — sent from akpm.reviews@evil.example; Andrew Morton wrote before from akpm@linux-foundation.org'].join('\n'));
    expect(r.out).toContain(
      [
        'Posted by another author (not merged):',
        '  v10 [PATCH v10 0/3] mm: make frobnication faster (2024-01-14) <mallory-v10-0@example.org>',
        '    posted by Mallory Poster <mallory@evil.example>, not the series author; tied only by reply',
        '  v10 [PATCH v10 0/3] mm: make frobnication faster (2024-01-15) <eve-v10-0@example.org>',
        '    posted by Eve Linker <eve@evil.example>, not the series author; tied only by link',
      ].join('\n'),
    );
  });

  it('listlens am of the v10 from a new address writes it, and says so; v9 says nothing', async () => {
    const v10 = await runCli(['am', ...urls, '-o', '-']);
    expect(v10.code).toBe(0);
    expect(v10.out).toContain('Message-Id: <alice-new-v10-1@example.org>');
    expect(v10.err).toContain('note: @ posted from alice.author@evil.example, an address not seen before for Alice Author (who wrote from alice@example.org)\n');
    const v9 = await runCli(['am', ...urls, '-v', '9', '-o', '-']);
    expect(v9.code).toBe(0);
    expect(v9.err).not.toContain('note:');
  });

  it('--json: the same facts for a script', async () => {
    const r = await runCli(['series', ...urls, '--json']);
    expect(r.code).toBe(0);
    const l = JSON.parse(r.out).series[0];
    expect(l.versions.map((v: { version: number; author?: Who; newAddress?: string[] }) => [v.version, v.author ?? null, v.newAddress ?? null])).toEqual([
      [8, null, null],
      [9, null, null],
      [10, aliceNew, [alice.address]],
    ]);
    expect(JSON.parse(r.out).series[1].claims).toMatchObject([{ key: 'v9-0@example.org', author: { address: 'alice@example.org' }, tiedBy: ['reply'] }]);
    expect(l.otherAuthors.map((o: { key: string; author: Who; tiedBy: string[] }) => [o.key, o.author.address, o.tiedBy])).toEqual([
      ['mallory-v10-0@example.org', mallory.address, ['reply']],
      ['eve-v10-0@example.org', eve.address, ['link']],
    ]);
    expect(l.applied).toBeNull();
    expect(l.saysApplied).toMatchObject({ version: 9, by: rando, where: 'mm-stable', trust: null });
    const cell = l.rows[2].cells[1];
    expect(cell.applied).toBeNull();
    expect(cell.marks).toEqual({ reviewed: 1, acked: 0, tested: 0 });
    expect(cell.trailers.find((t: { name: string }) => t.name === 'Reviewed-by')).toMatchObject({ sender: akpmEvil, newAddress: [akpm.address] });
    expect(l.rows[0].cells[0].trailers.find((t: { name: string }) => t.name === 'Acked-by').newAddress).toBeUndefined();
  });
});

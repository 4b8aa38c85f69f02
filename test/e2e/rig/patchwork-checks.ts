/**
 * Patchwork's checks (issue 18, optional) as both browsers' suites see them (patchwork.e2e.ts in
 * Chromium, patchwork-firefox.e2e.ts in Firefox ESR), written once against rig/drive.ts so the
 * two are held to the same words:
 * - the setup: v1 and v2 of test/fixtures/patchwork/series.ts in public-inbox-httpd as
 *   lore.kernel.org, and the recorded patchwork (test/helpers/patchwork-server.ts) behind the
 *   front as patchwork.kernel.org;
 * - off by default: the matrix is drawn and patchwork.kernel.org is asked nothing;
 * - the Options switch (the host's permission asked from the click; how the browser answers is
 *   each suite's): the box follows, the words say what is read, still nothing asked;
 * - the matrix: the ⚑ on the failing patches only, every cell's checks in its label, each
 *   version's line, a cell's detail listing each check; one lookup and one checks list per
 *   patch, honestly named; a reopen asks nothing (the checks come from the cache);
 * - a day later (the suite moves the worker's clock) a 429 with Retry-After on one checks
 *   list is waited out, then the checks come, and no lookup is made again;
 * - offline and two days later (the suite's doing), the cached checks with the failed
 *   refresh said beside them.
 *
 * Non-goals: starting browsers, opening the panel, moving the worker's clock (each browser
 * has its own way: the suites).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mbox } from '../../fixtures/model/series-mail.ts';
import { THREAD, V2 } from '../../fixtures/patchwork/series.ts';
import { startPatchworkServer, type PatchworkServer } from '../../helpers/patchwork-server.ts';
import { axeSerious, textOf, until, type Drive } from './drive.ts';
import { expectNoErrorDump } from './ext.ts';
import { loreUrl, type Rig, type RigOptions } from './rig.ts';

export const PW = 'patchwork.kernel.org';
/** The page every test opens: v2's cover, whose thread holds both versions. */
export const PW_PAGE = loreUrl('linux-mm', V2[0]!.id);
export const V1_LINE = 'patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success';
export const V2_LINE = 'patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success';
const SECTION = 'section[aria-labelledby="ll-opt-patchwork"]';
const LEDGER = '#ll-b-ledger';
const CELLS = `${LEDGER} table.ll-matrix tbody td button`;

/** The series' mail for the rig, and the recorded patchwork the front is to send patchwork.kernel.org to (`attach`). */
export interface PatchworkSetup {
  inboxes: NonNullable<RigOptions['inboxes']>;
  pw: PatchworkServer;
  attach(rig: Rig): void;
  done(): Promise<void>;
}

export async function patchworkSetup(): Promise<PatchworkSetup> {
  const tmp = mkdtempSync(join(tmpdir(), 'listlens-patchwork-e2e-'));
  const file = join(tmp, 'thread.mbox');
  writeFileSync(file, mbox(THREAD));
  const pw = await startPatchworkServer(`https://${PW}`);
  return {
    inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: [file] }],
    pw,
    attach: (rig) => void rig.front.backends.set(PW, pw.origin),
    async done() {
      await pw.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** What the front passed on to patchwork.kernel.org (matching `what`), as "status url". */
export const askedOf = (rig: Rig, what: RegExp = /./): string[] => rig.front.log.filter((e) => e.host === PW && what.test(e.url)).map((e) => `${e.status} ${e.url}`);

/** Off by default: the matrix is drawn (so the panel asked the worker), the worker asked nobody. */
export async function checkOff(d: Drive, rig: Rig): Promise<void> {
  await textOf(d, ['Versions', /2 versions/], 45_000);
  await until(d, (sel) => document.querySelectorAll(sel).length, CELLS, (n) => n === 6, 'the matrix has 6 cells', 20_000);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await d.evaluate(() => document.querySelectorAll('.ll-checks').length, null)).toBe(0);
  expect(askedOf(rig)).toEqual([]);
  expect(d.errors).toEqual([]);
}

/** Screenshots (the whole page as `shot.page`, `selector` alone as `shot.part`) and axe-core over `selector`, in each scheme `d` can show. */
async function lookAt(d: Drive, selector: string, shots: string, shot: { page?: string; part?: string }): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const s of d.schemes) {
    await d.scheme(s);
    if (shot.page) await d.screenshot(join(shots, `${shot.page}-${s}.png`), true);
    if (shot.part) await d.screenshotOf(selector, join(shots, `${shot.part}-${s}.png`));
    expect(await axeSerious(d, selector)).toEqual([]);
  }
}

/**
 * `d` on the options page: the box is off, a click asks for the host (the browser grants it:
 * each suite arranges that the way its browser allows), then the box and the words follow.
 */
export async function switchOnInOptions(d: Drive, rig: Rig, shots: string, prefix: string): Promise<void> {
  await d.viewport(360, 1400);
  await textOf(d, [/Patchwork checks/, /Show patchwork's checks in the matrix/]);
  const box = `${SECTION} label > input[type="checkbox"]`;
  const checked = (): Promise<boolean> => d.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.checked ?? null, box) as Promise<boolean>;
  expect(await d.evaluate((sel) => document.querySelector(sel)?.parentElement?.textContent?.trim(), box)).toBe("Show patchwork's checks in the matrix");
  expect(await checked()).toBe(false);
  await d.click(box);
  await until(d, (sel) => (document.querySelector(sel) as HTMLInputElement | null)?.checked, box, (v) => v === true, 'the box to follow the grant', 10_000);
  await textOf(d, [/Patchwork checks on: ListLens reads patchwork\.kernel\.org while a series' matrix is open/], 10_000);
  expect(askedOf(rig)).toEqual([]);
  await lookAt(d, SECTION, shots, { part: `${prefix}-options` });
  expect(d.errors).toEqual([]);
}

/** The matrix at 360 px with the checks in: marks, labels, version lines, a cell's list, the requests. */
export async function checkMatrix(d: Drive, rig: Rig, shots: string, prefix: string): Promise<void> {
  await d.viewport(360, 1400);
  expectNoErrorDump(await textOf(d, ['Versions', /2 versions/, V1_LINE, V2_LINE], 45_000));
  const labels = await d.evaluate((sel) => [...document.querySelectorAll(sel)].map((b) => b.getAttribute('title') ?? ''), CELLS);
  expect(labels.map((l) => /patchwork: [^;]*/.exec(l)?.[0] ?? '')).toEqual([
    'patchwork: 1 warning, 2 success',
    'patchwork: 3 success',
    'patchwork: 1 fail (netdev/build_clang), 2 success',
    'patchwork: 1 fail (netdev/build_clang), 1 pending, 1 success',
    'patchwork: no checks',
    'patchwork: 3 success',
  ]);
  expect(await d.evaluate((sel) => [...document.querySelectorAll(sel)].map((b) => (b.querySelector('.ll-finding-flag') ? '⚑' : '')), CELLS)).toEqual(['', '', '⚑', '⚑', '', '']);
  const lines = await d.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => (e as HTMLElement).innerText), `${LEDGER} .ll-vsum .ll-checks-summary`);
  expect(lines).toEqual([`✗ ${V1_LINE}`, `✗ ${V2_LINE}`]);
  // one lookup and one checks list per patch, newest version first
  expect(askedOf(rig, /msgid=/)).toHaveLength(6);
  expect(askedOf(rig, /msgid=/)[0]).toMatch(/^200 \/api\/1\.2\/patches\/\?msgid=pw2-/);
  expect(askedOf(rig, /\/checks\//)).toHaveLength(6);
  // honestly named, as every request of the worker
  expect(new Set(rig.front.log.filter((e) => e.host === PW).map((e) => e.userAgent.replace(/\/.*/, '')))).toEqual(new Set(['ListLens']));
  // v1 2/3: the failure, the recheck that passed, a link per check
  await d.click(`${LEDGER} table.ll-matrix tbody tr:nth-child(2) td button`);
  const items = await until(
    d,
    () => [...document.querySelectorAll('#ll-b-ledger .ll-cell-checks li')].map((li) => (li as HTMLElement).innerText),
    null,
    (v) => v?.length === 3,
    "v1 2/3's three checks",
    10_000,
  );
  expect(items).toEqual([
    expect.stringMatching(/^✗ fail netdev\/build_clang: Errors and warnings before: 0 this patch: 2 — Jan 1/),
    expect.stringMatching(/^✓ success bpf-ci\/vmtest-bpf-next: Logs for vmtest-bpf-next \(recheck\) — Jan 1/),
    expect.stringMatching(/^✓ success netdev\/checkpatch: total: 0 errors/),
  ]);
  expect(await d.evaluate(() => document.querySelector('#ll-b-ledger .ll-cell-checks a')?.getAttribute('href'), null)).toBe('https://patchwork.kernel.org/project/linux-mm/patch/pw1-2@example.org/');
  await lookAt(d, LEDGER, shots, { page: `${prefix}-matrix`, part: `${prefix}-versions` });
  expect(d.errors).toEqual([]);
}

/** A reopen within the checks' time asks patchwork nothing: they come from the cache. */
export async function checkReopen(open: () => Promise<Drive>, rig: Rig): Promise<void> {
  rig.front.log.length = 0;
  const d = await open();
  await textOf(d, [V1_LINE, V2_LINE], 45_000);
  expect(askedOf(rig)).toEqual([]);
  expect(d.errors).toEqual([]);
  await d.close();
}

/** A day later: one checks list refused with a 429 and Retry-After, asked again once that has passed; the lookups are still held. */
export async function checkRateLimitWaited(open: () => Promise<Drive>, rig: Rig): Promise<void> {
  rig.front.log.length = 0;
  rig.front.rules = [{ kind: 'rate-limit', path: /\/checks\//, count: 1, retryAfter: 1 }];
  try {
    const d = await open();
    await textOf(d, [V1_LINE, V2_LINE], 45_000);
    await expect.poll(() => askedOf(rig, /\/checks\//).length, { timeout: 30_000 }).toBe(7);
    const lists = askedOf(rig, /\/checks\//);
    expect(lists.filter((l) => l.startsWith('429 '))).toHaveLength(1);
    const refused = lists.find((l) => l.startsWith('429 '))!.slice(4);
    expect(lists).toContain(`200 ${refused}`);
    expect(askedOf(rig, /msgid=/)).toEqual([]);
    await until(d, () => document.querySelectorAll('p.ll-checks[role=status]').length, null, (n) => n === 0, 'no checks status left', 20_000);
    expect(d.errors).toEqual([]);
    await d.close();
  } finally {
    rig.front.rules = [];
  }
}

/** `d`: the panel opened with the archive and patchwork down, the checks due: the cached ones shown, the failed refresh said. */
export async function checkOffline(d: Drive, shots: string, prefix: string): Promise<void> {
  await d.viewport(360, 1400);
  await textOf(d, [/offline/i, V1_LINE, V2_LINE, /a patch's last refresh failed: patchwork\.kernel\.org could not be reached/], 60_000);
  expect(await d.evaluate((sel) => document.querySelectorAll(sel).length, `${LEDGER} table.ll-matrix tbody .ll-finding-flag`)).toBe(2);
  await lookAt(d, LEDGER, shots, { page: `${prefix}-offline` });
  expect(d.errors).toEqual([]);
}

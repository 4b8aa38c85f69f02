/**
 * The content script's main-thread cost on a lore message page (issue 4: ≤ 5 ms), measured
 * in real Chromium with the built extension (dist/chrome) against the e2e rig's real
 * public-inbox-httpd under the name lore.kernel.org.
 *
 * Measured from a Chromium trace (devtools.timeline + v8): every top-level main-thread task
 * that runs content.js (its compile, its evaluation, and the callbacks it scheduled),
 * summed per page load, over several loads of message pages. The first load is reported
 * apart (code cache cold). The script's own `listlens-content` measure (detection only) is
 * read from the page's performance timeline too.
 *
 * Run: `npm run build && node --import tsx bench/content-script.ts` (needs ../shared/corpus).
 * Non-goals: asserting anything (numbers go to the report), Firefox.
 */
import { loreUrl, startRig } from '../test/e2e/rig/rig.ts';
import { launchChromium } from '../test/e2e/rig/browsers.ts';
import { BUG_ON_INPUT, POWERPC, QUORUM, SEED, SEMICOLONS, X86 } from '../test/e2e/rig/mail.ts';
import { median } from './stats.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; frame?: string; functionName?: string }; fileName?: string };
}

const PAGES = [SEED, BUG_ON_INPUT, POWERPC, X86].map((m) => loreUrl(m.list, m.mid)).concat([loreUrl(SEMICOLONS.list, SEMICOLONS.cover), loreUrl(QUORUM.list, QUORUM.v3)]);
const ROUNDS = 3;

const rig = await startRig();
const run = await launchChromium({ port: rig.port, spki: rig.spki });
const ext = `chrome-extension://${run.extensionId}/content.js`;
const perLoad: number[] = [];
const detectMs: number[] = [];
try {
  const page = await run.ctx.newPage();
  const cdp = await run.ctx.newCDPSession(page);
  for (let round = 0; round < ROUNDS; round++) {
    for (const url of PAGES) {
      const events: TraceEvent[] = [];
      const collect = (d: { value: object[] }): void => void events.push(...(d.value as TraceEvent[]));
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
      await page.goto(url, { waitUntil: 'load' });
      // the script runs at document_idle; wait until its control or its measure is there
      await page.waitForFunction(() => performance.getEntriesByName('listlens-content').length > 0 || !!document.getElementById('listlens-open'), null, { timeout: 10_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', collect);
      // Top-level events mentioning content.js on the page's main thread.
      const own = events.filter((e) => e.ph === 'X' && e.dur !== undefined && (e.args?.data?.url === ext || e.args?.fileName === ext));
      const tops = own.filter((e) => !own.some((o) => o !== e && o.tid === e.tid && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
      const ms = tops.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
      perLoad.push(ms);
      const m = await page.evaluate(() => performance.getEntriesByName('listlens-content').map((e) => e.duration)).catch(() => [] as number[]);
      if (m.length) detectMs.push(...m);
      console.log(`${round}/${url.slice(0, 90)}: ${ms.toFixed(2)} ms main thread (${tops.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(2)}`).join(', ')})`);
    }
  }
} finally {
  await run.close();
  await rig.dispose();
}
const warm = perLoad.slice(1);
console.log(`\ncontent script main thread per lore page load: first ${perLoad[0]?.toFixed(2)} ms; then median ${median(warm).toFixed(2)} ms, max ${Math.max(...warm).toFixed(2)} ms over ${warm.length} loads`);
console.log(detectMs.length ? `its own measure (detection, URL first): median ${median(detectMs).toFixed(3)} ms, max ${Math.max(...detectMs).toFixed(3)} ms` : 'its own measure is not visible from the page (isolated world timeline)');

/**
 * `listlens series … --patchwork [URL]` (issue 18): each patch's checks from a patchwork
 * instance (patchwork.kernel.org by default), read as the extension reads them — the REST
 * API's lookup by Message-ID, then the patch's checks list (core/series/patchwork-json.ts),
 * the newest check per account and context counted, failures among the ledger's findings
 * (core/series/patchwork-checks.ts `withChecks`). In text, per version its line and per
 * patch its checks that did not pass; in JSON, each series' `checks` beside its ledger.
 *
 * Politely: `ListLens/<version>` as User-Agent, two patches at a time, a 429/503 waited out
 * when its Retry-After is at most a minute (three times at most), else nothing more is asked;
 * nothing is cached (the extension's worker caches). A patch that could not be read says why.
 *
 * Non-goals: choosing which lists an instance tracks (the reader asked for this one).
 */
import { checksPageUrl, lookupPatches, lookupUrl, nextPage, readChecks, type PatchworkPatchRef } from '../core/series/patchwork-json.ts';
import { checkName, latestChecks, orderChecks, type LedgerChecks, type PatchChecks, type PatchworkCheck } from '../core/series/patchwork-checks.ts';
import type { Ledger } from '../core/series/ledger.ts';
import { USER_AGENT } from './input.ts';
import { shown } from './render.ts';

const MAX_WAIT_MS = 60_000;
const MAX_PAGES = 4;

export interface Asker {
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Said on stderr: a wait. */
  say?: (line: string) => void;
}

class Stop extends Error {}

/** Patchwork's checks of these patches (each Message-ID once), read from `instance`. */
export async function askChecks(instance: string, msgids: readonly string[], a: Asker = {}): Promise<Map<string, PatchChecks>> {
  const fetchImpl = a.fetchImpl ?? fetch;
  const sleep = a.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const host = new URL(instance).host;
  const origin = new URL(instance).origin;
  let stopped: string | null = null;

  async function get(url: string): Promise<{ status: number; json: unknown; next: string | null }> {
    if (new URL(url).origin !== origin) throw new Error(`${host} named another host (${new URL(url).host}): not asked`);
    for (let attempt = 0; ; attempt++) {
      if (stopped) throw new Stop(stopped);
      let res: Response;
      try {
        res = await fetchImpl(url, { headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' }, redirect: 'follow' });
      } catch (e) {
        throw new Error(`${host} could not be reached (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`, { cause: e });
      }
      const text = await res.text();
      if (res.status === 429 || res.status === 503) {
        const ra = res.headers.get('retry-after');
        const ms = ra && /^\d+$/.test(ra.trim()) ? Number(ra) * 1000 : ra ? Math.max(0, Date.parse(ra) - Date.now()) : 5000;
        if (attempt >= 3 || !(ms <= MAX_WAIT_MS)) {
          stopped = `${host} asked to wait${Number.isFinite(ms) ? ` ${Math.ceil(ms / 1000)} s` : ''} (HTTP ${res.status}): not asked`;
          throw new Stop(stopped);
        }
        a.say?.(`${host} asked to wait ${Math.ceil(ms / 1000)} s (HTTP ${res.status})`);
        await sleep(ms);
        continue;
      }
      if (res.status === 404) return { status: 404, json: null, next: null };
      if (res.status !== 200) throw new Error(`${host} answered HTTP ${res.status}`);
      if (/^\s*</.test(text)) throw new Error(`${host} answered with a web page, not patchwork's REST API`);
      try {
        return { status: 200, json: JSON.parse(text), next: nextPage(res.headers.get('link')) };
      } catch {
        throw new Error(`${host} answered something that is not JSON`);
      }
    }
  }

  async function one(msgid: string): Promise<PatchChecks> {
    const look = await get(lookupUrl(instance, msgid));
    if (look.status === 404) throw new Error(`${host} has no patchwork REST API 1.2 at ${instance}`);
    const found: PatchworkPatchRef[] = lookupPatches(look.json, msgid);
    const checks: PatchworkCheck[] = [];
    for (const p of found) {
      let url: string | null = checksPageUrl(p.checksUrl);
      for (let n = 0; url && n < MAX_PAGES; n++) {
        const page = await get(url);
        if (page.status === 404) throw new Error(`${host} has no checks list at ${p.checksUrl}`);
        checks.push(...readChecks(page.json));
        url = page.next;
      }
    }
    const patch = found.length ? { projects: found.map((p) => p.project ?? '?'), webUrl: found[0]!.webUrl, date: found[0]!.date } : null;
    return { msgid, patch, checks: latestChecks(checks), fetchedAt: Date.now(), error: null };
  }

  const out = new Map<string, PatchChecks>();
  const queue = [...new Set(msgids)];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        out.set(id, await one(id));
      } catch (e) {
        out.set(id, { msgid: id, patch: null, checks: [], fetchedAt: null, error: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/** The Message-IDs of the ledgers' present patches, the newest version's first. */
export function patchIds(ledgers: readonly Ledger[]): string[] {
  const out = new Set<string>();
  for (const l of ledgers) for (let col = l.versions.length - 1; col >= 0; col--) for (const r of l.rows) {
    const c = r.cells[col];
    if (c?.present && c.id && c.state !== 'squashed') out.add(c.id.replace(/#\d+$/, ''));
  }
  return [...out];
}

const line = (c: PatchworkCheck): string => `${c.state} ${shown(checkName(c))}${c.description ? `: ${shown(c.description)}` : ''}${c.targetUrl ? ` ${shown(c.targetUrl)}` : ''}`;

/** The text section: per version its line, per patch the checks that did not pass. */
export function renderChecks(l: Ledger, checks: LedgerChecks, instance: string): string {
  const out: string[] = ['', `Patchwork checks (${shown(new URL(instance).host)}; never trailers):`];
  l.versions.forEach((v, col) => {
    out.push(`  v${v.version}: ${shown(checks.versions[col]!.summary)}`);
    l.rows.forEach((_, row) => {
      const c = checks.cells[row]?.[col];
      const cell = l.rows[row]!.cells[col];
      if (!c || !cell) return;
      const where = `    ${cell.counter ?? '?'}/${v.total}`;
      if (c.error) out.push(`${where} could not be read: ${shown(c.error)}`);
      else if (!c.patch) out.push(`${where} not in patchwork`);
      for (const x of orderChecks(c.checks)) if (x.state !== 'success') out.push(`${where} ${line(x)}`);
    });
  });
  return out.join('\n') + '\n';
}

/**
 * One patch asked of a patchwork instance (issue 18, patchwork checks), through the polite
 * fetcher (per-host slots, 429/503 and Retry-After, host holds): the REST API's lookup by
 * Message-ID (`/api/1.2/patches/?msgid=`) once, kept, then the patch's checks list (each
 * project's, every page up to `MAX_PAGES`). A patch already found skips the lookup: a
 * refresh costs one request. Only the instance's own origin is ever asked, whatever URL an
 * answer names. The JSON is read by the core (patchwork-json.ts).
 *
 * Every failure is an `AskFailure` with a sentence for the reader; `stop` says the run should
 * ask the instance nothing more: it asked to wait (429/503 beyond what the fetcher waits
 * out), or it could not be reached at all (after the fetcher's own retries).
 *
 * Non-goals: which patches and when (checks.ts), the cache (cache/patchwork.ts).
 */
import { checksPageUrl, lookupPatches, lookupUrl, nextPage, readChecks, type PatchworkPatchRef } from '../../core/series/patchwork-json.ts';
import { latestChecks, type PatchworkCheck } from '../../core/series/patchwork-checks.ts';
import { FetchFailure, politeFetch, type FetchHooks, type FetchResult } from '../net/polite-fetch.ts';
import { hostOf } from './instance.ts';

/** A page of checks is at most 250; a patch with more than 1,000 checks is not read further. */
export const MAX_PAGES = 4;
const MAX_BYTES = 4 * 1024 * 1024;

export class AskFailure extends Error {
  constructor(
    message: string,
    readonly stop = false,
  ) {
    super(message);
    this.name = 'AskFailure';
  }
}

export interface Asked {
  found: PatchworkPatchRef[] | null;
  checks: PatchworkCheck[];
}

/** What a page gives: its JSON and the next page's URL (its Link header). */
interface Page {
  json: unknown;
  next: string | null;
}

async function getJson(instance: string, url: string, hooks: FetchHooks): Promise<Page & { status: number }> {
  const host = hostOf(instance);
  if (new URL(url).origin !== new URL(instance).origin) throw new AskFailure(`${host} named another host (${hostOf(url)}): not asked`);
  let r: FetchResult;
  try {
    r = await politeFetch({ url, accept: 'application/json', maxBytes: MAX_BYTES }, hooks);
  } catch (e) {
    if (e instanceof FetchFailure && e.kind === 'aborted') throw e;
    // the fetcher's own words name the host already: only the cause is kept
    const why = e instanceof Error ? e.message.replace(/^could not reach \S+: /, '') : String(e);
    throw new AskFailure(`${host} could not be reached (${why})`, true);
  }
  if (r.status === 429 || r.status === 503) {
    const s = r.retryAfterMs !== null ? ` for ${Math.ceil(r.retryAfterMs / 1000)} s` : '';
    throw new AskFailure(`${host} asked ListLens to wait${s} (HTTP ${r.status}); the checks held are shown`, true);
  }
  if (r.status === 404) return { status: 404, json: null, next: null };
  if (r.status !== 200) throw new AskFailure(`${host} answered HTTP ${r.status}`);
  const text = new TextDecoder().decode(r.bytes);
  if (/^\s*</.test(text)) throw new AskFailure(`${host} answered with a web page, not patchwork's REST API (a bot check, or no patchwork there)`);
  try {
    return { status: 200, json: JSON.parse(text), next: r.link ? nextPage(r.link) : null };
  } catch {
    throw new AskFailure(`${host} answered something that is not JSON`);
  }
}

/** The patch's checks as the instance has them now; `known`: the patches a former lookup found. */
export async function askPatch(instance: string, msgid: string, known: PatchworkPatchRef[] | null, hooks: FetchHooks = {}): Promise<Asked> {
  let found = known;
  if (!found?.length) {
    const page = await getJson(instance, lookupUrl(instance, msgid), hooks);
    if (page.status === 404) throw new AskFailure(`${hostOf(instance)} has no patchwork REST API 1.2 (its lookup by Message-ID) at ${instance}`);
    found = lookupPatches(page.json, msgid);
    if (!found.length) return { found: null, checks: [] };
  }
  const checks: PatchworkCheck[] = [];
  for (const p of found) {
    let url: string | null = checksPageUrl(p.checksUrl);
    for (let n = 0; url && n < MAX_PAGES; n++) {
      const page = await getJson(instance, url, hooks);
      // the patch is gone (deleted from patchwork, or moved): a lookup again, once
      if (page.status === 404 && known?.length) return askPatch(instance, msgid, null, hooks);
      if (page.status === 404) throw new AskFailure(`${hostOf(instance)} has no checks list at ${p.checksUrl}`);
      checks.push(...readChecks(page.json));
      url = page.next;
    }
  }
  return { found, checks: latestChecks(checks) };
}

/**
 * Patchwork's REST answers, read (issue 18, patchwork checks): the lookup of a patch by its
 * Message-ID and the patch's checks, as patchwork's own serializers write them
 * (getpatchwork/patchwork, patchwork/api/patch.py `PatchListSerializer`, api/check.py
 * `CheckSerializer`, docs/api/schemas/v1.2/patchwork.yaml; test/fixtures/patchwork/
 * recorded.json holds a real v3.1.3's answers):
 *
 * - `GET /api/1.2/patches/?msgid=<id>` (the `msgid` filter is API 1.2+: "the patch
 *   message-id as a case-sensitive string, without leading or trailing angle brackets";
 *   an older API ignores the filter and lists every patch, so each item's `msgid` is
 *   compared) answers a JSON list of patches — one per project the mail was filed in — each
 *   `{ id, web_url, project: { link_name, list_id, … }, msgid: "<id>", date, name,
 *   check: "pending"|"success"|"warning"|"fail" (combined), checks: "<url>", … }`;
 * - `GET <checks>?per_page=250` answers a JSON list of checks `{ id, user: { username, … },
 *   date, state, target_url, context, description }`, oldest first, every check ever posted
 *   (a recheck adds one); more than a page has a `Link: <…>; rel="next"` header.
 * Dates are naive ISO times (patchwork runs with USE_TZ off, its parser stores UTC): read
 * as UTC. Anything not of these shapes is skipped, never guessed.
 *
 * Non-goals: fetching (the worker's background/patchwork/, the CLI's cli/patchwork.ts),
 * which checks count (patchwork-checks.ts).
 */
import type { CheckState, PatchworkCheck } from './patchwork-checks.ts';

/** One patch the lookup found. */
export interface PatchworkPatchRef {
  id: number;
  /** The project's link name (`linux-mm`, `netdevbpf`). */
  project: string | null;
  webUrl: string | null;
  /** The URL of its checks list. */
  checksUrl: string;
  /** The patch's date (ISO, UTC), as patchwork read it from the mail. */
  date: string | null;
}

const STATES = new Set<string>(['pending', 'success', 'warning', 'fail']);
const MAX_TEXT = 500;

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown, max = MAX_TEXT): string | null => (typeof v === 'string' && v !== '' ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : null);
const httpUrl = (v: unknown): string | null => (typeof v === 'string' && /^https?:\/\/[^\s]+$/i.test(v) && v.length <= 2000 ? v : null);

/** A patchwork date as ISO UTC: naive times are UTC; unreadable ones null. */
export function patchworkDate(v: unknown): string | null {
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/.test(v)) return null;
  const t = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The patches of a `?msgid=` lookup that are that message (an API without the filter lists others). */
export function lookupPatches(json: unknown, msgid: string): PatchworkPatchRef[] {
  if (!Array.isArray(json)) return [];
  const want = `<${msgid}>`;
  const out: PatchworkPatchRef[] = [];
  for (const item of json.slice(0, 50)) {
    const p = obj(item);
    const checksUrl = httpUrl(p?.checks);
    if (!p || p.msgid !== want || typeof p.id !== 'number' || !checksUrl) continue;
    out.push({ id: p.id, project: str(obj(p.project)?.link_name, 100), webUrl: httpUrl(p.web_url), checksUrl, date: patchworkDate(p.date) });
  }
  return out;
}

/** A checks list's items, in the order patchwork gave them (oldest first). */
export function readChecks(json: unknown): PatchworkCheck[] {
  if (!Array.isArray(json)) return [];
  const out: PatchworkCheck[] = [];
  for (const item of json) {
    const c = obj(item);
    const state = c?.state;
    const context = str(c?.context, 255);
    if (!c || typeof state !== 'string' || !STATES.has(state) || !context) continue;
    out.push({
      state: state as CheckState,
      context,
      user: str(obj(c.user)?.username, 150),
      description: str(c.description),
      targetUrl: httpUrl(c.target_url),
      date: patchworkDate(c.date),
    });
  }
  return out;
}

/** The `rel="next"` URL of a Link header (patchwork's LinkHeaderPagination), or null. */
export function nextPage(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /^\s*<([^>]+)>\s*;\s*rel="?next"?\s*$/i.exec(part);
    if (m) return httpUrl(m[1]);
  }
  return null;
}

/** The lookup's URL on an instance (its root, `https://patchwork.kernel.org/`). */
export function lookupUrl(instance: string, msgid: string): string {
  return `${instance.replace(/\/*$/, '/')}api/1.2/patches/?msgid=${encodeURIComponent(msgid)}`;
}

/** A checks URL asking for the largest page patchwork serves (MAX_REST_RESULTS_PER_PAGE: 250). */
export function checksPageUrl(checksUrl: string): string {
  return `${checksUrl}${checksUrl.includes('?') ? '&' : '?'}per_page=250`;
}

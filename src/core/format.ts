/**
 * Dates and counts as the panel words them, and the signs of a patch's state across versions
 * that the panel and the CLI share. Kept apart from components so tests can pin the time zone
 * and "now": every function takes them as arguments instead of reading a clock.
 *
 * Non-goals: locales. Kernel mail is read in English; month names are fixed so labels such as
 * "14 quoted lines — Jerome Glisse, Jul 20" look the same for every reader.
 */
import type { CellState } from './series/ledger.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One formatter per time zone: building an Intl.DateTimeFormat costs more than a tree row. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone?: string): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Calendar parts of an instant in a time zone (the reader's by default). The reader's zone and
 * UTC come from Date's own getters: a tree of 1,000 rows formats 2,000 dates, and Intl's
 * formatToParts would cost tens of milliseconds of that.
 */
function parts(ms: number, timeZone?: string): { y: number; m: number; d: number; hh: string; mm: string } {
  const t = new Date(ms);
  if (timeZone === undefined) return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate(), hh: two(t.getHours()), mm: two(t.getMinutes()) };
  if (timeZone === 'UTC') return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: two(t.getUTCHours()), mm: two(t.getUTCMinutes()) };
  const f = formatter(timeZone);
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(t)) p[x.type] = x.value;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), hh: p.hour ?? '00', mm: p.minute ?? '00' };
}

function toMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * "Jul 20" when the date falls in the same year as `ref` (the message quoting it, or now),
 * else "Jul 20, 2019". Empty string for a missing date: callers then leave the date out.
 */
export function shortDate(iso: string | null | undefined, ref: string | number | null = null, timeZone?: string): string {
  const t = toMs(iso);
  if (t === null) return '';
  const p = parts(t, timeZone);
  const refMs = typeof ref === 'number' ? ref : toMs(ref);
  const sameYear = refMs !== null && parts(refMs, timeZone).y === p.y;
  return `${MONTHS[p.m - 1]} ${p.d}${sameYear ? '' : `, ${p.y}`}`;
}

/** "2020-07-20 14:03": sortable, unambiguous, what list readers see in mail clients. */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  const t = toMs(iso);
  if (t === null) return 'no date';
  const p = parts(t, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')} ${p.hh}:${p.mm}`;
}

/**
 * The zone an instant is shown in, as its offset: "UTC", "UTC+2", "UTC+5:30", "UTC-3".
 * Offsets, not names: "CEST" or "IST" mean different things to different readers, and
 * Intl's names depend on the browser's locale data.
 */
export function zoneLabel(ms: number, timeZone?: string): string {
  let minutes: number;
  if (timeZone === undefined) minutes = -new Date(ms).getTimezoneOffset();
  else if (timeZone === 'UTC') minutes = 0;
  else {
    const p = parts(ms, timeZone);
    minutes = Math.round((Date.UTC(p.y, p.m - 1, p.d, Number(p.hh), Number(p.mm)) - Math.floor(ms / 60000) * 60000) / 60000);
  }
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? ':' + two(a % 60) : ''}`;
}

/**
 * The one way the panel writes a full date: "2020-07-20 14:03 UTC+2", in the reader's time
 * zone (or `timeZone`), with that zone shown, so two dates on screen are always comparable.
 */
export function stamp(iso: string | number | null | undefined, timeZone?: string): string {
  const t = typeof iso === 'number' ? iso : toMs(iso);
  if (t === null) return 'no date';
  return `${dateTime(new Date(t).toISOString(), timeZone)} ${zoneLabel(t, timeZone)}`;
}

/** "3 days ago", "just now", "in the future" (clock skew in Date: headers is common). */
export function relative(iso: string | number | null | undefined, now: number): string {
  const t = typeof iso === 'number' ? iso : toMs(iso);
  if (t === null) return 'unknown';
  const s = Math.round((now - t) / 1000);
  if (s < -60) return 'in the future';
  if (s < 60) return 'just now';
  const units: Array<[number, string]> = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [86400 * 30, 'month'],
    [86400 * 365, 'year'],
  ];
  let chosen: [number, string] = units[0] as [number, string];
  for (const u of units) if (s >= u[0]) chosen = u;
  const n = Math.floor(s / chosen[0]);
  return `${n} ${chosen[1]}${n === 1 ? '' : 's'} ago`;
}

/** "1 message", "14 messages". */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "1.4 MB", "820 KB", "12 bytes": for progress and cache usage. */
export function bytes(n: number): string {
  if (n < 1024) return plural(n, 'byte');
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/**
 * One sign per state of a patch from one version to the next, with the same meaning in the
 * panel's matrix, `listlens series` and `listlens diff` (`>` once meant "squashed" in one and
 * "new" in the other).
 */
export const STATE_SIGN: Readonly<Record<CellState, string>> = { new: '+', unchanged: '≡', changed: '∆', split: '⊂', squashed: '⊃', dropped: '−', missing: '?' };

/** The signs in words, in this order: the legend under a matrix and in the CLI's help. */
export function stateLegend(states: readonly CellState[] = ['new', 'unchanged', 'changed', 'split', 'squashed', 'dropped', 'missing']): string {
  return states.map((s) => `${STATE_SIGN[s]} ${s}`).join('  ');
}

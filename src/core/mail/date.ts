/**
 * Date header → ISO 8601 (UTC), or null. Never "now": an unreadable date is unknown, and
 * showing it as the time of parsing (mailparser does) would sort the mail to the end of
 * the thread and lie about when it was sent.
 *
 * Reads RFC 5322 dates and the variants real list mail carries: no weekday, a wrong
 * weekday (ignored, as every MUA does), two-digit years, missing seconds, dots or no
 * separator in the time, obsolete zone names (GMT, UT, EST…, military letters), a zone
 * in parentheses only, asctime (`Mon Nov 16 20:12:01 2009`) and ISO-like
 * `2009-11-16 20:12:01 +0100`. A missing zone is read as UTC (RFC 5322 -0000: unknown).
 *
 * Non-goals: natural-language dates, non-English month names.
 */

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EDT: -4 * 60, EST: -5 * 60, CDT: -5 * 60, CST: -6 * 60, MDT: -6 * 60, MST: -7 * 60, PDT: -7 * 60, PST: -8 * 60,
  CET: 60, CEST: 120, MET: 60, MEST: 120, BST: 60, IST: 330, JST: 540, KST: 540, EET: 120, EEST: 180,
};

/** Accepted range: before 1900 or far ahead is a broken clock or a fuzzer, not mail. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length >= 3) return n;
  return n < 50 ? 2000 + n : 1900 + n; // RFC 5322 4.3
}

function zoneOffset(z: string | undefined): number | null {
  if (!z) return 0;
  const num = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(z);
  if (num) {
    const mins = Number(num[2]) * 60 + Number(num[3] ?? 0);
    if (Number(num[3] ?? 0) > 59 || mins > 18 * 60) return null;
    return num[1] === '-' ? -mins : mins;
  }
  const name = z.replace(/[()]/g, '').toUpperCase();
  if (name in ZONES) return ZONES[name]!;
  if (/^[A-IK-Z]$/.test(name)) return 0; // military zones: RFC 5322 says treat as -0000
  return 0; // an unknown zone name: the time is right, the zone unknown
}

/** 12-hour clocks ("06:09:22 PM EDT", seen from some MUAs). */
function hour(h: string, ampm: string | undefined): number {
  const n = Number(h);
  if (!ampm || n > 12) return n;
  const pm = ampm.toLowerCase() === 'p';
  return n === 12 ? (pm ? 12 : 0) : pm ? n + 12 : n;
}

function build(year: number, month: number, day: number, h: number, mi: number, s: number, zone: number | null): string | null {
  if (zone === null) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (h > 24 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(year, month, day, h, mi, Math.min(s, 59)) - zone * 60_000;
  const d = new Date(ms);
  // reject Feb 31 and friends, which Date.UTC silently rolls over
  if (Number.isNaN(ms) || new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return d.toISOString();
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?(?:\s*([AaPp])\.?[Mm]\.?\b)?`;
const ZONE = String.raw`(?:\s*([+-]\d{2}(?::?\d{2})?|\(?[A-Za-z]{1,5}\)?)(?![\w]))?`;
const RFC = new RegExp(String.raw`^(?:[A-Za-z]*\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4}),?\s+${TIME}${ZONE}`);
const ASCTIME = new RegExp(String.raw`^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3})[A-Za-z]*\s+(\d{1,2})\s+${TIME}\s+(?:([A-Za-z]{1,5})\s+)?(\d{4})`);
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})[T\s]+${TIME}${ZONE}`);

export function parseMailDate(header: string | null | undefined): string | null {
  if (!header) return null;
  const text = header.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 200) return null;
  let m = RFC.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    return build(fullYear(m[3]!), month, Number(m[1]), hour(m[4]!, m[7]), Number(m[5]), Number(m[6] ?? 0), zoneOffset(m[8]));
  }
  m = ASCTIME.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return null;
    return build(Number(m[8]), month, Number(m[2]), hour(m[3]!, m[6]), Number(m[4]), Number(m[5] ?? 0), zoneOffset(m[7]));
  }
  m = ISO.exec(text);
  if (m) {
    return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour(m[4]!, m[7]), Number(m[5]), Number(m[6] ?? 0), zoneOffset(m[8]));
  }
  return null;
}

/** A day as public-inbox's `d:` search prefix takes it (`YYYYMMDD`, UTC): one spelling for every search ListLens builds. */
export function searchDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

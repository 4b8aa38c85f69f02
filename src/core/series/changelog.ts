/**
 * Changelogs: the "what changed in this version" notes authors write in cover letters and
 * below a patch's `---`, attached to the version they describe.
 *
 * Headings read (case-insensitive, at the start of a line, optionally bulleted or bold):
 *   `Changes in v3:`, `Changes since v2:`, `Changes from v1:`, `Changes v2 -> v3:`,
 *   `Changelog v3:`, `v2 -> v3:` / `v2->v3:` / `v2 → v3:` / `v2..v3:`, `Since v1:`,
 *   `v3:` followed by bullets or with text on the same line (`v3: - fix the leak`),
 *   and b4 prep's `Changes in v3:` block with its `- Link to v2: <url>` line. A bare
 *   `Changes:` / `Changelog:` counts for the posting's own version. `v2: https://…` alone is
 *   a link to that version, not a changelog (issue 10's ledger follows those links).
 * A section runs until the next heading, a blank line followed by unindented prose, a `---`
 * line, a diffstat, a `base-commit:`/`change-id:` line or a signature.
 *
 * The version a section describes: `in vN` / `vN:` / `→ vN` name it; `since vN` / `from vN`
 * name the version before it (the posting's own version is then the one described). So a v4
 * cover that keeps the notes of v3 and v2 gives three sections, for v4, v3 and v2.
 *
 * For the panel (issue 11): a version's header shows `changelogFor(version,
 * seriesChangelogs(series, bodies))` folded, each section's `heading` then its `lines` as
 * text (never HTML), and where it came from (`counter` null: the cover letter).
 *
 * Non-goals: judging what the bullets say; finding versions by the links (the ledger does).
 */
import { parsePatch } from '../patch/patch.ts';
import type { Series } from '../types.ts';

export interface ChangelogSection {
  /** The version these changes produced; null when neither the text nor the posting says. */
  version: number | null;
  /** The version they are measured against, when given or implied (version − 1). */
  since: number | null;
  /** The heading as written (`Changes in v3:`, `v2 -> v3:`), without the text that followed it on its line. */
  heading: string;
  /** The section's lines (bullets, their continuations), the heading's own text first when it had some. */
  lines: string[];
  /** URLs of earlier versions given in the section (`- Link to v2: …`). */
  links: Array<{ version: number | null; url: string }>;
}

/** Where a changelog was found, so the panel can say "below --- in 3/8". */
export interface PlacedChangelog extends ChangelogSection {
  /** Key of the message it came from. */
  from: string;
  /** The patch counter when it sat in a patch; null in a cover letter. */
  counter: number | null;
}

// `v1.5` is no version number this reads
const V = String.raw`v(?:ersion)?\s?(\d{1,3})(?![.,]\d)`;
const ARROW = String.raw`\s*(?:->|-->|=>|\u2192|\.\.|\bto\b)\s*`;
const LEAD = String.raw`^\s{0,3}(?:[-*\u2022]\s+)?(?:\*\*|__)?`;
const TAIL = String.raw`(?:\*\*|__)?\s*[:.]?(?:\*\*|__)?\s*(.*)$`;
const HEADINGS: Array<{ re: RegExp; read(m: RegExpExecArray): [number | null, number | null] }> = [
  // Changes v2 -> v3 / Changes from v2 to v3
  { re: new RegExp(`${LEAD}(?:changes|changelog|change log|revisions?)(?:\\s+(?:from|since|between))?\\s+${V}${ARROW}${V}\\b${TAIL}`, 'i'), read: (m) => [Number(m[2]), Number(m[1])] },
  { re: new RegExp(`${LEAD}(?:changes|changelog|change log|changes made|revisions?)\\s+(?:in|for|of)\\s+${V}\\b${TAIL}`, 'i'), read: (m) => [Number(m[1]), null] },
  { re: new RegExp(`${LEAD}(?:changes|changelog|change log)\\s+(?:since|from|vs\\.?|versus|compared to|relative to|against|over)\\s+${V}\\b${TAIL}`, 'i'), read: (m) => [null, Number(m[1])] },
  { re: new RegExp(`${LEAD}(?:changelog|change log|changes)\\s+${V}\\b${TAIL}`, 'i'), read: (m) => [Number(m[1]), null] },
  { re: new RegExp(`${LEAD}(?:since|from)\\s+${V}\\s*:\\s*(.*)$`, 'i'), read: (m) => [null, Number(m[1])] },
  { re: new RegExp(`${LEAD}${V}${ARROW}${V}\\b\\s*:?\\s*(.*)$`, 'i'), read: (m) => [Number(m[2]), Number(m[1])] },
  { re: new RegExp(`${LEAD}${V}\\s*:\\s*(.*)$`, 'i'), read: (m) => [Number(m[1]), null] },
  { re: new RegExp(`${LEAD}(?:changes|changelog|change log)\\s*:\\s*(.*)$`, 'i'), read: () => [null, null] },
];

const LINK = /^\s*(?:[-*•]\s+)?(?:link\s+to\s+)?(?:v(?:ersion)?\s?(\d{1,3})|previous(?: version)?|prev)\s*:?\s*<?(https?:\/\/[^\s>]+)>?/i;
const URL_ONLY = /^<?https?:\/\/\S+>?\s*$/;
const STOP = /^(?:---\s*$|base-commit:|change-id:|prerequisite-|[ \d]+ files? changed|\s*\S.*\s\|\s+\d+ [+-]*$|diff --git |Best regards,?$)/;
const BULLET = /^\s*(?:[-*•+]|\d{1,2}[.)]|\(\d{1,2}\))\s/;

interface Heading {
  version: number | null;
  since: number | null;
  rest: string;
}

function readHeading(line: string): Heading | null {
  if (line.length > 200) return null;
  for (const h of HEADINGS) {
    const m = h.re.exec(line);
    if (!m) continue;
    const [version, since] = h.read(m);
    const rest = (m[m.length - 1] ?? '').trim();
    // `v2: https://…` is a link to v2, and `v3: blah` needs text that is not a URL
    if (URL_ONLY.test(rest)) return null;
    return { version, since, rest };
  }
  return null;
}

/**
 * The changelog sections of one text: a cover letter's body, or a patch's `---` notes (or,
 * when those hold none, its commit message: akpm's copies keep `v2:` notes there).
 * `ownVersion` is the version of the posting the text comes from.
 */
/** `s` without white space, `:` and `.` at either end; a scan, as `/[\s:.]+$/` is quadratic on a long run of them. */
function trimPunct(s: string): string {
  const drop = (c: string): boolean => c === ':' || c === '.' || c.trim() === '';
  let a = 0;
  let b = s.length;
  while (a < b && drop(s[a]!)) a++;
  while (b > a && drop(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export function parseChangelog(text: string, ownVersion: number | null = null): ChangelogSection[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: ChangelogSection[] = [];
  let cur: ChangelogSection | null = null;
  let blank = false;
  const close = (): void => {
    if (cur && (cur.lines.length || cur.links.length)) out.push(cur);
    cur = null;
  };
  for (const raw of lines) {
    // trimEnd, not `/\s+$/` (the same characters), which is quadratic on a long run of spaces
    const line = raw.trimEnd();
    if ((STOP.test(line) && !BULLET.test(line)) || raw.replace(/\r$/, '') === '-- ') {
      close();
      continue;
    }
    const h = line.startsWith('>') ? null : readHeading(line);
    if (h) {
      close();
      let { version, since } = h;
      if (version === null && since !== null && ownVersion !== null && ownVersion > since) version = ownVersion;
      if (version === null && since === null) version = ownVersion;
      if (since === null && version !== null && version > 1) since = version - 1;
      cur = { version, since, heading: line.slice(0, line.length - h.rest.length).trim(), lines: [], links: [] };
      // `v3: - fixed x` or `Changes in v2: rebased`: the heading's own text is the first line
      let rest = h.rest.replace(/^[-*•]\s+/, '');
      // `Changes since v1 (https://…):` names where v1 is
      const url = /<?(https?:\/\/[^\s>)]+)>?/.exec(rest);
      if (url) {
        cur.links.push({ version: since, url: url[1]! });
        rest = trimPunct(rest.replace(/[(<]?https?:\/\/[^\s>)]+[>)]?/, ''));
      }
      if (rest) cur.lines.push(rest);
      blank = false;
      continue;
    }
    if (!cur) continue;
    const c = cur as ChangelogSection;
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    // after a blank line only another bullet or an indented line goes on
    if (blank && !BULLET.test(line) && !/^\s/.test(line)) {
      close();
      blank = false;
      continue;
    }
    blank = false;
    const link = LINK.exec(line);
    if (link) {
      c.links.push({ version: link[1] ? Number(link[1]) : c.since, url: link[2]! });
      continue;
    }
    if (c.lines.length >= 500) continue;
    c.lines.push(line.replace(/^\s{0,2}/, ''));
  }
  close();
  return out;
}

/**
 * Every changelog section of a posting, placed: the cover letter's first, then each patch's
 * (below `---`, else in its message), in counter order.
 */
export function postingChangelogs(
  version: number,
  sources: Array<{ id: string; counter: number | null; text: string }>,
): PlacedChangelog[] {
  const out: PlacedChangelog[] = [];
  for (const s of sources) for (const sec of parseChangelog(s.text, version)) out.push({ ...sec, from: s.id, counter: s.counter });
  return out;
}

/**
 * The sections that describe `version`, from all postings' changelogs: those written in that
 * version's own posting first; else the copy kept by the nearest later posting.
 */
export function changelogFor(version: number, byPosting: Map<number, PlacedChangelog[]>): PlacedChangelog[] {
  const own = (byPosting.get(version) ?? []).filter((s) => s.version === version);
  if (own.length) return own;
  const later = [...byPosting.keys()].filter((v) => v > version).sort((a, b) => a - b);
  for (const v of later) {
    const found = byPosting.get(v)!.filter((s) => s.version === version);
    if (found.length) return found;
  }
  return [];
}

/**
 * The changelog sections of every posting of a series, by the posting's version: the cover
 * letter's, then each patch's below `---` (else in its commit message). Patches a partial
 * reroll borrowed from an earlier version are not read again.
 */
export function seriesChangelogs(series: Series, bodies: Map<string, string>): Map<number, PlacedChangelog[]> {
  const out = new Map<number, PlacedChangelog[]>();
  for (const v of series.versions) {
    const sources: Array<{ id: string; counter: number | null; text: string }> = [];
    const cover = v.cover ? bodies.get(v.cover) : undefined;
    if (v.cover && cover) sources.push({ id: v.cover, counter: null, text: cover });
    for (const p of v.patches) {
      const body = p.borrowedFrom === null ? bodies.get(p.id) : undefined;
      if (!body) continue;
      const parsed = parsePatch(body);
      const notes = parseChangelog(parsed.notes, v.version).length ? parsed.notes : parsed.message;
      sources.push({ id: p.id, counter: p.counter, text: notes });
    }
    out.set(v.version, postingChangelogs(v.version, sources));
  }
  return out;
}

/**
 * Other versions of a patch series, found by searching the archive the way b4 does
 * (`get_extra_series`): a `change-id:` line when the series has one, else the series'
 * subject and author, one year either side of it. Results come from public-inbox's Atom
 * search (`?q=…&x=A`), which is lighter than an mbox of every hit.
 *
 * Non-goals: no fetching of the other versions' threads (the panel links them; opening one
 * loads it like any thread), no HTML, no DOMParser (the worker has none): Atom is read with
 * a small scanner that only knows the elements public-inbox writes.
 */
import { parseSubject } from '../../core/mail/subject.ts';
import { atomSearchUrl, messageUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import type { Analysis, Series } from '../../core/types.ts';
import type { VersionLink } from '../../protocol.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { updateMeta } from '../cache/threads.ts';
import { isArchiveNamespace } from '../sources/archive-mbox.ts';
import type { LoadSink } from './events.ts';
import { recorded } from '../../errors.ts';

export interface AtomEntry {
  title: string;
  url: string;
  updated: string | null;
  email: string | null;
  /** Set when public-inbox marked the entry as a reply (`thr:in-reply-to`). */
  isReply: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** Text of the first `<name …>…</name>` in `xml`, or null. */
function element(xml: string, name: string): string | null {
  const open = xml.indexOf(`<${name}`);
  if (open < 0) return null;
  const gt = xml.indexOf('>', open);
  const close = xml.indexOf(`</${name}>`, gt);
  if (gt < 0 || close < 0) return null;
  return unescapeXml(xml.slice(gt + 1, close));
}

/** Value of `attr="…"` on the first `<name …>` in `xml`, or null. */
function attribute(xml: string, name: string, attr: string): string | null {
  const open = xml.indexOf(`<${name}`);
  if (open < 0) return null;
  const tag = xml.slice(open, xml.indexOf('>', open));
  const m = new RegExp(`\\s${attr}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
}

/** The entries of a public-inbox Atom feed. Tolerates junk; never throws. */
export function parseAtom(xml: string): AtomEntry[] {
  const out: AtomEntry[] = [];
  let at = 0;
  for (;;) {
    const start = xml.indexOf('<entry>', at);
    if (start < 0) break;
    const end = xml.indexOf('</entry>', start);
    if (end < 0) break;
    // Only the part before <content>: a body could hold anything.
    let entry = xml.slice(start, end);
    const content = entry.indexOf('<content');
    if (content >= 0) entry = entry.slice(0, content);
    const url = attribute(entry, 'link', 'href');
    const title = element(entry, 'title');
    if (url && title !== null) {
      out.push({
        title: title.replace(/\s+/g, ' ').trim(),
        url,
        updated: element(entry, 'updated'),
        email: element(entry, 'email'),
        isReply: entry.includes('<thr:in-reply-to'),
      });
    }
    at = end + 8;
  }
  return out;
}

/** YYYYMMDD for a Xapian `d:` range. */
function ymd(t: number): string {
  return new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The search for other versions of `series`, or null when there is nothing to search by.
 * Quotes are dropped from the subject as b4 does: Xapian has no escape for them.
 */
export function versionQuery(series: Series): string | null {
  const terms: string[] = [];
  const changeId = series.changeId ?? series.versions.find((v) => v.changeId)?.changeId ?? null;
  if (changeId) terms.push(`nq:"change-id: ${changeId.replace(/"/g, '')}"`);
  const subject = parseSubject(series.subject).base.replace(/"/g, '').trim();
  if (subject && series.author.address) terms.push(`(s:"${subject}" AND f:"${series.author.address.replace(/"/g, '')}")`);
  if (terms.length === 0) return null;
  const dates = series.versions.map((v) => (v.date ? Date.parse(v.date) : NaN)).filter((t) => !Number.isNaN(t));
  const q = terms.length > 1 ? `(${terms.join(' OR ')})` : terms[0]!;
  if (dates.length === 0) return q;
  return `${q} AND d:${ymd(Math.min(...dates) - YEAR_MS)}..${ymd(Math.max(...dates) + YEAR_MS)}`;
}

/** The Atom search URL for a query on this inbox. */
export const searchUrl = atomSearchUrl;

export { midOfUrl };

/**
 * One link per version: the versions in the loaded thread first (they are certain), then
 * those the search found, each pointing at its cover letter or else its first patch.
 */
export function versionLinks(inboxUrl: string, analysis: Analysis, entries: AtomEntry[]): VersionLink[] {
  const series = analysis.series[0];
  const byVersion = new Map<number, VersionLink & { rank: number }>();
  const inThread = new Set(analysis.messages.filter((m) => !m.ghost).map((m) => m.id));
  for (const v of series?.versions ?? []) {
    const id = v.cover ?? v.patches[0]?.id;
    if (!id) continue;
    byVersion.set(v.version, { version: v.version, subject: v.subject, url: messageUrl(inboxUrl, id), date: v.date, inThread: true, rank: 0 });
  }
  for (const e of entries) {
    if (e.isReply) continue;
    const s = parseSubject(e.title);
    if (s.isReply || !s.isPatch) continue;
    // Cover letter (0/N) beats patch 1, which beats a lone patch whose counter was inferred.
    const rank = s.counter === 0 ? 1 : s.counter === 1 ? 2 : -1;
    if (rank < 0) continue;
    const have = byVersion.get(s.version);
    if (have && have.rank <= rank) continue;
    const mid = midOfUrl(e.url);
    byVersion.set(s.version, {
      version: s.version,
      subject: e.title,
      // Rebuilt on the inbox URL: behind a proxy public-inbox writes its own host and scheme.
      url: mid ? messageUrl(inboxUrl, mid) : e.url,
      date: e.updated,
      inThread: mid !== null && inThread.has(mid),
      rank,
    });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version).map(({ rank: _r, ...link }) => link);
}

/**
 * Search the archive for other versions of the thread's series. Versions are extra
 * information: a challenge, an error or no hits leave the versions already in the thread.
 */
export async function findVersions(inboxUrl: string, analysis: Analysis, signal?: AbortSignal): Promise<VersionLink[]> {
  const series = analysis.series[0];
  if (!series) return [];
  const query = versionQuery(series);
  let entries: AtomEntry[] = [];
  if (query) {
    try {
      const r = await politeFetch({ url: searchUrl(inboxUrl, query), accept: 'application/atom+xml' }, { signal });
      const body = r.status === 200 ? await maybeGunzip(r.bytes) : null;
      if (body && inspectBody(body, 'atom').kind === 'ok') entries = parseAtom(new TextDecoder().decode(body));
    } catch {
      // offline or cancelled: the versions in the thread are still worth showing
    }
  }
  return versionLinks(inboxUrl, analysis, entries);
}

/** Search for other versions, tell the panel, and remember them with the thread when it was saved. */
export async function emitVersions(inbox: string, key: string, analysis: Analysis, sink: LoadSink, signal: AbortSignal, save: boolean): Promise<void> {
  // An archive's own mbox (archive-mbox.ts) has no public-inbox to search for other versions.
  if (analysis.series.length === 0 || isArchiveNamespace(inbox)) return;
  const links = await findVersions(inbox, analysis, signal).catch(recorded('versions: search', null));
  if (!links) return;
  sink.emit({ type: 'versions', threadKey: key, versions: links });
  if (save) await updateMeta(key, { versions: { links, at: Date.now() } }).catch(recorded('cache: save versions', undefined));
}

/**
 * public-inbox's Atom search results (`?q=…&x=A`), the light way to ask an archive which
 * messages match: titles, links, dates, the sender's address and whether each is a reply.
 * Used to locate a page's message (load/locate.ts) and to find a series' versions and
 * postings (series/find.ts).
 *
 * Non-goals: no HTML, no DOMParser (the worker has none): Atom is read with a small scanner
 * that only knows the elements public-inbox writes; no fetching (the callers, through the
 * polite fetcher).
 */
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

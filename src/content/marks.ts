/**
 * The small status beside each message link of a public-inbox thread overview (and beside
 * each message of a `T/`/`t/` page): Reviewed-by/Acked-by/Tested-by counts, "new" since the
 * last visit, "applied". The content script collects the Message-IDs the page links to, asks
 * the worker once (`page-marks`), and draws what it answers; what is not known gets nothing.
 *
 * Marks add no text to the page: their words are drawn by CSS from `data-label` (style.ts),
 * and their accessible name is an aria-label. They go through the annotation's edit log, so
 * undo removes them too.
 *
 * Non-goals: knowing the marks (the worker's ledger and visit records), other archives.
 */
import type { PageMark } from '../protocol.ts';
import type { Edits } from './annotate/edits.ts';

export interface MarkTarget {
  /** The page's link (or the message's own anchor) the mark goes after. */
  el: Element;
  id: string;
  /** The message's own `<pre>` on a thread page, outlined when new. */
  body?: Element;
}

/** The Message-ID a link on an inbox page points to (`<inbox>/<mid>/`), or null. */
export function midOfHref(href: string, inboxUrl: string): string | null {
  if (!href.startsWith(inboxUrl)) return null;
  const m = /^([^/?#]+)\/(?:[#?].*)?$/.exec(href.slice(inboxUrl.length));
  if (!m) return null;
  try {
    const id = decodeURIComponent(m[1]!);
    return id.includes('@') || id.length > 8 ? id : null;
  } catch {
    return null;
  }
}

/**
 * The marked places of a public-inbox page: on a message page the overview's links (and
 * "[this message]"); on a thread page each message's `*` anchor and the `#m…` links to it.
 */
export function markTargets(doc: Document, pageUrl: string, inboxUrl: string, self: string | null): MarkTarget[] {
  const out: MarkTarget[] = [];
  const abs = (a: Element): string => {
    try {
      return new URL(a.getAttribute('href') ?? '', pageUrl).href;
    } catch {
      return '';
    }
  };
  const bySha = new Map<string, { id: string; body: Element }>();
  for (const pre of doc.querySelectorAll('pre')) {
    const anchor = pre.querySelector('a[id^="m"]');
    if (!anchor || !/^m[0-9a-f]{40}$/.test(anchor.id)) continue;
    const perma = [...pre.querySelectorAll('a[href]')].find((a) => a.textContent === 'permalink');
    const id = perma ? midOfHref(abs(perma), inboxUrl) : null;
    if (!id) continue;
    bySha.set(anchor.id.slice(1), { id, body: pre });
    out.push({ el: anchor, id, body: pre });
  }
  for (const a of doc.querySelectorAll('pre a[href]')) {
    const h = a.getAttribute('href') ?? '';
    if (h.startsWith('#m')) {
      const t = bySha.get(h.slice(2));
      if (t && a.closest('pre') !== t.body) out.push({ el: a, id: t.id });
      continue;
    }
    if (h.startsWith('#') || a.closest('pre#b, pre#R') || /^(?:permalink|raw|reply|next|prev(?: parent)?|mbox\.gz|Atom feed)$/.test(a.textContent ?? '')) continue;
    const id = midOfHref(abs(a), inboxUrl);
    if (id) out.push({ el: a, id });
  }
  const here = doc.querySelector('a#r[href="#t"]');
  if (here && self) out.push({ el: here, id: self });
  return out;
}

/** "R2 A1 T1 · new · applied" and its spoken form. */
export function markWords(m: PageMark): { label: string; spoken: string } | null {
  const short: string[] = [];
  const long: string[] = [];
  for (const [k, letter, name] of [['reviewed', 'R', 'Reviewed-by'], ['acked', 'A', 'Acked-by'], ['tested', 'T', 'Tested-by']] as const) {
    const n = m[k] ?? 0;
    if (n > 0) {
      short.push(`${letter}${n}`);
      long.push(`${n} ${name}`);
    }
  }
  const parts = short.length ? [short.join(' ')] : [];
  if (m.isNew) {
    parts.push('new');
    long.push('new since your last visit');
  }
  if (m.applied) {
    parts.push('applied');
    long.push('applied');
  }
  return parts.length ? { label: parts.join(' \u00b7 '), spoken: long.join(', ') } : null;
}

/** Draws the worker's answer beside its targets. Returns how many marks were drawn. */
export function renderMarks(targets: MarkTarget[], marks: Readonly<Record<string, PageMark>>, edits: Edits): number {
  let n = 0;
  for (const t of targets) {
    const m = Object.prototype.hasOwnProperty.call(marks, t.id) ? marks[t.id] : undefined;
    const words = m && markWords(m);
    if (!words) continue;
    const doc = t.el.ownerDocument;
    const span = doc.createElement('span');
    span.className = 'listlens-mark';
    span.dataset.label = words.label;
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', words.spoken);
    span.title = words.spoken;
    if (m.isNew) span.dataset.new = '';
    if (m.applied) span.dataset.applied = '';
    edits.insert(span, t.el.parentNode!, t.el.nextSibling);
    if (m.isNew && t.body) edits.attr(t.body, 'class', `${t.body.getAttribute('class') ?? ''} listlens-new`.trim());
    n++;
  }
  return n;
}

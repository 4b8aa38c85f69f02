/**
 * HTML → plain text without a DOM (the worker has none), for HTML-only mail.
 *
 * Enough structure survives to read the mail and to find its quotes: block elements and
 * <br> become line breaks, list items get "- ", <blockquote> becomes "> " lines (so quote
 * splitting works on HTML mail as on plain), <pre> keeps its whitespace, script, style,
 * head and comments are dropped, entities are decoded. The output is text: it is never
 * inserted as HTML anywhere.
 *
 * Non-goals: layout (tables become one cell per line), CSS, images, links' targets.
 */
import { trimEndChars } from './trim.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul', 'body', 'html',
]);
const DROP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·', deg: '°', euro: '€', pound: '£',
  yen: '¥', cent: '¢', sect: '§', para: '¶', times: '×', divide: '÷', shy: '', zwnj: '', zwj: '', auml: 'ä', ouml: 'ö', uuml: 'ü',
  Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ccedil: 'ç', ntilde: 'ñ',
  oacute: 'ó', iacute: 'í', uacute: 'ú', ecirc: 'ê', ocirc: 'ô', aring: 'å', oslash: 'ø', aelig: 'æ', Eacute: 'É', thinsp: ' ',
  ensp: ' ', emsp: ' ', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? all;
  });
}

/** A comment, doctype, processing instruction (no `name`) or tag found by `markup`, from `index` to `end`. */
export interface Markup {
  index: number;
  end: number;
  name?: string;
  closing: boolean;
  attrs: string;
}

const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;

/**
 * The markup of `html` in order, as the regex
 * `<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)(name)((?:[^>"']|"[^"]*"|'[^']*')*)>`
 * finds it, by a scan that is linear in the text: that regex, at each `<` of a tag that never
 * closes, read the rest of the text again (a body of `<a` repeated, or with quotes in it, was
 * quadratic: issue 16's regex audit). A tag's end is the first `>` outside quotes; a scan
 * that found none marks the places it passed (outside quotes) as leading nowhere, so a later
 * scan stops where it meets one.
 */
export function* markup(html: string): Generator<Markup> {
  const n = html.length;
  const dead = new Uint8Array(n + 1);
  const seen: number[] = [];
  let gt = -1;
  const nextGt = (from: number): number => {
    if (gt !== -2 && gt < from) gt = html.indexOf('>', from);
    if (gt === -1) gt = -2;
    return gt === -2 ? -1 : gt;
  };
  const closeOf = (k: number): number => {
    seen.length = 0;
    while (k < n && !dead[k]) {
      seen.push(k);
      const c = html.charCodeAt(k);
      if (c === 62) return k;
      if (c === 34 || c === 39) {
        const q = html.indexOf(c === 34 ? '"' : "'", k + 1);
        if (q < 0) break;
        k = q + 1;
      } else k++;
    }
    for (const p of seen) dead[p] = 1;
    return -1;
  };
  for (let i = html.indexOf('<'); i >= 0 && i < n; i = html.indexOf('<', i)) {
    if (html.startsWith('<!--', i)) {
      const e = html.indexOf('-->', i + 4);
      const end = e < 0 ? n : e + 3;
      yield { index: i, end, closing: false, attrs: '' };
      i = end;
      continue;
    }
    if (html.startsWith('<![CDATA[', i)) {
      const e = html.indexOf(']]>', i + 9);
      const end = e < 0 ? n : e + 3;
      yield { index: i, end, closing: false, attrs: '' };
      i = end;
      continue;
    }
    const c = html[i + 1];
    if (c === '!' || c === '?') {
      const e = nextGt(i + 2);
      if (e >= 0) {
        yield { index: i, end: e + 1, closing: false, attrs: '' };
        i = e + 1;
        continue;
      }
    }
    TAG_NAME.lastIndex = i;
    const t = TAG_NAME.exec(html);
    if (t) {
      const k = TAG_NAME.lastIndex;
      const e = closeOf(k);
      if (e >= 0) {
        yield { index: i, end: e + 1, name: t[2]!, closing: t[1] === '/', attrs: html.slice(k, e) };
        i = e + 1;
        continue;
      }
    }
    i++;
  }
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  let quoteDepth = 0;
  let pre = 0;
  let drop: string | null = null;
  let listDepth = 0;
  const prefix = (): string => (quoteDepth ? '> '.repeat(quoteDepth) : '');
  const breakLine = (): void => {
    out.push(prefix() + trimEndChars(line, ' \t'));
    line = '';
  };
  const blockBreak = (): void => {
    if (line.trim()) breakLine();
    else line = '';
  };
  const addText = (raw: string): void => {
    let t = decodeEntities(raw);
    if (pre) {
      const parts = t.split(/\r?\n/);
      parts.forEach((p, i) => {
        if (i > 0) breakLine();
        line += p;
      });
      return;
    }
    t = t.replace(/[\s\u00a0]+/g, ' ');
    if (!line && t.startsWith(' ')) t = t.slice(1);
    if (line.endsWith(' ') && t.startsWith(' ')) t = t.slice(1);
    line += t;
  };

  let last = 0;
  for (const m of markup(html)) {
    if (m.index > last && !drop) addText(html.slice(last, m.index));
    last = m.end;
    const name = m.name?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m.closing;
    if (drop) {
      if (closing && name === drop) drop = null;
      continue;
    }
    if (DROP.has(name)) {
      if (!closing && !/\/\s*$/.test(m.attrs)) drop = name;
      continue;
    }
    if (name === 'br') {
      breakLine();
      continue;
    }
    if (name === 'img' && !closing) {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m.attrs);
      const text = alt ? (alt[2] ?? alt[3] ?? '') : '';
      if (text) addText(`[${text}]`);
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (closing) addText(' ');
      continue;
    }
    if (!BLOCK.has(name)) continue;
    blockBreak();
    if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
    else if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    else if (name === 'ul' || name === 'ol') listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
    else if (name === 'li' && !closing) line = '  '.repeat(Math.max(0, listDepth - 1)) + '- ';
    else if (name === 'hr' && !closing) {
      line = '----';
      breakLine();
    }
    if ((name === 'p' || name === 'blockquote' || /^h[1-6]$/.test(name)) && closing) out.push(prefix().trimEnd());
  }
  if (last < html.length && !drop) addText(html.slice(last));
  if (line.trim()) breakLine();
  // at most one blank line in a row, none at the ends
  const lines: string[] = [];
  for (const l of out) {
    const blank = !l.replace(/^(> ?)+/, '').trim();
    if (blank && (lines.length === 0 || !lines[lines.length - 1]!.replace(/^(> ?)+/, '').trim())) continue;
    lines.push(blank ? l.trimEnd() : l);
  }
  while (lines.length && !lines[lines.length - 1]!.replace(/^(> ?)+/, '').trim()) lines.pop();
  return lines.join('\n');
}

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

export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  let quoteDepth = 0;
  let pre = 0;
  let drop: string | null = null;
  let listDepth = 0;
  const prefix = (): string => (quoteDepth ? '> '.repeat(quoteDepth) : '');
  const breakLine = (): void => {
    out.push(prefix() + line.replace(/[ \t]+$/, ''));
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

  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m.index > last && !drop) addText(html.slice(last, m.index));
    last = re.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m[1] === '/';
    if (drop) {
      if (closing && name === drop) drop = null;
      continue;
    }
    if (DROP.has(name)) {
      if (!closing && !/\/\s*$/.test(m[3] ?? '')) drop = name;
      continue;
    }
    if (name === 'br') {
      breakLine();
      continue;
    }
    if (name === 'img' && !closing) {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m[3] ?? '');
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

/**
 * A patch mail's text as `git mailinfo --scissors` reads it, which is what `b4 am` hands to
 * its trailer code (b4 0.12 `LoreMessage.get_am_message`): the commit message and the patch
 * apart, the in-body `From:` / `Subject:` / `Date:` lines taken out as headers, everything
 * above a scissors line (`-- >8 --`) dropped, leading blank lines skipped, and the subject
 * cleaned as git cleans it. The am-ready mbox (am.ts) then writes those headers, so `git am`
 * makes the commit b4's mbox makes.
 *
 *   mailInfo(text: string): MailInfo
 *   cleanSubject(subject: string): string
 *
 * Ported from git's mailinfo.c (`handle_commit_msg`, `check_inbody_header`, `patchbreak`,
 * `is_scissors_line`, `cleanup_subject`), on text already decoded (body.ts): transfer
 * encodings and charsets are not this module's.
 *
 * Non-goals: MIME, the patch itself (passed through), `git am`'s own options (-k, -b).
 */

export interface MailInfo {
  /** In-body headers, each the first of its name (git takes no second one). */
  from: string | null;
  subject: string | null;
  date: string | null;
  /** The commit message part, each line ending in `\n`. */
  message: string;
  /** From the patch break (`---`, `diff -`, `Index: `) to the end. */
  patch: string;
}

/** C's isspace. */
const SPACE = /[ \t\n\v\f\r]/;

/** git's `patchbreak`: the line that ends the commit message. */
export function patchBreak(line: string): boolean {
  if (line.startsWith('diff -') || line.startsWith('Index: ')) return true;
  if (line.length < 3 || !line.startsWith('---')) return false;
  // "--- <filename>" starts a header-less patch; "---" and blanks is the separator
  if (line[3] === ' ' && line.length > 4 && !SPACE.test(line[4]!)) return true;
  return /^---[ \t\v\f\r]*$/.test(line);
}

/**
 * git's `is_scissors_line`: at least 8 visible characters, scissors (`>8`, `8<`, `>%`, `%<`)
 * among dashes, the perforation more than a third of the line, gaps under half of it.
 */
export function isScissors(text: string): boolean {
  // git reads the line with its newline, which counts as a gap inside a perforation
  const line = text + '\n';
  let scissors = 0;
  let gap = 0;
  let first = -1;
  let last = -1;
  let perforation = 0;
  let inPerforation = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (SPACE.test(c)) {
      if (inPerforation) {
        perforation++;
        gap++;
      }
      continue;
    }
    last = i;
    if (first < 0) first = i;
    if (c === '-') {
      inPerforation = true;
      perforation++;
      continue;
    }
    const two = line.slice(i, i + 2);
    if (two === '>8' || two === '8<' || two === '>%' || two === '%<') {
      inPerforation = true;
      perforation += 2;
      scissors += 2;
      i++;
      continue;
    }
    inPerforation = false;
  }
  const visible = first >= 0 ? last - first + 1 : 0;
  return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
}

const INBODY = /^(from|subject|date):[ \t\n\r\f\v]*/i;

export function mailInfo(text: string): MailInfo {
  const lines = text.split('\n');
  // a final newline leaves one empty string, which is no line
  if (lines[lines.length - 1] === '') lines.pop();
  const out: MailInfo = { from: null, subject: null, date: null, message: '', patch: '' };
  let message: string[] = [];
  let headerStage = true;
  let accum: { name: 'from' | 'subject' | 'date'; value: string } | null = null;
  const flush = (): void => {
    if (accum && out[accum.name] === null) out[accum.name] = accum.value.replace(/\s+/g, ' ').trim();
    accum = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (headerStage && !line.length) {
      if (accum) {
        flush();
        headerStage = false;
      }
      continue;
    }
    if (headerStage) {
      headerStage = inBody(line);
      if (headerStage) continue;
    }
    if (isScissors(line)) {
      message = [];
      headerStage = true;
      out.from = out.subject = out.date = null;
      continue;
    }
    if (patchBreak(line)) {
      out.patch = lines.slice(i).join('\n') + '\n';
      break;
    }
    message.push(line);
  }
  flush();
  out.message = message.map((l) => l + '\n').join('');
  return out;

  /** git's `check_inbody_header`: is the line (still) an in-body header? */
  function inBody(line: string): boolean {
    if (accum && (line[0] === ' ' || line[0] === '\t')) {
      if (isScissors(line)) {
        flush();
        return false;
      }
      accum.value += line;
      return true;
    }
    flush();
    // a pasted `>From <sha> Mon Sep 17 00:00:00 2001` line of format-patch
    if (/^>From\s/.test(line)) return /^>From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/.test(line);
    if (/^\[PATCH\]\s/.test(line)) {
      if (out.subject === null) out.subject = line.replace(/\s+/g, ' ').trim();
      return true;
    }
    const m = INBODY.exec(line);
    if (m && out[m[1]!.toLowerCase() as 'from'] === null) {
      accum = { name: m[1]!.toLowerCase() as 'from', value: line.slice(m[0].length) };
      return true;
    }
    return false;
  }
}

/** git's `cleanup_subject` (without -k / -b): leading `re:`, blanks, `:` and `[…]` groups go. */
export function cleanSubject(subject: string): string {
  const s = subject;
  let at = 0;
  for (;;) {
    const c = s[at];
    if ((c === 'r' || c === 'R') && s.length > at + 3 && (s[at + 1] === 'e' || s[at + 1] === 'E') && s[at + 2] === ':') at += 3;
    else if (c === ' ' || c === '\t' || c === ':') at++;
    else if (c === '[' && s.indexOf(']', at) > 0) at = s.indexOf(']', at) + 1;
    else break;
  }
  return s.slice(at).replace(/\s+/g, ' ').trim();
}

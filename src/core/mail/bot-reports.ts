/**
 * What a bot's report says it found, read from the bot's own template (bots.ts names which
 * reader a bot's mail gets). One reader per template family, each written against the
 * bots' published formats:
 *
 * - `syzbotCi`: "syzbot ci has tested the following series", `[vN] title`, the series' lore
 *   URL, then "and found the following issue:" and a title, or "issues:" and `* title`
 *   lines, then "Full report is available here:" and its URL;
 * - `syzbot` (dashboard/app/templates): a bug report ("syzbot found the following issue
 *   on:", the title is the subject's after `[syzbot]` tags), and the test results of a
 *   proposed patch ("did not trigger any issue", "is still triggering an issue:" and a
 *   title, "the build/boot failed:"); `dashboard link:` is the link;
 * - `lkp` (the kernel test robot): "noticed the following build errors|warnings:" (the
 *   title is the first new `error:`/`warning:` line's message), `noticed "X" on:` (a test
 *   or boot failure, X as written), "noticed a -N% regression of"; "patch link:" names the
 *   patch tested, "patch subject:" its `[PATCH vN n/M]`, the `Closes:` URL is the link;
 * - `patchworkCi` (freedesktop's Patchwork CI): the subject's `Fi.CI.BAT: failure` and
 *   `State : success|warning|failure`, `URL   :` the link;
 * - `aiReview` (the BPF CI's AI reviewer): the first question or sentence it writes below
 *   the quoted diff, "CI run summary:" the link;
 * - `generic`: any other bot: its subject (tags and "Re:" dropped) as a `report`, and a
 *   `[PATCH vN n/M]` its own lines name.
 * Lines below a signature are never read, nor more than the first 2,000; the readers of
 * bots that quote (the AI reviewer, an unknown bot) skip `>` lines (the kernel test robot's
 * `>>` marks its new errors, and is read). A report is read in time linear in its size.
 *
 * Non-goals: who is a bot (bots.ts); where a report belongs in a series (trailer-scope.ts
 * attaches it to what it answers, core/series/ledger-findings.ts to what it names).
 */
import type { BotFinding, FindingKind } from '../types.ts';

export interface BotReading {
  findings: BotFinding[];
  names: string[];
  namesVersion: { version: number; counter: number | null } | null;
}

export type ReaderName = 'syzbotCi' | 'syzbot' | 'lkp' | 'patchworkCi' | 'aiReview' | 'generic';

const MAX_LINES = 2000;
const MAX_TITLE = 160;

/** The report's lines: nothing below a signature, CR dropped (quotes are the reader's to drop). */
function reportLines(body: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start <= body.length && out.length < MAX_LINES) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const line = body.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line === '-- ') break;
    out.push(line);
  }
  return out;
}

const clip = (s: string): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
};

const URL_RE = /https?:\/\/[^\s<>"'()]+/;
const urlIn = (line: string | undefined): string | null => (line ? (URL_RE.exec(line)?.[0].replace(/[.,;]+$/, '') ?? null) : null);

/** The Message-ID a lore (or msgid.link) URL names, or null. */
export function messageIdOfUrl(url: string): string | null {
  const m = /^https?:\/\/(?:lore\.kernel\.org\/(?:[\w.+-]+\/)?|lkml\.kernel\.org\/r\/|(?:patch\.)?msgid\.link\/)([^/?#\s]+)/i.exec(url);
  if (!m) return null;
  let id = m[1]!;
  try {
    id = decodeURIComponent(id);
  } catch {
    return null;
  }
  return id.includes('@') ? id.replace(/^<|>$/g, '') : null;
}

/** A crash title's kind, as syzbot and the kernel write them. */
export function titleKind(title: string): FindingKind {
  if (/build(?:\/boot)? (?:error|failed)|kernel build error/i.test(title)) return 'build error';
  if (/^WARN(?:ING)?\b/.test(title)) return 'warning';
  if (/(?:^|[._\s:-])fail(?:ed|ure|s)?$/i.test(title) || /\btests? failed\b/i.test(title)) return 'test failed';
  return 'crash';
}

/** The line after the first one matching `re` that is not blank. */
function after(lines: string[], re: RegExp): { at: number; line: string } | null {
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) return null;
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return { at: j, line: lines[j]!.trim() };
  return null;
}

/** `[PATCH v3 2/5]`, `[PATCH net-next v2]`, `[RFC PATCH 1/4]`: the version and counter a subject names. */
export function patchRef(text: string): { version: number; counter: number | null } | null {
  // a subject's tags are at its start: a line of a thousand `[` must not cost a thousand scans
  const m = /\[([^\][]*\bPATCH\b[^\][]*)\]/i.exec(text.slice(0, 300));
  if (!m) return null;
  const inner = m[1]!;
  const v = /(?:^|\s)v(\d{1,3})(?=\s|$|,)/i.exec(inner);
  const c = /(?:^|\s)(\d{1,4})\/(\d{1,4})(?=\s|$)/.exec(inner);
  const counter = c ? Number(c[1]) : null;
  return { version: v ? Number(v[1]) : 1, counter: counter === 0 ? null : counter };
}

/** The subject without `Re:`, `Fwd:` and bracketed tags: what a report is about. */
export function subjectTitle(subject: string): string {
  let s = subject.trim();
  for (let n = 0; n < 20; n++) {
    const next = s.replace(/^(?:(?:re|fwd?|aw)\s*:\s*|\[[^\]]*\]\s*)/i, '');
    if (next === s) break;
    s = next;
  }
  return clip(s);
}

function syzbotCi(lines: string[]): BotReading {
  const findings: BotFinding[] = [];
  const names: string[] = [];
  let namesVersion: BotReading['namesVersion'] = null;
  const head = after(lines, /^syzbot ci has tested the following series/i);
  if (head) {
    const v = /^\[v(\d{1,3})\]/.exec(head.line);
    if (v) namesVersion = { version: Number(v[1]), counter: null };
    const url = urlIn(lines[head.at + 1]);
    const id = url ? messageIdOfUrl(url) : null;
    if (id) names.push(id);
  }
  const link = urlIn(after(lines, /^Full report is available here:/i)?.line);
  const one = lines.findIndex((l) => /^and found the following issue:\s*$/i.test(l));
  const many = lines.findIndex((l) => /^and found the following issues:\s*$/i.test(l));
  if (one >= 0) {
    const t = after(lines, /^and found the following issue:\s*$/i);
    if (t) findings.push({ title: clip(t.line), kind: titleKind(t.line), link });
  } else if (many >= 0) {
    for (let j = many + 1; j < lines.length; j++) {
      const m = /^\s*\*\s+(.+)$/.exec(lines[j]!);
      if (!m) {
        if (lines[j]!.trim() || findings.length) break;
        continue;
      }
      findings.push({ title: clip(m[1]!), kind: titleKind(m[1]!), link });
    }
  }
  return { findings, names, namesVersion };
}

function syzbot(lines: string[], subject: string): BotReading {
  const link = urlIn(lines.find((l) => /^dashboard link:/i.test(l)));
  const text = lines.join('\n');
  const findings: BotFinding[] = [];
  if (/did not trigger any issue/i.test(text)) findings.push({ title: 'the reproducer did not trigger any issue', kind: 'test passed', link });
  else if (/still triggering an issue:/i.test(text)) {
    const t = after(lines, /still triggering an issue:/i);
    if (t) findings.push({ title: clip(t.line), kind: titleKind(t.line), link });
  } else if (/the build\/boot failed:/i.test(text)) {
    const t = after(lines, /the build\/boot failed:/i);
    findings.push({ title: clip(`build/boot failed${t ? `: ${t.line}` : ''}`), kind: 'build error', link });
  } else if (/^syzbot (?:found|has found a reproducer for) the following issue/im.test(text)) {
    const title = subjectTitle(subject);
    if (title) findings.push({ title, kind: titleKind(title), link });
  }
  return { findings, names: [], namesVersion: null };
}

/** `path:12:3: error: message` → `message`; the linker's `ld: …: undefined reference to 'x'` kept from `undefined`. */
function compilerMessage(line: string, what: 'error' | 'warning'): string | null {
  const l = line.replace(/^>>\s*/, '').trim();
  const at = l.search(new RegExp(`\\b${what}:\\s`, 'i'));
  if (at >= 0) return l.slice(at + what.length + 1).trim();
  const undef = /(undefined reference to .+|multiple definition of .+)$/.exec(l);
  return undef ? undef[1]! : null;
}

function lkp(lines: string[]): BotReading {
  const names: string[] = [];
  const closes = urlIn(lines.find((l) => /^\|?\s*Closes:\s*http/i.test(l)));
  const patchLink = urlIn(lines.find((l) => /^patch link:/i.test(l)));
  const id = patchLink ? messageIdOfUrl(patchLink) : null;
  if (id) names.push(id);
  const subjectLine = lines.find((l) => /^patch subject:/i.test(l));
  const namesVersion = subjectLine ? patchRef(subjectLine) : null;
  const findings: BotFinding[] = [];
  const build = lines.map((l) => /kernel test robot noticed the following build (errors|warnings):/i.exec(l)).find(Boolean);
  const quoted = lines.map((l) => /kernel test robot noticed "([^"]{1,300})" on:/i.exec(l)).find(Boolean);
  const change = lines.map((l) => /kernel test robot noticed an? (-?[\d.]+%) (regression|improvement) of ([^\s]+)/i.exec(l)).find(Boolean);
  if (build) {
    const what = build[1]!.toLowerCase() === 'errors' ? 'error' : 'warning';
    const fresh = lines.filter((l) => /^>>/.test(l));
    const message = [...fresh, ...lines].map((l) => compilerMessage(l, what)).find((m): m is string => !!m);
    findings.push({ title: clip(`build ${what}${message ? `: ${message}` : 's'}`), kind: what === 'error' ? 'build error' : 'warning', link: closes });
  } else if (quoted) {
    findings.push({ title: clip(quoted[1]!), kind: titleKind(quoted[1]!), link: closes });
  } else if (change) {
    findings.push({ title: clip(`${change[1]} ${change[2]} of ${change[3]}`), kind: change[2]!.toLowerCase() === 'regression' ? 'regression' : 'report', link: closes });
  }
  return { findings, names, namesVersion };
}

function patchworkCi(lines: string[], subject: string): BotReading {
  const state = /^State\s*:\s*(\w+)/im.exec(lines.join('\n'))?.[1]?.toLowerCase();
  const link = urlIn(lines.find((l) => /^URL\s*:/.test(l)));
  const test = /^[^\w.-]*([\w.-]+)\s*:\s*(\w+)\s+for\s/i.exec(subject.trim());
  const kind: FindingKind = state === 'success' ? 'test passed' : state === 'warning' ? 'warning' : state === 'failure' ? 'test failed' : 'report';
  const title = test ? `${test[1]}: ${test[2]}` : state ? `CI: ${state}` : subjectTitle(subject);
  return { findings: [{ title: clip(title), kind, link }], names: [], namesVersion: null };
}

/** Its own words: the AI reviewer and an unknown bot quote what they answer. */
const unquoted = (lines: string[]): string[] => lines.filter((l) => !/^\s*>/.test(l));

function aiReview(all: string[]): BotReading {
  const lines = unquoted(all);
  const link = urlIn(lines.find((l) => /^CI run summary:/i.test(l)));
  // the first line of its own words: not a `[ ... ]` elision, not its footer
  const first = lines.find((l) => l.trim() && !/^\s*\[\s*\.\.\.\s*\]\s*$/.test(l) && !/^(?:---|AI reviewed your patch|See:|CI run summary:)/i.test(l.trim()));
  if (!first) return { findings: [], names: [], namesVersion: null };
  const sentence = /^(.*?[?.!])(?:\s|$)/.exec(first.trim())?.[1] ?? first.trim();
  return { findings: [{ title: clip(sentence), kind: 'review', link }], names: [], namesVersion: null };
}

function generic(all: string[], subject: string): BotReading {
  const lines = unquoted(all);
  const ref = lines.map((l) => patchRef(l)).find(Boolean) ?? null;
  const title = subjectTitle(subject);
  return { findings: title ? [{ title, kind: 'report', link: null }] : [], names: [], namesVersion: ref };
}

/** What a bot's mail says it found, by the reader bots.ts names for that bot. */
export function readBotReport(reader: ReaderName, subject: string, body: string): BotReading {
  const lines = reportLines(body);
  switch (reader) {
    case 'syzbotCi':
      return syzbotCi(lines);
    case 'syzbot':
      return syzbot(lines, subject);
    case 'lkp':
      return lkp(lines);
    case 'patchworkCi':
      return patchworkCi(lines, subject);
    case 'aiReview':
      return aiReview(lines);
    default:
      return generic(lines, subject);
  }
}

/**
 * "Applied": a maintainer saying a patch or a series went into a tree. One reply's text in,
 * zero or one signal out:
 *
 *   appliedSignal(body: string, carriesPatch: boolean, sender: Person, author: Person): AppliedSignal | null
 *
 * Recognised, on own (unquoted) lines above the signature:
 * - b4 ty and hand-written thanks: `Applied, thanks!`, `Thanks, applied.`, `Applied to
 *   net-next, thanks`, `Applied to bpf-next (master), thanks!`, `Queued to …`, `Pushed to …`,
 *   `Merged into …`, `applied the series to <tree>`;
 * - Mark Brown's b4 ty template: `Applied to` alone on its line, the tree's URL and branch on
 *   a line of their own below it (read by applied-commits.ts, the one reader of ty text);
 * - Greg KH's bot: `I've just added the patch titled … to my <tree> git tree`;
 * - tip-bot2: `The following commit has been merged into the <branch> branch of tip:`;
 * - akpm's `has been added to the -mm mm-unstable branch`;
 * - a reply carrying the patch itself with a Signed-off-by of someone other than the author
 *   below the author's (the committer's copy of the commit, as tip-bot2 and akpm send it).
 * b4 ty's summary (`[2/3] subject` lines) limits the signal to those counters (`subset`);
 * `commits` counts the summary lines naming a commit. `signers` are the Signed-off-bys below
 * the author's in a patch the reply carries (a committer's copy, akpm's mm-commits notice).
 * Whether the sender is believed is applied-trust.ts's.
 * A reply from the series' author is never "applied": authors write "applied on top of x"
 * about their own bases.
 *
 * Non-goals: "applied" mails that start new threads (akpm's mm-commits notices): the worker
 * may find them by `Link:`; deciding which patch a reply answers (series-facts.ts does).
 */
import { comparableName } from '../mail/address.ts';
import { appliedCommits } from './applied-commits.ts';
import { emailEq, parseTrailers } from './trailers.ts';
import type { Person, Trailer } from '../types.ts';

export interface AppliedSignal {
  /** Who said so (for a committer's copy of the patch, the committer it names). */
  by: Person;
  /** Who sent the reply. */
  sender: Person;
  /** Patches a b4 ty summary names with their commit (`[1/3] subject` then `commit: <sha>`). */
  commits: number;
  /** Signed-off-bys below the author's in a patch the reply carries; empty when it carries none. */
  signers: Person[];
  /** The tree or branch named (`net-next`, `tip/x86/urgent`, `mm-unstable`), or null. */
  where: string | null;
  /** Counters named by a b4 ty summary; null when the reply names none (all of them). */
  subset: number[] | null;
  /** The line that said it, for display. */
  evidence: string;
}

const VERB = '(?:applied|queued|pushed|merged|picked(?: up)?|taken|committed)';
const OBJECT = '(?:\\s+(?:it|this|that|them|both|all|the (?:whole )?(?:series|set|patch(?:es|set)?)|(?:the )?patch(?:es)? [\\d, and-]+|v\\d+))?';
const TO_TREE = new RegExp(`^\\s*(?:thanks[,!.]?\\s+(?:i'?ve\\s+|i\\s+)?)?(?:i'?ve\\s+|i\\s+|now\\s+)?${VERB}${OBJECT}(?:,\\s*)?\\s+(?:to|into|in|on)\\s+(?:the\\s+|my\\s+)?([\\w./:+@-]+(?:\\s+\\([\\w./:+@-]+\\))?)`, 'i');
const THANKS = new RegExp(`^\\s*(?:${VERB}${OBJECT}[,.!]?\\s*(?:-\\s*)?thanks\\b|thanks[,!.]?\\s+${VERB}\\b|${VERB}[.!]?\\s*$)`, 'i');
const GREG = /I've just added the patch titled[\s\S]{0,400}?to my ([\w.-]+) git tree/i;
const TIP = /has been merged into the ([\w./-]+) branch of (tip|[\w-]+)/i;
const AKPM = /has been added to the -mm ([\w-]+) branch/i;
const SUMMARY = /^\s*\[(\d{1,4})\/(\d{1,4})\]\s+\S/;
/** `Applied to` alone: Mark Brown's template puts the tree's URL on a line of its own below. */
const TO_ALONE = /^\s*(?:applied|queued|merged|pushed)\s+(?:to|into)\s*:?\s*$/i;
/** Words after "applied to" that are no tree: "applied to my local branch and tested". */
const NOT_A_TREE = /^(?:my|the|a|this|local|top|it|your|mainline|linux-next\?)$/i;

function ownLines(body: string): string[] {
  const out: string[] = [];
  for (const line of body.replace(/\r/g, '').split('\n')) {
    if (line === '-- ' || line === '--') break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out;
}

function samePerson(a: Person, b: Person): boolean {
  if (a.address && b.address && emailEq(a.address, b.address)) return true;
  const n = comparableName(a.name);
  return n.length > 1 && n === comparableName(b.name);
}

/** A tree URL as a place: its last two path parts and the branch (`broonie/spi.git for-next`). */
function placeOf(tree: string, branch: string | null): string {
  const path = tree.replace(/\/+$/, '').split('/').slice(-2).join('/');
  return branch ? `${path} ${branch}` : path;
}

export function appliedSignal(body: string, carriesPatch: boolean, sender: Person, author: Person): AppliedSignal | null {
  if (samePerson(sender, author)) return null;
  const lines = ownLines(body);
  const text = lines.join('\n');
  const ty = appliedCommits(text);
  const commits = ty?.commits.filter((c) => c.counter !== null).length ?? 0;
  // the author's Signed-off-by, then others': the committer's copy of the commit
  const later = ((): Trailer[] => {
    if (!carriesPatch) return [];
    const sob = parseTrailers(body, '').filter((t) => t.name === 'Signed-off-by' && t.person);
    const mine = sob.findIndex((t) => samePerson(t.person!, author));
    return mine >= 0 ? sob.slice(mine + 1).filter((t) => !samePerson(t.person!, author)) : [];
  })();
  const base = { sender: { ...sender }, commits, signers: later.map((t) => ({ ...t.person! })) };
  const subset = (): number[] | null => {
    const c = lines.flatMap((l) => {
      const m = SUMMARY.exec(l);
      return m ? [Number(m[1])] : [];
    });
    return c.length ? c : null;
  };
  const tip = TIP.exec(text);
  const bot = tip ?? GREG.exec(text) ?? AKPM.exec(text);
  if (bot) {
    const where = tip ? `${tip[2]}/${tip[1]}` : bot[1]!;
    return { by: sender, where, subset: null, evidence: bot[0].replace(/\s+/g, ' ').slice(0, 200), ...base };
  }
  for (const line of lines) {
    if (line.length > 200) continue;
    const to = TO_TREE.exec(line);
    if (to && !NOT_A_TREE.test(to[1]!)) return { by: sender, where: to[1]!.replace(/[.,!]+$/, ''), subset: subset(), evidence: line.trim(), ...base };
    if (THANKS.test(line)) return { by: sender, where: null, subset: subset(), evidence: line.trim(), ...base };
    if (TO_ALONE.test(line) && ty?.tree) {
      const where = placeOf(ty.tree, ty.branch);
      return { by: sender, where, subset: subset(), evidence: `${line.trim()} ${ty.tree}${ty.branch ? ` ${ty.branch}` : ''}`, ...base };
    }
  }
  const last = later[later.length - 1];
  if (last?.person) return { by: { ...last.person }, where: null, subset: null, evidence: `Signed-off-by: ${last.value}`, ...base };
  return null;
}

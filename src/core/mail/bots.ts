/**
 * Who is a bot: the fuzzers, build robots, CI systems and review bots that mail lists. What
 * they write is a report, never a review: a syzbot ci mail that *found a WARNING* still ends
 * with a `Tested-by: syzbot@…` template line, and the kernel test robot's build failures say
 * `Reported-by: kernel test robot <lkp@intel.com>` for the fix to carry. Counting either as
 * a trailer puts a bot's failure on a patch as testing (issue 15).
 *
 *   botOf(from: Person, subject?: string): Bot | null
 *   botFindings(bot: Bot, subject: string, body: string): BotReading   (bot-reports.ts)
 *
 * One small table, easy to extend: an entry matches the sender's address, else the display
 * name, else a subject tag the bot puts on its reports (`[syzbot ci] Re: …`). The first entry
 * that matches names the bot, so a specific entry goes above a broader one.
 *
 * A bot's mail is a report of FINDINGS (issue 18): each entry names the reader of its
 * template (bot-reports.ts: syzbot's and syzbot ci's, the kernel test robot's, Patchwork
 * CI's, the AI reviewer's, a generic one), which gives each finding's title, kind (crash,
 * warning, build error, test failed / passed, regression, review) and link, and what the
 * report names as tested (a lore URL, `[PATCH vN n/M]`). A bot whose mail is only a notice
 * (patchwork-bot's "applied") has no reader: its mail is a report with no finding.
 *
 * Non-goals: "applied" notices from bots (patchwork-bot, tip-bot2) are applied.ts's; where
 * a finding belongs in a series is the series' (trailer-scope.ts, ledger-findings.ts).
 */
import type { BotKind, Person } from '../types.ts';
import { readBotReport, type BotReading, type ReaderName } from './bot-reports.ts';

export type { BotKind, BotReading };

export interface Bot {
  /** The bot's name as a reader knows it: `syzbot ci`, `kernel test robot`. */
  name: string;
  kind: BotKind;
  /** Which template reader its reports get; absent for a bot that only sends notices. */
  reader?: ReaderName;
}

interface Entry extends Bot {
  /** The sender's address, lower-cased. */
  address?: RegExp;
  /** The sender's display name. */
  display?: RegExp;
  /** A tag the bot puts on the subjects of its reports. */
  subject?: RegExp;
}

const BOTS: readonly Entry[] = [
  // syzbot's CI reports come from syzbot+ci<hash>@, its bug reports from syzbot+<hash>@ or syzbot@
  { name: 'syzbot ci', kind: 'ci', reader: 'syzbotCi', address: /^syzbot\+ci[^@]*@syzkaller\.appspotmail\.com$/, subject: /^\s*\[syzbot ci\]/i },
  { name: 'syzbot', kind: 'fuzzer', reader: 'syzbot', address: /^syzbot(?:\+[^@]*)?@syzkaller(?:\.appspotmail)?\.com$/, display: /^syzbot\b/i, subject: /^\s*\[syzbot\]/i },
  // the robot's runtime reports come from its engineers' addresses under its name
  { name: 'kernel test robot', kind: 'build', reader: 'lkp', address: /^lkp@intel\.com$/, display: /^(?:kernel|kbuild) test robot$/i },
  { name: 'KernelCI', kind: 'ci', reader: 'generic', address: /^bot@kernelci\.org$/, display: /^kernelci(?:\.org)? bot$/i },
  { name: 'patchwork-bot', kind: 'patchwork', address: /^patchwork-bot(?:\+[^@]*)?@kernel\.org$/ },
  { name: 'Patchwork CI', kind: 'ci', reader: 'patchworkCi', address: /^patchwork@(?:emeril|patchwork)\.freedesktop\.org$/ },
  // the BPF CI's AI review bot mails its reviews from bot+<ci>@kernel.org
  { name: 'kernel.org review bot', kind: 'ai-review', reader: 'aiReview', address: /^bot\+[^@]*@kernel\.org$/ },
  { name: 'Coverity', kind: 'ci', reader: 'generic', address: /^scan-admin@coverity\.com$/ },
  // any other sender calling itself a bot or robot
  { name: 'a bot', kind: 'ci', reader: 'generic', display: /(?:^|[\s_-])(?:ro)?bot(?:$|[\s_-])/i },
];

/** The bot that sent a mail from `from` (with `subject`), or null for a person. */
export function botOf(from: Person | null, subject = ''): Bot | null {
  const address = from?.address.trim().toLowerCase() ?? '';
  const display = from?.name.trim() ?? '';
  for (const e of BOTS) {
    if ((e.address && address && e.address.test(address)) || (e.display && display && e.display.test(display)) || (e.subject && subject && e.subject.test(subject))) {
      return e.reader ? { name: e.name, kind: e.kind, reader: e.reader } : { name: e.name, kind: e.kind };
    }
  }
  return null;
}

const NOTHING: BotReading = { findings: [], names: [], namesVersion: null };

/** What a bot's mail says it found (none for a bot that only sends notices). */
export function botFindings(bot: Bot, subject: string, body: string): BotReading {
  return bot.reader ? readBotReport(bot.reader, subject, body) : NOTHING;
}

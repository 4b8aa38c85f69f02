/**
 * Who is a bot: the fuzzers, build robots, CI systems and review bots that mail lists. What
 * they write is a report, never a review: a syzbot ci mail that *found a WARNING* still ends
 * with a `Tested-by: syzbot@…` template line, and the kernel test robot's build failures say
 * `Reported-by: kernel test robot <lkp@intel.com>` for the fix to carry. Counting either as
 * a trailer puts a bot's failure on a patch as testing (issue 15).
 *
 *   botOf(from: Person, subject?: string): Bot | null
 *
 * One small table, easy to extend: an entry matches the sender's address, else the display
 * name, else a subject tag the bot puts on its reports (`[syzbot ci] Re: …`). The first entry
 * that matches names the bot, so a specific entry goes above a broader one.
 *
 * Non-goals: reading a report's findings (title, crash / build error / warning / test passed,
 * link, date) is issue 18's, which extends this module; "applied" notices from bots
 * (patchwork-bot, tip-bot2) are applied.ts's.
 */
import type { BotKind, Person } from '../types.ts';

export type { BotKind };

export interface Bot {
  /** The bot's name as a reader knows it: `syzbot ci`, `kernel test robot`. */
  name: string;
  kind: BotKind;
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
  { name: 'syzbot ci', kind: 'ci', address: /^syzbot\+ci[^@]*@syzkaller\.appspotmail\.com$/, subject: /^\s*\[syzbot ci\]/i },
  { name: 'syzbot', kind: 'fuzzer', address: /^syzbot(?:\+[^@]*)?@syzkaller(?:\.appspotmail)?\.com$/, display: /^syzbot\b/i, subject: /^\s*\[syzbot\]/i },
  { name: 'kernel test robot', kind: 'build', address: /^lkp@intel\.com$/, display: /^(?:kernel|kbuild) test robot$/i },
  { name: 'KernelCI', kind: 'ci', address: /^bot@kernelci\.org$/, display: /^kernelci(?:\.org)? bot$/i },
  { name: 'patchwork-bot', kind: 'patchwork', address: /^patchwork-bot(?:\+[^@]*)?@kernel\.org$/ },
  { name: 'Patchwork CI', kind: 'ci', address: /^patchwork@(?:emeril|patchwork)\.freedesktop\.org$/ },
  // the BPF CI's AI review bot mails its reviews from bot+<ci>@kernel.org
  { name: 'kernel.org review bot', kind: 'ai-review', address: /^bot\+[^@]*@kernel\.org$/ },
  { name: 'Coverity', kind: 'ci', address: /^scan-admin@coverity\.com$/ },
  // any other sender calling itself a bot or robot
  { name: 'a bot', kind: 'ci', display: /(?:^|[\s_-])(?:ro)?bot(?:$|[\s_-])/i },
];

/** The bot that sent a mail from `from` (with `subject`), or null for a person. */
export function botOf(from: Person | null, subject = ''): Bot | null {
  const address = from?.address.trim().toLowerCase() ?? '';
  const display = from?.name.trim() ?? '';
  for (const e of BOTS) {
    if ((e.address && address && e.address.test(address)) || (e.display && display && e.display.test(display)) || (e.subject && subject && e.subject.test(subject))) {
      return { name: e.name, kind: e.kind };
    }
  }
  return null;
}

/**
 * Whom an "applied" reply is believed from. Anyone can write "Applied to mm-stable, thanks!"
 * below a cover letter (issue 16: a random address put ✓ on every patch); an archive gives
 * reason to trust only some senders:
 *
 *   appliedTrust(mark: AppliedMark, committers: Person[], trusted?): AppliedTrust
 *
 * - `maintainer`: the sender is one the caller trusts (`LedgerOptions.trustedAppliers`: the
 *   tree's MAINTAINERS `M:` people once the worker reads them);
 * - `committer`: the sender signs this series' patches off as their committer (a Signed-off-by
 *   below the author's in a patch of any version, by someone other than that version's
 *   sender, nor a co-developer's: `committersOf`), or the reply carries the patch with the sender's own sign-off
 *   below the author's (akpm's mm-commits notice, a committer's copy);
 * - `names-commits`: a b4 ty reply naming the commit of each patch it lists (`[1/3] subject`
 *   then `commit: <sha>`): commits anyone can look up (issue 19's dig does);
 * - null: the reply "says applied (unverified)": shown, never ✓.
 * People are matched by address (b4's email_eq), never by name: a name is what an impostor
 * copies first.
 *
 * Non-goals: reading the reply (applied.ts), which patches it covers (ledger-status.ts).
 */
import type { AppliedMark, VersionFacts } from './series-facts.ts';
import { emailEq } from './trailers.ts';
import type { Person } from '../types.ts';

export type AppliedTrust = 'maintainer' | 'committer' | 'names-commits' | null;

const sameAddress = (a: Person, b: Person): boolean => !!a.address && !!b.address && emailEq(a.address, b.address);

/** Who signs a version's patches off below their author: the people who took them. */
export function committersOf(versions: VersionFacts[]): Person[] {
  const out = new Map<string, Person>();
  for (const v of versions) {
    for (const p of v.patches) {
      if (p.borrowedFrom !== null) continue;
      const own = p.trailers.filter((t) => t.origin === 'patch' && t.from === p.id);
      const mine = own.findIndex((t) => t.name === 'Signed-off-by' && t.person && sameAddress(t.person, v.author));
      if (mine < 0) continue;
      own.slice(mine + 1).forEach((t, k, later) => {
        if (t.name !== 'Signed-off-by' || !t.person || sameAddress(t.person, v.author)) return;
        // a co-developer's sign-off (`Co-developed-by: X` then `Signed-off-by: X`) took nothing
        const before = k > 0 ? later[k - 1]! : own[mine]!;
        if (before.name === 'Co-developed-by' && before.person && sameAddress(before.person, t.person)) return;
        out.set(t.person.address.toLowerCase(), { ...t.person });
      });
    }
  }
  return [...out.values()];
}

export function appliedTrust(mark: AppliedMark, committers: Person[], trusted?: (p: Person) => boolean): AppliedTrust {
  const sender = mark.sender;
  if (trusted?.(sender)) return 'maintainer';
  if (committers.some((c) => sameAddress(c, sender)) || mark.signers.some((c) => sameAddress(c, sender))) return 'committer';
  if (mark.commits > 0) return 'names-commits';
  return null;
}

/**
 * MAINTAINERS-aware ownership (issue 18), pure: the room's front door. The flow:
 *
 *   const file = parseMaintainers(text);          // plain JSON: cache it (IndexedDB); errors
 *                                                 // per malformed line in file.errors
 *   const ix = compileMaintainers(file);          // once per load: people read, patterns
 *                                                 // compiled and indexed
 *   const m = matchPatch(ix, { files, text });    // entries a patch belongs to, as
 *                                                 // scripts/get_maintainer.pl decides
 *   const v = versionOwnership(ix, patches);      // per patch and entry: acked / own /
 *                                                 // reviewed / waiting; v.summary for the
 *                                                 // version ("4 of 6 subsystems acked; …")
 *   versionWaitingOnMe(v, patches, myAddresses);  // for the "waiting on me" mark and badge
 *
 * Inputs are plain: a patch is `{ files, text?, trailers: [{ name, person }], appliedBy?,
 * author? }` with the trailers the ledger counted as valid on that version. `files` are all
 * paths the patch touches (old and new names), from the patch parser; `text` is
 * `Subject: …`, a blank line and the body (K: keywords read it as get_maintainer.pl reads a
 * patch file). Every output is plain data, entries referred to by their index in
 * `file.entries` and carried read (`OwnerEntry`: name, status, maintainers, reviewers, lists).
 *
 * The format and the matching rules are documented in docs/maintainers.md; the differential
 * test against get_maintainer.pl is test/core/maintainers/get-maintainer.test.ts.
 */
export { parseMaintainers, type MaintainersEntry, type MaintainersError, type MaintainersFile, type MaintainersList } from './parse.ts';
export { compileMaintainers, matchPatch, type EntryMatch, type MaintainersIndex, type MatchInput, type MatchOptions, type OwnerEntry, type PatchMatch } from './match.ts';
export {
  patchOwnership,
  samePerson,
  versionOwnership,
  versionWaitingOnMe,
  waitingOnMe,
  type EntryOwnership,
  type OwnerState,
  type OwnershipPatch,
  type PatchOwnership,
  type VersionEntry,
  type VersionOwnership,
} from './ownership.ts';

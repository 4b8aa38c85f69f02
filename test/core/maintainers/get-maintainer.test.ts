/**
 * Differential test against the kernel's own scripts/get_maintainer.pl (Debian's
 * linux-source, the same MAINTAINERS): every patch in the corpus, and generated patches over
 * real kernel paths (test/helpers/kernel-patches.ts), once with K: keywords and once with
 * `--nokeywords`. get_maintainer.pl runs as
 * `--no-git --no-git-fallback --no-rolestats --roles` (roles only label each line, so a
 * reviewer, a maintainer and a list can be told apart) in a skeleton of the tree: every
 * directory, no file contents.
 *
 * What is compared: the people (M: and R:) and lists (L:) of the entries ListLens matched,
 * against the lines get_maintainer.pl prints. Its printing rules are applied to our side,
 * not counted as differences: Linus Torvalds (the "chief penguin") is never printed,
 * subscribers-only lists are not printed (its default --nos), a person is printed once per
 * name and once per address (the first met wins: with two addresses under one name, either
 * may be printed), an address printed as a person is not printed again as a list, and the
 * list printed is the first word of the L: line (for `L: Mali DP Maintainers
 * <malidp@foss.arm.com>` it prints "Mali"; ListLens keeps the address).
 *
 * Allowed differences, each with its reason, and none other:
 * - get_maintainer.pl takes file names from lines of the patch text (`--- x`, `+++ x`,
 *   `rename from`, ` mode change`, `diff --git a/… b/…`), so it misses a `diff --git x x`
 *   written without prefixes, takes a commit message line starting `--- ` or a removed line
 *   starting `-- ` for a file, and `--- /dev/null` for `dev/null`; ListLens takes the files
 *   from its patch parser. For such a patch the comparison is done again with
 *   get_maintainer.pl's own file list, and must then agree exactly.
 * - A plain F: pattern naming a directory without the trailing `/`: get_maintainer.pl looks
 *   at the tree (`-d`) and reads it as a directory only; ListLens has no tree and reads it
 *   both ways (src/core/maintainers/patterns.ts), which adds the files beside it at the same
 *   depth that start with its name. Those files are found in the tree's file list, put into
 *   the generated patches, and only what the entries they widen bring may differ there.
 *
 * Not compared, because neither side does it here: get_maintainer.pl's addresses read from
 * inside `.yaml` files of the tree (the skeleton has no contents; ListLens has no tree), its
 * git history (`--no-git`) and `.mailmap` (not extracted).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { hasDiff } from '../../../src/core/patch/detect.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { compileMaintainers, matchPatch, type MaintainersIndex, type PatchMatch } from '../../../src/core/maintainers/match.ts';
import { parseMaintainers, type MaintainersFile } from '../../../src/core/maintainers/parse.ts';
import { fileMatches, filePattern } from '../../../src/core/maintainers/patterns.ts';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { getMaintainer, linuxSource, linuxSourceTarball, requireLinuxSource, type LinuxSource } from '../../helpers/linux-source.ts';
import { kernelPatches, patternSamples } from '../../helpers/kernel-patches.ts';
import { mulberry32 } from '../../helpers/random.ts';

const ARGS = ['--no-git', '--no-git-fallback', '--no-rolestats', '--roles'];
const CHIEF = 'torvalds@linux-foundation.org';

interface Printed {
  name: string;
  address: string;
  role: string;
}

/** get_maintainer.pl's lines: `Name <addr> (role)`, `"Quoted, Name" <addr> (role)`, `addr (role)`. */
function printed(out: string): Printed[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(?:(.*?) ?<([^<>]+)>|(\S+)) \((.*)\)$/.exec(line);
      if (!m) throw new Error(`unexpected get_maintainer.pl line: ${line}`);
      const name = (m[1] ?? '').replace(/^"|"$/g, '').replace(/\\"/g, '"');
      return { name, address: m[2] ?? m[3]!, role: m[4]! };
    });
}

/** What get_maintainer.pl would print for these entries, as sets. */
function expected(file: MaintainersFile, ix: MaintainersIndex, match: PatchMatch) {
  const entries = [...match.entries, ...match.rest].map((m) => m.entry);
  const maintainers = entries.flatMap((e) => ix.entries[e]!.maintainers).filter((p) => p.address.toLowerCase() !== CHIEF);
  const reviewers = entries.flatMap((e) => ix.entries[e]!.reviewers);
  const lists = entries.flatMap((e) =>
    (file.entries[e]!.L ?? []).flatMap((raw) => {
      const [word, ...rest] = raw.split(/\s+/);
      return /subscribers-only/.test(rest.join(' ')) ? [] : [word!.toLowerCase()];
    }),
  );
  return { maintainers, reviewers, lists: new Set(lists), names: entries.map((e) => ix.entries[e]!.name) };
}

/** The differences between our match and get_maintainer.pl's output, in words; [] when none. */
function differences(file: MaintainersFile, ix: MaintainersIndex, match: PatchMatch, out: string): string[] {
  const want = expected(file, ix, match);
  const got = printed(out);
  const diffs: string[] = [];
  const lc = (s: string): string => s.toLowerCase();
  const people = [...want.maintainers, ...want.reviewers];
  const isList = (p: Printed): boolean => /^(open|moderated|subscriber) list/.test(p.role);
  for (const p of got) {
    if (isList(p)) {
      if (!want.lists.has(lc(p.address))) diffs.push(`get_maintainer.pl lists ${p.address} (${p.role}), we do not`);
    } else if (/^reviewer:/.test(p.role)) {
      if (!want.reviewers.some((r) => lc(r.address) === lc(p.address))) diffs.push(`get_maintainer.pl has reviewer ${p.address} (${p.role}), we do not`);
    } else if (!want.maintainers.some((r) => lc(r.address) === lc(p.address))) diffs.push(`get_maintainer.pl has maintainer ${p.address} (${p.role}), we do not`);
  }
  for (const p of people) {
    if (!got.some((g) => !isList(g) && (lc(g.address) === lc(p.address) || (p.name && lc(g.name) === lc(p.name))))) diffs.push(`we have ${p.name} <${p.address}>, get_maintainer.pl does not`);
  }
  for (const l of want.lists) {
    if (!got.some((g) => lc(g.address) === l && (isList(g) || !g.name))) diffs.push(`we list ${l}, get_maintainer.pl does not`);
  }
  return diffs.length ? [...diffs, `(our entries: ${want.names.join('; ')})`] : [];
}

/** get_maintainer.pl's own reading of the files of a patch (its loop over the patch lines). */
function perlFiles(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/.exec(line)) || (m = /^rename (?:from|to) (\S+)\s*$/.exec(line))) files.push(m[1]!);
    else if ((m = /^diff --git a\/(\S+) b\/(\S+)\s*$/.exec(line))) files.push(m[1]!, m[2]!);
    else if (/^Fixes:\s+([0-9a-fA-F]{6,40})/.test(line)) continue;
    else if ((m = /^\+\+\+\s+(\S+)/.exec(line) ?? /^---\s+(\S+)/.exec(line))) files.push(m[1]!.replace(/^[^/]*\//, ''));
  }
  return [...new Set(files)].sort();
}

function parserFiles(body: string): string[] {
  return [...new Set(parsePatch(body).files.flatMap((f) => [f.oldPath, f.newPath]).filter((p): p is string => !!p))].sort();
}

describe.runIf(linuxSourceTarball || process.env.CI)('MAINTAINERS matching against get_maintainer.pl (linux-source)', () => {
  let src: LinuxSource;
  let file: MaintainersFile;
  let ix: MaintainersIndex;
  let text: string;

  beforeAll(async () => {
    src = await linuxSource(requireLinuxSource());
    text = readFileSync(src.maintainers, 'utf8');
    file = parseMaintainers(text);
    ix = compileMaintainers(file);
  }, 300_000);

  /** Compares each patch both ways; returns the unexplained differences. */
  async function compare(patches: Array<{ label: string; text: string; body: string; allowed?: Set<string> }>): Promise<string[]> {
    const failures: string[] = [];
    for (const keywords of [true, false]) {
      const outs = await getMaintainer(src, patches.map((p) => p.text), keywords ? ARGS : [...ARGS, '--nokeywords']);
      patches.forEach((p, k) => {
        const ours = parserFiles(p.body);
        let diffs = differences(file, ix, matchPatch(ix, { files: ours, text: p.text }, { keywords }), outs[k]!);
        const theirs = perlFiles(p.text);
        if (diffs.length && theirs.join('\n') !== ours.join('\n')) {
          // get_maintainer.pl read other file names from the text: with its list we must agree
          diffs = differences(file, ix, matchPatch(ix, { files: theirs, text: p.text }, { keywords }), outs[k]!);
        }
        if (diffs.length && p.allowed) diffs = diffs.filter((d) => ![...p.allowed!].some((a) => d.includes(a)));
        if (diffs.length > 1 || (diffs.length === 1 && !diffs[0]!.startsWith('(our entries'))) failures.push(`${p.label} (${keywords ? 'K:' : '--nokeywords'}): ${diffs.join('; ')}`);
      });
    }
    return failures;
  }

  it('reads the kernel MAINTAINERS without an error, one entry per section', () => {
    expect(file.errorCount).toBe(0);
    // get_maintainer.pl's sections: a name line followed by a field line
    const sections = text.split('\n').filter((l, i, all) => /^[^\s#A-Z]|^[A-Z][^:]/.test(l) && /^[A-Z]:/.test(all[i + 1] ?? '')).length;
    expect(file.entries.length).toBe(sections);
  });

  it.runIf(corpusDir)('agrees on every patch of the corpus', async () => {
    const patches: Array<{ label: string; text: string; body: string }> = [];
    const seen = new Set<string>();
    for (const path of corpusFiles()) {
      const r = await analyseMbox(new Uint8Array(readFileSync(path)), { keepBodies: true });
      for (const head of r.heads) {
        const body = r.bodies!.get(head.id)?.text;
        if (!body || !hasDiff(body)) continue;
        const patchText = `Subject: ${head.subject}\n\n${body}`;
        if (seen.has(patchText)) continue;
        seen.add(patchText);
        patches.push({ label: `${path.slice(corpusDir!.length + 1)} ${head.id}`, text: patchText, body });
      }
    }
    expect(patches.length).toBeGreaterThan(150);
    expect(await compare(patches)).toEqual([]);
  }, 600_000);

  it('agrees on generated patches over real kernel paths', async () => {
    const dirs = new Set(src.dirs);
    const samples = patternSamples(text, src.files, dirs);
    const patches = kernelPatches(mulberry32(18), 120, src.files, samples).map((p, n) => ({ label: `generated #${n} (${p.files.join(' ')})`, text: p.text, body: p.text }));
    // the plain directory patterns: the files beside them are the only ones we may add
    const beside = new Set(samples.besideDirs);
    const widened = new Map<string, Set<string>>();
    for (const [e, entry] of file.entries.entries()) {
      for (const f of entry.F ?? []) {
        if (/[.*?]/.test(f) || f.endsWith('/') || !dirs.has(f)) continue;
        const p = filePattern(f);
        for (const b of beside) if (fileMatches(p, b)) (widened.get(b) ?? widened.set(b, new Set()).get(b)!).add(ix.entries[e]!.name);
      }
    }
    expect(samples.besideDirs.length).toBeGreaterThan(0);
    const failures = await compare(
      patches.map((p) => {
        const files = parserFiles(p.body).filter((f) => beside.has(f));
        if (!files.length) return p;
        // what only the widened entries bring may differ, nothing else
        const allowed = new Set(files.flatMap((f) => [...widened.get(f)!]).flatMap((name) => {
          const entry = ix.entries.find((x) => x.name === name)!;
          return [...entry.maintainers, ...entry.reviewers].map((x) => x.address).concat(entry.lists.map((l) => l.address));
        }));
        return { ...p, allowed };
      }),
    );
    expect(failures).toEqual([]);
  }, 600_000);
});

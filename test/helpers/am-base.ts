/**
 * A base tree on which a series' patches apply, built from the patches alone, for the
 * differential tests that `git am` an am-ready mbox (ours and b4's) into a scratch repository.
 *
 * Mail holds no tree and index lines name blobs nobody has, so the base is reconstructed: the
 * patches are replayed in order on a model of each file whose lines are either lines of the
 * base (their text unknown until a hunk's context or `-` line names them) or lines a patch
 * added. Each hunk pins the base lines it reads at their exact numbers; a later patch reading a
 * line an earlier one added checks it against that text. Lines nobody reads are filler. Files
 * a patch creates do not exist in the base; renames, copies, deletions and modes are followed.
 * What cannot be rebuilt (a binary patch, two patches disagreeing about a line) is an error,
 * never a guess: `git am` is the judge of the result, so a wrong base fails, it cannot pass.
 *
 * Non-goals: fuzz, offsets, reverse-engineering blobs for `git am --3way`.
 */

type Line = { base: number } | { text: string };

interface FileModel {
  /** The path the base has it under. */
  basePath: string | null;
  lines: Line[];
}

export interface BaseTree {
  /** Path → content (and mode) of every file the patches need to exist before them. */
  files: Map<string, { content: string; mode: '100644' | '100755' }>;
}

interface FileDiff {
  from: string | null;
  to: string | null;
  copy: boolean;
  oldMode: string | null;
  hunks: Array<{ start: number; count: number; lines: string[] }>;
}

/** `git apply -p1`: the first path component goes (`a/`, `b/`, quilt's `linux.orig/`). */
const strip = (p: string): string => p.replace(/^"|"$/g, '').replace(/^[^/]*\//, '');

/** The file diffs of one patch text (the part from the first `diff --git`). */
export function fileDiffs(text: string): FileDiff[] | string {
  const lines = text.split('\n');
  const out: FileDiff[] = [];
  let cur: FileDiff | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('diff --git ')) {
      const m = /^diff --git (\S+) (\S+)$/.exec(l);
      cur = { from: m ? strip(m[1]!) : null, to: m ? strip(m[2]!) : null, copy: false, oldMode: null, hunks: [] };
      out.push(cur);
      continue;
    }
    // a patch without git's header (`diff -u`, quilt): `--- a/x` then `+++ b/x`
    if (l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && (!cur || cur.hunks.length)) {
      cur = { from: null, to: null, copy: false, oldMode: null, hunks: [] };
      out.push(cur);
    }
    if (!cur) continue;
    if (l.startsWith('GIT binary patch') || /^Binary files .* differ$/.test(l)) return `binary patch of ${cur.to}`;
    if (l.startsWith('--- ')) cur.from = l === '--- /dev/null' ? null : strip(l.slice(4).split('\t')[0]!);
    else if (l.startsWith('+++ ')) cur.to = l === '+++ /dev/null' ? null : strip(l.slice(4).split('\t')[0]!);
    else if (l.startsWith('new file mode')) cur.from = null;
    else if (l.startsWith('deleted file mode')) {
      cur.oldMode = l.slice(18).trim();
      cur.to = null;
    } else if (l.startsWith('rename from ') || l.startsWith('copy from ')) {
      cur.from = l.slice(l.indexOf('from ') + 5);
      cur.copy = l.startsWith('copy');
    } else if (l.startsWith('rename to ') || l.startsWith('copy to ')) cur.to = l.slice(l.indexOf('to ') + 3);
    else if (l.startsWith('old mode ')) cur.oldMode = l.slice(9).trim();
    else if (/^index \S+ \d{6}$/.test(l)) cur.oldMode = l.split(' ')[2]!;
    else if (l.startsWith('@@ ')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (!m) return `bad hunk header ${l}`;
      const count = m[2] === undefined ? 1 : Number(m[2]);
      let oldLeft = count;
      let newLeft = m[4] === undefined ? 1 : Number(m[4]);
      const body: string[] = [];
      while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
        const h = lines[++i]!;
        if (h.startsWith('\\')) {
          body.push(h);
          continue;
        }
        const c = h[0] ?? ' ';
        if (c === ' ' || h === '') {
          oldLeft--;
          newLeft--;
        } else if (c === '-') oldLeft--;
        else if (c === '+') newLeft--;
        else return `hunk of ${cur.to} ends early`;
        body.push(h === '' ? ' ' : h);
      }
      if (i + 1 < lines.length && lines[i + 1]!.startsWith('\\')) body.push(lines[++i]!);
      cur.hunks.push({ start: Number(m[1]), count, lines: body });
    }
  }
  return out;
}

/** The base the patches (each one mail's text, in order) apply to, or why there is none. */
export function baseTree(patches: string[]): BaseTree | string {
  const files = new Map<string, FileModel>();
  const baseText = new Map<string, Map<number, string>>();
  const baseLen = new Map<string, number>();
  const modes = new Map<string, '100644' | '100755'>();
  const noEol = new Set<string>();
  const fresh = (path: string): FileModel => {
    if (!baseText.has(path)) {
      baseText.set(path, new Map());
      baseLen.set(path, 0);
    }
    return { basePath: path, lines: [] };
  };
  const extend = (f: FileModel, n: number): void => {
    while (f.lines.length < n) {
      const k = baseLen.get(f.basePath!)!;
      baseLen.set(f.basePath!, k + 1);
      f.lines.push({ base: k });
    }
  };
  for (const text of patches) {
    const diffs = fileDiffs(text);
    if (typeof diffs === 'string') return diffs;
    for (const d of diffs) {
      let f: FileModel;
      if (d.from === null) {
        if (d.to && files.has(d.to)) return `${d.to} created twice`;
        f = { basePath: null, lines: [] };
      } else {
        const had = files.get(d.from);
        // a path the base had, deleted or renamed away by an earlier patch, is not there to change
        if (!had && baseText.has(d.from)) return `${d.from} is gone`;
        f = had ?? fresh(d.from);
        if (!had && d.oldMode && !modes.has(d.from)) modes.set(d.from, d.oldMode === '100755' ? '100755' : '100644');
        if (d.copy) {
          files.set(d.from, f);
          f = { basePath: f.basePath, lines: f.lines.slice() };
        } else if (d.to !== d.from) files.delete(d.from);
      }
      let shift = 0;
      for (const h of d.hunks) {
        // a hunk of zero old lines inserts after line `start`
        const at = (h.count === 0 ? h.start : h.start - 1) + shift;
        if (f.basePath) extend(f, at + h.count);
        const added: Line[] = [];
        let old = 0;
        for (let k = 0; k < h.lines.length; k++) {
          const hl = h.lines[k]!;
          if (hl.startsWith('\\')) {
            const prev = h.lines[k - 1] ?? '';
            const last = f.lines[at + old - 1];
            if (prev[0] !== '+' && last && 'base' in last) noEol.add(`${f.basePath}\n${last.base}`);
            continue;
          }
          if (hl[0] === '+') {
            added.push({ text: hl.slice(1) });
            continue;
          }
          const want = hl.slice(1);
          const line = f.lines[at + old];
          if (!line) return `a hunk of ${d.to ?? d.from} reads past the end of the file`;
          if ('base' in line) {
            const known = baseText.get(f.basePath!)!;
            const had = known.get(line.base);
            if (had !== undefined && had !== want) return `${d.from}: two patches disagree about line ${line.base + 1}`;
            known.set(line.base, want);
          } else if (line.text !== want) return `${d.from}: a patch reads a line an earlier one wrote otherwise`;
          if (hl[0] === ' ') added.push(line);
          old++;
        }
        f.lines.splice(at, old, ...added);
        shift += added.length - old;
      }
      if (d.to !== null) files.set(d.to, f);
    }
  }
  const out: BaseTree = { files: new Map() };
  for (const [path, known] of baseText) {
    const n = baseLen.get(path)!;
    const lines: string[] = [];
    for (let k = 0; k < n; k++) lines.push(known.get(k) ?? `filler line ${k + 1} of ${path}`);
    const eol = !noEol.has(`${path}\n${n - 1}`);
    out.files.set(path, { content: lines.join('\n') + (eol && n ? '\n' : ''), mode: modes.get(path) ?? '100644' });
  }
  return out;
}

/**
 * Patches over real kernel paths, generated from a fixed seed, for the get_maintainer.pl
 * differential and the MAINTAINERS bench. The corpus's patches are mostly not kernel paths
 * (qemu, git, notmuch…), so these are what really exercise the matching: files sampled from
 * the tree at large and, on purpose, files under X: exclusions, N: regexes, wildcard and
 * plain-directory F: patterns; and text that puts K: keywords in the subject, the commit
 * message, added, removed and context lines and the lines get_maintainer.pl never searches.
 *
 * The samples are found with plain string tests, not with the matcher under test.
 */
import type { Rand } from './random.ts';

export interface KernelPatch {
  subject: string;
  /** `Subject: …`, a blank line and the body, as the matcher and get_maintainer.pl read it. */
  text: string;
  files: string[];
}

/** Words that K: patterns of the 6.1 file match, and words beside them that must not. */
const KEYWORDS = ['bpf_prog_run', 'xdp_buff', 'pidfd_open', 'clone3', 'struct phylink *pl', 'phylink_start', 'riscv_isa', 'landlock_add_rule', 'zstd_compress', 'sifive', ' sifive_l2', 'Rust', 'clang', 'LLVM', 'dma_fence', 'printk_index', 'pstore', 'ptp_clock', 'pwm_apply_state', 'devm_reset_control_get', 'secure_computing', 'TIF_SECCOMP', 'hwmon_device_register_with_info', 'ABS_MT_POSITION', 'SGX_ENCL', 'add_random_kstack_offset', '__check_object_size', 'of_overlay_remove', 'regulator_get_optional', 'mediatek', 'csky', '__NO_FORTIFY', 'nxp,tda998x', 'kstack_bpf', 'ebpfx', 'unbpf'];

const pick = <T>(rnd: Rand, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** Files of the tree a glob-ish MAINTAINERS pattern could name, by a plain prefix test. */
function under(files: readonly string[], prefix: string): string[] {
  return files.filter((f) => f.startsWith(prefix));
}

export interface PatternSamples {
  /** Files under X: patterns (their literal part), N: words and wildcard F: patterns. */
  excluded: string[];
  named: string[];
  wildcard: string[];
  /** Files at the depth of a plain F: pattern that names a directory (see patterns.ts). */
  besideDirs: string[];
}

/** Candidate files for the pattern kinds, from MAINTAINERS' own text. */
export function patternSamples(maintainers: string, files: readonly string[], dirs: ReadonlySet<string>): PatternSamples {
  const values = (letter: string): string[] => [...maintainers.matchAll(new RegExp(`^${letter}:\\s*(\\S+)`, 'gm'))].map((m) => m[1]!);
  const literalStart = (v: string): string => v.split(/[*?[]/)[0]!;
  const excluded = values('X').flatMap((v) => under(files, literalStart(v)).slice(0, 6));
  const named = values('N').flatMap((v) => {
    const word = /[a-z0-9_]{3,}/i.exec(v)?.[0];
    return word ? files.filter((f) => f.includes(word)).slice(0, 3) : [];
  });
  const wildcard = values('F')
    .filter((v) => /[*?[]/.test(v))
    .flatMap((v) => under(files, literalStart(v)).slice(0, 2));
  const besideDirs = values('F')
    .filter((v) => !/[.*?]/.test(v) && !v.endsWith('/') && dirs.has(v))
    .flatMap((v) => files.filter((f) => f.startsWith(v) && f.split('/').length === v.split('/').length));
  return { excluded, named, wildcard, besideDirs };
}

function diffFor(rnd: Rand, path: string, words: () => string): string {
  const kind = rnd();
  const line = (): string => `\tfoo(${rnd() < 0.3 ? words() : 'x'});`;
  const hunk = `@@ -10,3 +10,3 @@ static int f(void)\n ${line()}\n-${line()}\n+${line()}\n`;
  if (kind < 0.08) return `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..1234567\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,2 @@\n+${line()}\n+${line()}\n`;
  if (kind < 0.14) return `diff --git a/${path} b/${path}\ndeleted file mode 100644\nindex 1234567..0000000\n--- a/${path}\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-${line()}\n-${line()}\n`;
  return `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n${hunk}`;
}

/** `count` patches of 1-5 files each; the same seed gives the same patches. */
export function kernelPatches(rnd: Rand, count: number, files: readonly string[], samples: PatternSamples): KernelPatch[] {
  const pools: Array<readonly string[]> = [files, files, samples.excluded, samples.named, samples.wildcard].filter((p) => p.length);
  const words = (): string => pick(rnd, KEYWORDS);
  const out: KernelPatch[] = [];
  for (let n = 0; n < count; n++) {
    const paths = new Set<string>();
    const size = 1 + Math.floor(rnd() * 5);
    while (paths.size < size) paths.add(pick(rnd, pick(rnd, pools)));
    if (n < samples.besideDirs.length) paths.add(samples.besideDirs[n]!);
    const list = [...paths];
    const subject = `[PATCH ${n + 1}/${count}] ${list[0]!.split('/').slice(0, 2).join('/')}: ${rnd() < 0.2 ? words() : 'fix a thing'}`;
    const message = `Explain the change${rnd() < 0.3 ? ` to ${words()}` : ''}.\n\n${rnd() < 0.1 ? `Fixes: 1234567890ab ("${words()}")\n` : ''}Signed-off-by: Ada Author <ada@example.org>\n`;
    const stat = list.map((p) => ` ${p} | 2 +-`).join('\n');
    const body = `${message}---\n${stat}\n ${list.length} files changed\n\n${list.map((p) => diffFor(rnd, p, words)).join('')}-- \n2.43.0\n`;
    out.push({ subject, text: `Subject: ${subject}\n\n${body}`, files: list });
  }
  return out;
}

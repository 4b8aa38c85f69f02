/**
 * How every `listlens` command reads its arguments: Node's `util.parseArgs` splits them (so
 * `--name=value` and `--name value`, `-v 2` and `-v2`, `--` ending the options all work
 * alike everywhere), and each command declares its options as data (`OptionTable`): a switch,
 * an option that needs a value, or one that may take the next argument (`--patchwork [URL]`),
 * with its one-letter alias and whether it may be repeated. `-h`/`--help` is every command's.
 *
 * Misuse is said one way: an unknown option or a missing value is one line on stderr naming
 * it and the command's `--help` (`listlens series: unknown option --frob; see listlens series
 * --help`); no input, too many inputs or a bad value print why and the usage. All exit 1,
 * the usage code of docs/cli.md (2 is unreadable input there).
 *
 * Non-goals: what a value means (each command checks its own: a version number, an
 * instance's URL); generating the usage text (each command writes its own); abbreviations
 * and `--no-x` negations (not accepted: a typo is an unknown option, not a guess).
 */
import { parseArgs } from 'node:util';
import type { Io } from './main.ts';

/** Exit code of every usage error (docs/cli.md). */
export const EXIT_USAGE = 1;

export interface OptionSpec {
  /** One-letter alias (`-v` for `--use-version`). */
  short?: string;
  /** Absent: a switch. 'required': the option needs a value. 'optional': see `takes`. */
  value?: 'required' | 'optional';
  /** What a required value is, for the message when it is missing ("a version number"). */
  needs?: string;
  /**
   * For an optional value: whether the argument after the option is its value rather than an
   * input (`--patchwork https://pw/ x.mbox` against `--patchwork x.mbox`); `--name=value` is
   * always the option's.
   */
  takes?: (next: string) => boolean;
  /** Given more than once, every value is kept; otherwise the last one counts. */
  repeatable?: boolean;
}

/** A command's options by long name (without `--`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends { repeatable: true }
  ? string[]
  : S extends { value: 'optional' }
    ? string | true
    : S extends { value: 'required' }
      ? string
      : true;

/** The options given: a switch is `true`, an optional value given bare is `true`, absent ones are missing. */
export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]?: ValueOf<T[K]> };

/** What a command is called, for messages, and what it takes besides its options. */
export interface CommandSpec<T extends OptionTable> {
  /** `listlens series` (or `listlens` for the main command). */
  name: string;
  usage: string;
  options: T;
  /** Its inputs: what one is called ("input", "URL", "commit"), and whether only one is taken. */
  inputs: { noun: string; one?: boolean };
  /** Where `--help` prints the usage (the main command and `dig` have always used stderr). */
  helpTo?: 'out' | 'err';
}

export interface CommandLine<T extends OptionTable> {
  options: OptionValues<T>;
  inputs: string[];
}

/** Why reading stopped: help asked, or an error (`line`: one line with the --help hint, else with the usage). */
type Stop = { help: true } | { error: string; line: boolean };

/** The misuse of an option: one line, naming it and where the options are listed. */
export function optionError(command: string, why: string): string {
  return `${command}: ${why}; see ${command} --help\n`;
}

/** Says why a command line is wrong, then the usage, on stderr; returns the usage exit code. */
export function misuse(io: Io, command: { name: string; usage: string }, why: string): number {
  io.err(`${command.name}: ${why}\n${command.usage}\n`);
  return EXIT_USAGE;
}

function tokensOf(argv: readonly string[], table: OptionTable) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(table)) {
    // an optional value is never taken by parseArgs: `takes` decides on the next argument
    options[name] = { type: spec.value === 'required' ? 'string' : 'boolean', ...(spec.short ? { short: spec.short } : {}) };
  }
  // not strict: an unknown option comes back as a token, for our message instead of Node's
  return parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/**
 * Reads one option token into `values`; the error sentence when it is misused. A required
 * value that is empty is missing (`--repo=`, `-o ''`), as each command has always said.
 */
function take(values: Record<string, unknown>, name: string, raw: string, spec: OptionSpec, value: string | undefined): string | null {
  if (!spec.value && value !== undefined) return `${raw} takes no value`;
  if (spec.value === 'required' && !value) return `${raw} needs ${spec.needs ?? 'a value'}`;
  const v = value ?? true;
  if (spec.repeatable) ((values[name] ??= []) as unknown[]).push(v);
  else values[name] = v;
  return null;
}

function read<T extends OptionTable>(argv: readonly string[], spec: CommandSpec<T>): CommandLine<T> | Stop {
  const table: OptionTable = { ...spec.options, help: { short: 'h' } };
  const values: Record<string, unknown> = {};
  const inputs: string[] = [];
  let open: { name: string; spec: OptionSpec } | null = null;
  for (const t of tokensOf(argv, table)) {
    const waiting = open;
    open = null;
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (waiting?.spec.takes?.(t.value)) {
        const given = values[waiting.name];
        if (Array.isArray(given)) given[given.length - 1] = t.value;
        else values[waiting.name] = t.value;
      } else if (spec.inputs.one && inputs.length) return { error: `one ${spec.inputs.noun} only (got ${inputs[0]} and ${t.value})`, line: false };
      else inputs.push(t.value);
      continue;
    }
    const o = Object.hasOwn(table, t.name) ? table[t.name]! : null;
    if (!o) return { error: `unknown option ${t.rawName}`, line: true };
    if (t.name === 'help') return { help: true };
    const why = take(values, t.name, t.rawName, o, t.value);
    if (why) return { error: why, line: true };
    if (o.value === 'optional' && t.value === undefined) open = { name: t.name, spec: o };
  }
  if (!inputs.length) return { error: `no ${spec.inputs.noun} given`, line: false };
  return { options: values as OptionValues<T>, inputs };
}

/**
 * A command's arguments read by its `spec`, or, when they ask for help or are wrong, the
 * exit code after the usage or the error was printed.
 */
export function readCommandLine<T extends OptionTable>(argv: readonly string[], spec: CommandSpec<T>, io: Io): CommandLine<T> | number {
  const r = read(argv, spec);
  if ('inputs' in r) return r;
  if ('help' in r) {
    io[spec.helpTo ?? 'out'](spec.usage + '\n');
    return 0;
  }
  if (r.line) io.err(optionError(spec.name, r.error));
  else misuse(io, spec, r.error);
  return EXIT_USAGE;
}

/**
 * Takes the options of `table` out of `argv` wherever they stand and leaves the rest as it
 * was, for options every command takes (the size limits, input.ts); an error sentence for a
 * missing value or a switch given one. Only long forms are taken: a short one may share its
 * argument with others (`-lv2`), which stay the command's.
 */
export function takeOptions<T extends OptionTable>(argv: readonly string[], table: T): { options: OptionValues<T>; rest: string[] } | string {
  const values: Record<string, unknown> = {};
  const taken = new Set<number>();
  for (const t of tokensOf(argv, table)) {
    if (t.kind !== 'option' || !t.rawName.startsWith('--') || !Object.hasOwn(table, t.name)) continue;
    const why = take(values, t.name, t.rawName, table[t.name]!, t.value);
    if (why) return why;
    taken.add(t.index);
    if (t.value !== undefined && !t.inlineValue) taken.add(t.index + 1);
  }
  return { options: values as OptionValues<T>, rest: argv.filter((_, i) => !taken.has(i)) };
}

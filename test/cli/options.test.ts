/**
 * Every command reads its options one way (src/cli/options.ts, on Node's util.parseArgs):
 * `--name value` and `--name=value` alike, short aliases (`-v 2`, `-v2`), repeatable and
 * optional values, `--` ending the options, the size limits wherever they stand; an unknown
 * option or a missing value is one line on stderr naming it and the command's --help, exit 1.
 * The module on a table of each kind, then each command through its main on real mail.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLine, takeOptions, type CommandSpec, type OptionTable } from '../../src/cli/options.ts';
import type { Io } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';
import { corpusDir, corpusPath, repoRoot } from '../helpers/corpus.ts';

const fixture = new URL('../fixtures/core/series.mbox', import.meta.url).pathname;

const SPEC = {
  name: 'listlens demo',
  usage: 'usage: listlens demo <input>…',
  options: {
    json: {},
    order: { value: 'required', needs: 'a row order' },
    'use-version': { short: 'v', value: 'required', needs: 'a version number' },
    'add-link': { short: 'l' },
    me: { value: 'required', repeatable: true },
    patchwork: { value: 'optional', takes: (next: string) => next.startsWith('https://') },
  },
  inputs: { noun: 'input' },
} as const satisfies CommandSpec<OptionTable>;

/** The command line read by SPEC; what it printed, and the exit code when it stopped there. */
function demo(...argv: string[]): { code?: number; options?: Record<string, unknown>; inputs?: string[]; out: string; err: string } {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const got = readCommandLine(argv, SPEC, io);
  return typeof got === 'number' ? { code: got, out, err } : { ...got, out, err };
}

describe('options.ts: each kind of option, both forms', () => {
  it('a value: --name value and --name=value; a switch; inputs around them', () => {
    for (const argv of [['a', '--order', 'first', 'b'], ['a', '--order=first', 'b']]) {
      expect(demo(...argv)).toEqual({ options: { order: 'first' }, inputs: ['a', 'b'], out: '', err: '' });
    }
    expect(demo('--json', 'a').options).toEqual({ json: true });
    // the last one counts; a value that starts with a dash is the option's (`-o -`)
    expect(demo('a', '--order', 'x', '--order', '-').options).toEqual({ order: '-' });
  });

  it('a short alias: -v 2, -v2, and its long name in both forms; short switches grouped', () => {
    for (const argv of [['-v', '2'], ['-v2'], ['--use-version', '2'], ['--use-version=2'], ['-lv', '2'], ['-lv2']]) {
      expect(demo('a', ...argv).options, argv.join(' ')).toMatchObject({ 'use-version': '2' });
    }
    expect(demo('-l', 'a').options).toEqual({ 'add-link': true });
    expect(demo('--add-link', 'a').options).toEqual({ 'add-link': true });
  });

  it('a repeatable value keeps every one, whichever form', () => {
    expect(demo('a', '--me', 'x@y', '--me=z@w').options).toEqual({ me: ['x@y', 'z@w'] });
  });

  it('an optional value: =value always, the next argument only when the option takes it', () => {
    expect(demo('--patchwork=https://pw/', 'a')).toMatchObject({ options: { patchwork: 'https://pw/' }, inputs: ['a'] });
    expect(demo('--patchwork', 'https://pw/', 'a')).toMatchObject({ options: { patchwork: 'https://pw/' }, inputs: ['a'] });
    expect(demo('--patchwork', 'a')).toMatchObject({ options: { patchwork: true }, inputs: ['a'] });
    expect(demo('a', '--patchwork')).toMatchObject({ options: { patchwork: true }, inputs: ['a'] });
    // `--` ends the options: what follows is an input even when the option would take it
    expect(demo('--patchwork', '--', 'https://pw/')).toMatchObject({ options: { patchwork: true }, inputs: ['https://pw/'] });
  });

  it('-- ends the options: an input may start with a dash', () => {
    expect(demo('--json', '--', '--order', '-x')).toMatchObject({ options: { json: true }, inputs: ['--order', '-x'] });
  });

  it('an unknown option, a missing value, a switch given a value: one line naming it and --help, exit 1', () => {
    const line = (why: string) => ({ code: 1, out: '', err: `listlens demo: ${why}; see listlens demo --help\n` });
    expect(demo('a', '--frob')).toEqual(line('unknown option --frob'));
    expect(demo('a', '--frob=1')).toEqual(line('unknown option --frob'));
    expect(demo('-x', 'a')).toEqual(line('unknown option -x'));
    // no abbreviations, no negations: each is a typo
    expect(demo('a', '--ord', 'first')).toEqual(line('unknown option --ord'));
    expect(demo('a', '--no-json')).toEqual(line('unknown option --no-json'));
    expect(demo('a', '--order')).toEqual(line('--order needs a row order'));
    expect(demo('a', '--order=')).toEqual(line('--order needs a row order'));
    expect(demo('a', '--order', '')).toEqual(line('--order needs a row order'));
    expect(demo('a', '-v')).toEqual(line('-v needs a version number'));
    expect(demo('a', '--me')).toEqual(line('--me needs a value'));
    expect(demo('a', '--json=yes')).toEqual(line('--json takes no value'));
  });

  it('no input: why and the usage; --help: the usage, exit 0', () => {
    expect(demo()).toEqual({ code: 1, out: '', err: 'listlens demo: no input given\nusage: listlens demo <input>…\n' });
    expect(demo('--json')).toMatchObject({ code: 1, err: /no input given/ });
    for (const h of ['-h', '--help']) expect(demo('a', h)).toEqual({ code: 0, out: 'usage: listlens demo <input>…\n', err: '' });
  });

  it('takeOptions takes its options wherever they stand, in both forms, and leaves the rest as it was', () => {
    const table = { 'max-size': { value: 'required', needs: 'MB' } } as const satisfies OptionTable;
    expect(takeOptions(['series', '--max-size', '32', 'x', '-lv2', '--order=first'], table)).toEqual({ options: { 'max-size': '32' }, rest: ['series', 'x', '-lv2', '--order=first'] });
    expect(takeOptions(['--max-size=32', 'series', 'x'], table)).toEqual({ options: { 'max-size': '32' }, rest: ['series', 'x'] });
    expect(takeOptions(['x', '--max-size'], table)).toBe('--max-size needs MB');
    // after `--` it is an input
    expect(takeOptions(['x', '--', '--max-size', '3'], table)).toEqual({ options: {}, rest: ['x', '--', '--max-size', '3'] });
  });
});

describe('every command: an unknown option or a missing value is one line, exit 1', () => {
  it.each([
    [[fixture, '--frob'], 'listlens: unknown option --frob; see listlens --help'],
    [[fixture, '--focus'], 'listlens: --focus needs a Message-ID; see listlens --help'],
    [[fixture, '--focus='], 'listlens: --focus needs a Message-ID; see listlens --help'],
    [[fixture, '--json=1'], 'listlens: --json takes no value; see listlens --help'],
    [[fixture, '--max-size'], 'listlens: --max-size needs a whole number of MB from 16 to 16384; see listlens --help'],
    [['series', fixture, '--max-download='], 'listlens: --max-download needs a whole number of MB from 1 to 4096; see listlens --help'],
    [['resolve', 'https://lwn.net/ml/', '--json'], 'listlens resolve: unknown option --json; see listlens resolve --help'],
    [['resolve', 'https://lwn.net/ml/', '--host'], 'listlens resolve: --host needs a host; see listlens resolve --help'],
    [['series', '--frob', fixture], 'listlens series: unknown option --frob; see listlens series --help'],
    [['series', fixture, '--order'], 'listlens series: --order needs a row order (newest or first); see listlens series --help'],
    [['series', fixture, '--maintainers'], 'listlens series: --maintainers needs a MAINTAINERS file or URL; see listlens series --help'],
    [['series', fixture, '--me='], 'listlens series: --me needs an address; see listlens series --help'],
    [['am', fixture, '--frob'], 'listlens am: unknown option --frob; see listlens am --help'],
    [['am', fixture, '-v'], 'listlens am: -v needs a version number; see listlens am --help'],
    [['am', fixture, '--outdir'], 'listlens am: --outdir needs a directory; see listlens am --help'],
    [['diff', fixture, '-x'], 'listlens diff: unknown option -x; see listlens diff --help'],
    [['diff', fixture, '--to'], 'listlens diff: --to needs a version number; see listlens diff --help'],
    [['dig', 'HEAD', '--frob'], 'listlens dig: unknown option --frob; see listlens dig --help'],
    [['dig', 'HEAD', '--repo='], 'listlens dig: --repo needs a directory; see listlens dig --help'],
    [['dig', 'HEAD', '--git-web'], 'listlens dig: --git-web needs a URL; see listlens dig --help'],
  ])('%j', async (argv, line) => {
    expect(await runCli(argv)).toEqual({ code: 1, out: '', err: `${line}\n` });
  });

  it('the same from the command as a process', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli.ts'), 'series', fixture, '--frob'], { encoding: 'utf8', cwd: repoRoot });
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', 'listlens series: unknown option --frob; see listlens series --help\n']);
  });

  it('a bad value is still said with the usage, in either form', async () => {
    for (const argv of [['--order', 'oldest'], ['--order=oldest']]) {
      const r = await runCli(['series', fixture, ...argv]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^listlens series: --order takes newest or first\nusage: listlens series /);
    }
    for (const argv of [['--archive', 'nope'], ['--archive=nope']]) {
      expect((await runCli(['dig', 'HEAD', ...argv])).err).toMatch(/^listlens dig: --archive needs a public-inbox URL\nusage: listlens dig /);
    }
    for (const argv of [['--max-size', 'lots'], ['--max-size=lots']]) {
      expect(await runCli([fixture, ...argv])).toEqual({ code: 1, out: '', err: 'listlens: --max-size needs a whole number of MB from 16 to 16384 (got lots)\n' });
    }
  });
});

describe('every command: both forms mean the same', () => {
  it('listlens --focus <id> and --focus=<id>', async () => {
    const a = await runCli([fixture, '--focus', '<review1@example.com>']);
    expect(a.out).toContain('Looks good, schön.');
    expect(await runCli([fixture, '--focus=<review1@example.com>'])).toEqual(a);
    expect(await runCli([fixture, '--focus=review1@example.com'])).toEqual(a);
  });

  it('listlens resolve --host, repeated in either form', async () => {
    const url = 'https://mirror.example/pi/git/a@b/';
    for (const args of [['--host=other.example', '--host', 'mirror.example/pi'], ['--host', 'other.example', '--host=https://mirror.example/pi/']]) {
      const r = await runCli(['resolve', url, ...args]);
      expect(JSON.parse(r.out), args.join(' ')).toMatchObject({ archive: 'public-inbox', inboxUrl: 'https://mirror.example/pi/git/' });
    }
  });

  it('the size limits before the command, after it, in either form', async () => {
    const plain = await runCli(['series', fixture]);
    expect(plain.code).toBe(0);
    for (const argv of [['--max-size', '32', 'series', fixture], ['--max-size=32', 'series', fixture], ['series', fixture, '--max-download', '8'], ['series', '--max-download=8', fixture]]) {
      expect(await runCli(argv), argv.join(' ')).toEqual(plain);
    }
  });

  it('-- ends the options', async () => {
    expect(await runCli(['--', fixture])).toEqual(await runCli([fixture]));
    expect(await runCli(['series', '--json', '--', fixture])).toEqual(await runCli(['series', fixture, '--json']));
  });
});

describe.runIf(corpusDir)('both forms on real mail (patchew 0009: v1, v2, v3)', () => {
  const file = () => corpusPath('patchew/0009-obsolete-by.mbox');

  it('listlens am -v N / -vN / --use-version N / --use-version=N, -o - / --outdir=-, -l / --add-link', async () => {
    const v1 = await runCli(['am', file(), '-v', '1', '-o', '-']);
    expect(v1.code).toBe(0);
    expect(v1.out).toMatch(/^Subject: \[PATCH\] quorum: Only compile when supported$/m);
    for (const argv of [['-v1', '-o', '-'], ['--use-version', '1', '--outdir=-'], ['--use-version=1', '-o-']]) {
      expect(await runCli(['am', file(), ...argv]), argv.join(' ')).toEqual(v1);
    }
    expect((await runCli(['am', file(), '-v', '3', '-o', '-'])).out).toMatch(/^Subject: \[PATCH v3\] quorum/m);
    for (const link of ['-l', '--add-link']) {
      const r = await runCli(['am', file(), link, '-o', '-']);
      expect(r.out, link).toMatch(/^Link: https:\/\/patch\.msgid\.link\/.+$/m);
    }
    expect(v1.out).not.toContain('Link: https://patch.msgid.link/');
  });

  it('listlens diff --from/--to in either form', async () => {
    const a = await runCli(['diff', file(), '--json', '--from', '1', '--to', '3']);
    expect(JSON.parse(a.out)).toMatchObject({ from: 1, to: 3 });
    expect(await runCli(['diff', file(), '--json', '--from=1', '--to=v3'])).toEqual(a);
    expect(await runCli(['diff', file(), '--json', '--from=v1', '--to', '3'])).toEqual(a);
    expect(JSON.parse((await runCli(['diff', file(), '--json', '--from=2'])).out)).toMatchObject({ from: 2, to: 3 });
  });

  it('listlens series --order in either form, --me repeated in either form', async () => {
    const a = await runCli(['series', file(), '--order', 'first']);
    expect(a.code).toBe(0);
    expect(await runCli(['series', file(), '--order=first'])).toEqual(a);
    expect(await runCli(['series', file(), '--me', 'a@example.org', '--me=b@example.org'])).toMatchObject({ code: 0, err: '' });
  });
});

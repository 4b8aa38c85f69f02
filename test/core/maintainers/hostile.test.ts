/**
 * Hostile input finishes, near-linearly: a MAINTAINERS file from any URL and patches from
 * anyone. Each case would take a backtracking regex or a per-directory loop minutes or hours;
 * the test's timeout is the cap (no timed assertion), and each result is still checked.
 */
import { describe, expect, it } from 'vitest';
import { compileMaintainers, matchPatch } from '../../../src/core/maintainers/match.ts';
import { parseMaintainers } from '../../../src/core/maintainers/parse.ts';

describe('hostile MAINTAINERS', () => {
  it('reads lines of `@`, `<` and long names in time linear in the file', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(`${'N'.repeat(999)}${i}`, `M: x<${'@'.repeat(990)}`, `R: <${'@ '.repeat(490)}`, `L: ${'a@'.repeat(495)}`, `F: ${'*'.repeat(900)}`, `K: ${'(a|'.repeat(60)}b${')'.repeat(60)}`, 'F: ok/', '');
    }
    const f = parseMaintainers(lines.join('\n'));
    expect(f.entries).toHaveLength(2000);
    // get_maintainer.pl's parse_email takes such lines too: nothing is an error, nothing hangs
    expect(f.errorCount).toBe(0);
    expect(f.entries[1999]!.F).toEqual(['*'.repeat(900), 'ok/']);
    expect(compileMaintainers(f).entries[0]!.maintainers).toEqual([{ name: '', address: `x<${'@'.repeat(990)}` }]);
  }, 30_000);

  it('refuses patterns that would blow up and keeps the file', () => {
    const f = parseMaintainers(['E', 'N: (a{1000}){1000}', 'K: ((((a*)*)*)*)*b', `K: ${'('.repeat(100)}a${')'.repeat(100)}`, 'F: ok/'].join('\n'));
    expect(f.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(f.entries[0]!.K).toEqual(['((((a*)*)*)*)*b']);
  });
});

describe('hostile patches', () => {
  const ix = compileMaintainers(
    parseMaintainers(
      ['NET', 'M: N <n@example.org>', 'F: net/', 'F: */*/*/*/a*a*a*a*b', 'N: (a|a)*b', 'N: ((a+)+)+c', 'K: (x+x+)+y', 'K: (?:\\b|_)bpf(?:\\b|_)', '', 'THE REST', 'M: L <l@example.org>', 'F: *', 'F: */'].join('\n') + '\n',
    ),
  );

  it('matches a path of 100,000 directories', () => {
    const path = `net/${'a/'.repeat(100_000)}x.c`;
    expect(matchPatch(ix, { files: [path, `${'a'.repeat(200_000)}!`] }).entries.map((m) => m.entry)).toEqual([0]);
  }, 30_000);

  it('searches keywords in megabyte lines and a hundred thousand lines', () => {
    const text = `Subject: x\n\n${'x'.repeat(1_000_000)}\n---\n${'+bpfx bpf_\n'.repeat(1)}${'+ebpf xxxxxxxxxx\n'.repeat(100_000)}+${'x'.repeat(1_000_000)}\n`;
    const m = matchPatch(ix, { files: [], text });
    expect(m.entries.map((e) => [e.entry, e.keyword])).toEqual([[0, true]]);
    const none = matchPatch(ix, { files: [], text: text.replace('+bpfx bpf_', '+nothing') });
    expect(none.entries).toEqual([]);
  }, 30_000);
});

/**
 * Changelog sections: every heading form authors use (b4 prep's block, hand-written ones),
 * where they end, which version they describe, and real mail from the corpus.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { changelogFor, parseChangelog, postingChangelogs, type PlacedChangelog } from '../../../src/core/series/changelog.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';

describe('parseChangelog', () => {
  it("reads b4 prep's cover block, newest first, with its links", () => {
    const cover = `This series makes frobnication faster.

Signed-off-by: Alice <a@x.org>
---
Changes in v3:
- Use a static key instead of a branch.
- Drop the debugfs knob (Bob).
- Link to v2: https://patch.msgid.link/20240101-frob-v2-0-abc@x.org

Changes in v2:
- Rebased on v6.8-rc1.
- Link to v1: https://patch.msgid.link/20231201-frob-v1-0-abc@x.org

---
Alice (2):
      mm: add frob helper
      mm: use it

 mm/frob.c | 10 ++++++++++
 1 file changed, 10 insertions(+)
---
base-commit: 0123456789abcdef
change-id: 20231201-frob-1234

Best regards,
-- 
Alice <a@x.org>
`;
    const s = parseChangelog(cover, 3);
    expect(s.map((x) => [x.version, x.since, x.heading])).toEqual([
      [3, 2, 'Changes in v3:'],
      [2, 1, 'Changes in v2:'],
    ]);
    expect(s[0]!.lines).toEqual(['- Use a static key instead of a branch.', '- Drop the debugfs knob (Bob).']);
    expect(s[0]!.links).toEqual([{ version: 2, url: 'https://patch.msgid.link/20240101-frob-v2-0-abc@x.org' }]);
    expect(s[1]!.links[0]!.version).toBe(1);
  });

  it('reads the hand-written forms and knows which version each describes', () => {
    const cases: Array<[string, number | null, [number | null, number | null], string[]]> = [
      ['Changes since v2:\n- fixed the leak\n', 4, [4, 2], ['- fixed the leak']],
      ['v2 -> v3:\n * renamed foo\n   to bar\n', 3, [3, 2], ['* renamed foo', ' to bar']],
      ['v2->v3:\n- x\n', null, [3, 2], ['- x']],
      ['V3: - fix the leak\n', 3, [3, 2], ['fix the leak']],
      ['v3:\n - a\n - b\n', 3, [3, 2], ['- a', '- b']],
      ['Changes from v1:\n- y\n', 2, [2, 1], ['- y']],
      ['Since v1:\n- z\n', 2, [2, 1], ['- z']],
      ['Changes v1 -> v2:\n- w\n', 2, [2, 1], ['- w']],
      ['Changelog:\n- q\n', 5, [5, 4], ['- q']],
      ['Changes in version 4:\n- r\n', 4, [4, 3], ['- r']],
      ['**Changes in v2:**\n- bold\n', 2, [2, 1], ['- bold']],
      ['Changes since v1 (https://lore.kernel.org/r/v1@x):\n- s\n', 2, [2, 1], ['- s']],
    ];
    for (const [text, own, [version, since], lines] of cases) {
      const [s] = parseChangelog(text, own);
      expect(s, text).toBeDefined();
      expect([s!.version, s!.since], text).toEqual([version, since]);
      expect(s!.lines, text).toEqual(lines);
    }
    expect(parseChangelog('Changes since v1 (https://lore.kernel.org/r/v1@x):\n- s\n', 2)[0]!.links).toEqual([{ version: 1, url: 'https://lore.kernel.org/r/v1@x' }]);
  });

  it('ends a section at prose after a blank line, a --- line, a diffstat or a signature', () => {
    const s = parseChangelog('v2:\n- a\n\n- b\n\nThis paragraph is the cover text.\n', 2);
    expect(s[0]!.lines).toEqual(['- a', '- b']);
    expect(parseChangelog('v2:\n- a\n---\nnot this\n', 2)[0]!.lines).toEqual(['- a']);
    expect(parseChangelog('v2:\n- a\n mm/x.c | 2 +-\n', 2)[0]!.lines).toEqual(['- a']);
    expect(parseChangelog('v2:\n- a\n-- \nsig\n', 2)[0]!.lines).toEqual(['- a']);
  });

  it('is not fooled: a link to a version, a quote, prose mentioning v2, an empty heading', () => {
    expect(parseChangelog('v1: https://lore.kernel.org/r/abc@x\nv2: https://lore.kernel.org/r/def@x\n', 3)).toEqual([]);
    expect(parseChangelog('> Changes in v2:\n> - quoted\n', 3)).toEqual([]);
    expect(parseChangelog('This fixes the bug v2 introduced.\n', 3)).toEqual([]);
    expect(parseChangelog('Changes in v2:\n\nUnrelated prose.\n', 3)).toEqual([]);
  });

  it('puts each section with its version: the posting of that version first, else a later copy', () => {
    const byPosting = new Map<number, PlacedChangelog[]>([
      [2, postingChangelogs(2, [{ id: 'c2', counter: null, text: 'Changes in v2:\n- two\n' }])],
      [3, postingChangelogs(3, [{ id: 'c3', counter: null, text: 'Changes in v3:\n- three\n\nChanges in v2:\n- two, as v3 remembers\n\nChanges in v1.5:\n' }, { id: 'p3', counter: 2, text: 'v3: - in the patch\n' }])],
    ]);
    expect(changelogFor(3, byPosting).map((s) => [s.from, s.counter, s.lines[0]])).toEqual([
      ['c3', null, '- three'],
      ['p3', 2, 'in the patch'],
    ]);
    expect(changelogFor(2, byPosting).map((s) => s.from)).toEqual(['c2']);
    byPosting.delete(2);
    expect(changelogFor(2, byPosting)[0]!.lines).toEqual(['- two, as v3 remembers']);
    expect(changelogFor(1, byPosting)).toEqual([]);
  });

  it('stays linear on a huge hostile text', () => {
    const text = 'v2:\n' + '- x\n'.repeat(200000) + 'Changes in v'.repeat(100000);
    const s = parseChangelog(text, 2);
    expect(s[0]!.lines.length).toBe(500);
  });
});

describe.runIf(corpusDir)('changelogs in real mail', () => {
  it("patchwork's v2 patch keeps its `v2:` note below ---", async () => {
    const r = await analyseMbox(new Uint8Array(readFileSync(corpusPath('patchwork/series/revision-basic.mbox'))), { keepBodies: true });
    const v2 = r.analysis.series[0]!.versions.find((v) => v.version === 2)!;
    const notes = parsePatch(r.bodies!.get(v2.patches[0]!.id)!.text).notes;
    const [s] = parseChangelog(notes, 2);
    expect(s).toMatchObject({ version: 2, since: 1, lines: ['- Add some additional content'] });
  });
});

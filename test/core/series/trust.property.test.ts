/**
 * Issue 15's properties, on generated review threads (a cover, patches, an "update" re-send,
 * replies and replies to replies from people, a bot, a maintainer pasting or writing on
 * someone's behalf), checked against an oracle that knows who sent what where:
 * - a trailer never counts on a row whose patch or cover is not its message's anchor (the
 *   nearest patch or cover above it);
 * - the marks are the distinct persons counted: R/A/T per patch are the people whose own
 *   trailer is in the patch or in a reply anchored at the patch or the cover, bots and words
 *   on someone's behalf left out;
 * - every path gives the same answer for a single-thread series: the overview
 *   (`Analysis.series` counts, which `listlens --json` prints), the ledger, the tree's reply
 *   marks, and the participants' roles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger } from '../../../src/core/series/ledger.ts';
import { threadFacts } from '../../../src/core/series/series-facts.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { replyMarks } from '../../../src/core/series/ledger-marks.ts';
import { alice, bob, carol, mark, mbox, patchBody, posting, type Mail, type Who } from '../../fixtures/model/series-mail.ts';

const bot: Who = { name: 'kernel test robot', address: 'lkp@intel.com' };
const dave: Who = { name: 'Dave Acker', address: 'dave@example.net' };
const people = [bob, carol, mark, dave];
const KINDS = ['Reviewed-by', 'Acked-by', 'Tested-by'] as const;
type Kind = (typeof KINDS)[number];
const letter: Record<Kind, string> = { 'Reviewed-by': 'R', 'Acked-by': 'A', 'Tested-by': 'T' };

interface ReplySpec {
  /** Who sends it: an index into `people`, or -1 for the bot. */
  sender: number;
  /** What it answers: 'c' the cover, 'p<i>' patch i, 'u' the update of patch 1, 'r<k>' an earlier reply. */
  to: number;
  kind: Kind;
  /** own: the sender's own trailer; behalf: naming someone else; quoted; fenced. */
  how: 'own' | 'behalf' | 'quoted' | 'fenced';
}

const arbThread = fc.record({
  patches: fc.integer({ min: 1, max: 4 }),
  /** Patch counters whose own trailer block carries a person's Reviewed-by. */
  ownReview: fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 })), { maxLength: 3 }),
  update: fc.boolean(),
  replies: fc.array(
    fc.record({ sender: fc.integer({ min: -1, max: 3 }), to: fc.nat(), kind: fc.constantFrom(...KINDS), how: fc.constantFrom('own', 'behalf', 'quoted', 'fenced') }) as fc.Arbitrary<ReplySpec>,
    { maxLength: 10 },
  ),
});

const line = (kind: Kind, who: Who): string => `${kind}: ${who.name} <${who.address}>`;

interface Built {
  mails: Mail[];
  /** Per patch counter, per kind: the addresses the oracle counts. */
  expected: Map<number, Record<Kind, Set<string>>>;
  /** Per reply id: the kinds it gives that count. */
  gives: Map<string, Set<Kind>>;
}

function build(spec: { patches: number; ownReview: Array<[number, number]>; update: boolean; replies: ReplySpec[] }): Built {
  const own = new Map<number, Who[]>();
  for (const [c, who] of spec.ownReview) if (c <= spec.patches) own.set(c, [...(own.get(c) ?? []), people[who]!]);
  const list = Array.from({ length: spec.patches }, (_, i): [string, string, string, string[]] => [`mm: step ${i + 1}`, `mm/f${i}.c`, `l${i}`, (own.get(i + 1) ?? []).map((w) => line('Reviewed-by', w))]);
  const mails = posting('g', 2, 1, 'mm: generated series', list);
  /** Anchor of each mail: 0 = cover, i = patch i. */
  const anchor = new Map<string, number>();
  mails.forEach((m, i) => anchor.set(m.id, i));
  if (spec.update) {
    const u: Mail = { id: 'g-1u@example.org', from: alice, subject: '[PATCH v2 update 1/' + spec.patches + '] mm: step 1', date: mails[mails.length - 1]!.date.replace(/10:0\d/, '10:20'), replyTo: mails[1]!.id, body: patchBody('mm/f0.c', 'l0u') };
    mails.push(u);
    anchor.set(u.id, 1);
  }
  const expected = new Map<number, Record<Kind, Set<string>>>();
  for (let c = 1; c <= spec.patches; c++) expected.set(c, { 'Reviewed-by': new Set((own.get(c) ?? []).map((w) => w.address)), 'Acked-by': new Set(), 'Tested-by': new Set() });
  const gives = new Map<string, Set<Kind>>();
  const targets = mails.map((m) => m.id);
  spec.replies.forEach((r, k) => {
    const to = mails.find((m) => m.id === targets[r.to % targets.length])!;
    const from = r.sender < 0 ? bot : people[r.sender]!;
    const other = people[(Math.max(r.sender, 0) + 1) % people.length]!;
    const text =
      r.how === 'own' ? line(r.kind, from) : r.how === 'behalf' ? line(r.kind, other) : r.how === 'quoted' ? `> ${line(r.kind, from)}` : `\`\`\`\n${line(r.kind, from)}\n\`\`\``;
    const id = `gr${k}@example.org`;
    const subject = to.subject.startsWith('Re: ') ? to.subject : `Re: ${to.subject}`;
    mails.push({ id, from, subject, date: mails[mails.length - 1]!.date.replace(/10:\d\d/, `11:${String(k + 10).padStart(2, '0')}`), replyTo: to.id, body: `Some words.\n\n${text}\n` });
    targets.push(id);
    const at = anchor.get(to.id)!;
    anchor.set(id, at);
    if (r.how !== 'own' || r.sender < 0) return;
    gives.set(id, new Set([r.kind]));
    for (let c = 1; c <= spec.patches; c++) if (at === 0 || at === c) expected.get(c)![r.kind].add(from.address);
  });
  return { mails, expected, gives };
}

describe('issue 15 properties: one answer per patch, from every path', () => {
  it('overview, ledger, reply marks and participants agree with the oracle on generated threads', async () => {
    await fc.assert(
      fc.asyncProperty(arbThread, async (spec) => {
        const { mails, expected, gives } = build(spec);
        const r = await analyseMbox(mbox(mails), { keepBodies: true });
        const texts = new Map([...r.bodies!].map(([k, b]) => [k, b.text]));
        const series = r.analysis.series;
        expect(series).toHaveLength(1);
        const v = series[0]!.versions[0]!;
        const want = (c: number): { reviewed: number; acked: number; tested: number } => {
          const e = expected.get(c)!;
          return { reviewed: e['Reviewed-by'].size, acked: e['Acked-by'].size, tested: e['Tested-by'].size };
        };
        // the overview: the marks are the distinct persons the oracle counts
        expect(v.patches.map((p) => [p.counter, p.counts])).toEqual(v.patches.map((p) => [p.counter, want(p.counter)]));
        // the ledger of the same thread: the same marks, and no counted trailer off its anchor
        const l = buildLedger(groupVersions([threadFacts(r.analysis, r.heads, texts)])[0]!);
        for (const row of l.rows) {
          const cell = row.cells[0]!;
          expect(cell.marks).toEqual(want(cell.counter!));
          for (const t of cell.trailers) {
            if (t.origin === 'patch') continue;
            const at = mails.find((m) => m.id === t.from)!;
            let cur: Mail | undefined = at;
            while (cur && (cur.id.startsWith('gr') || !cur.subject.includes('PATCH'))) cur = mails.find((m) => m.id === cur!.replyTo);
            const anchorCounter = cur!.id === 'g-0@example.org' ? 0 : cur!.id === 'g-1u@example.org' ? 1 : Number(/-(\d+)@/.exec(cur!.id)![1]);
            expect([0, cell.counter]).toContain(anchorCounter);
          }
        }
        // the tree's marks (read from the ledger): a reply is marked with exactly the kinds it gives that count
        const marks = replyMarks([l]);
        for (const m of mails.filter((x) => x.id.startsWith('gr'))) {
          const wanted = [...(gives.get(m.id) ?? [])].map((k) => letter[k]).sort().join('');
          expect([m.id, [...(marks.get(m.id)?.trailers ?? '')].sort().join('')]).toEqual([m.id, wanted]);
        }
        // the participants: a reviewer / acker / tester is someone a patch's mark counts
        const roleOf: Record<Kind, string> = { 'Reviewed-by': 'reviewer', 'Acked-by': 'acker', 'Tested-by': 'tester' };
        for (const p of r.analysis.participants) {
          for (const k of KINDS) {
            const counted = [...expected.values()].some((e) => e[k].has(p.address.toLowerCase()));
            expect([p.address, k, p.roles.includes(roleOf[k])]).toEqual([p.address, k, counted]);
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

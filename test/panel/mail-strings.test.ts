/**
 * Names, addresses and subjects from mail in the panel (issue 9, items 5 and 6), rendered by
 * Preact into linkedom: each is isolated in a <bdi>, bidi and invisible controls are written
 * out, and a look-alike sender and its trailers carry a visible warning.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import type { Participant } from '../../src/core/types.ts';
import type { Ledger } from '../../src/core/series/ledger.ts';
import { reveal } from '../../src/panel/MailString.tsx';

const { window } = linkedomWindow();

const root = (): HTMLElement => window.document.getElementById('app') as unknown as HTMLElement;
/** Any bidi control or invisible character left in the text a reader sees. */
const HIDDEN = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const person = (over: Partial<Participant> & Record<string, unknown>): Participant =>
  ({ name: 'Greg Kroah-Hartman', address: 'gregkh@linuxfoundation.org', messages: 1, first: null, last: null, roles: [], trailers: {}, ...over }) as Participant;

describe('strings from mail in the panel', () => {
  it('reveals bidi and zero-width controls as ⟨U+…⟩ and keeps the rest', () => {
    expect(reveal('fix\u202Eexe.txt')).toBe('fix⟨U+202E⟩exe.txt');
    expect(reveal('Gr\u200Beg\u200D')).toBe('Gr⟨U+200B⟩eg⟨U+200D⟩');
    expect(reveal('Łukasz 日本 ünïcode')).toBe('Łukasz 日本 ünïcode');
  });

  it('a participant: name and address each in a <bdi>, controls shown, no warning for an ordinary sender', async () => {
    const { ParticipantItem } = await import('../../src/panel/ParticipantItem.tsx');
    render(h(ParticipantItem, { person: person({ name: 'Mallory \u202Egpj.exe', address: 'm\u200B@x.org' }), active: false, onToggle: () => undefined }), root());
    const bdis = [...root().querySelectorAll('bdi')].map((b) => b.textContent);
    expect(bdis).toEqual(['Mallory ⟨U+202E⟩gpj.exe', 'm⟨U+200B⟩@x.org']);
    expect(root().textContent).not.toMatch(HIDDEN);
    expect(root().querySelector('.ll-person-lookalike')).toBeNull();
    render(null, root());
  });

  it('a look-alike sender gets a visible warning naming whom it imitates', async () => {
    const { ParticipantItem } = await import('../../src/panel/ParticipantItem.tsx');
    render(h(ParticipantItem, { person: person({ address: 'gregkh@linux-foundаtion.org', lookalikeOf: 'gregkh@linuxfoundation.org', mixedScript: true }), active: false, onToggle: () => undefined }), root());
    const note = root().querySelector('.ll-person-lookalike');
    expect(note?.getAttribute('role')).toBe('note');
    expect(note?.textContent).toMatch(/Look-alike: this sender imitates gregkh@linuxfoundation\.org\. Its trailers are not counted for that person\./);
    render(h(ParticipantItem, { person: person({ address: 'gregkh@linux-foundаtion.org', mixedScript: true }), active: false, onToggle: () => undefined }), root());
    expect(root().querySelector('.ll-person-lookalike')?.textContent).toMatch(/mixes alphabets/);
    render(null, root());
  });

  it('a patch in the matrix: subject isolated and revealed; a look-alike\'s trailer flagged, uncounted, not copied', async () => {
    const { CellDetail } = await import('../../src/panel/series/CellDetail.tsx');
    const { patchCopy } = await import('../../src/core/series/am-trailers.ts');
    const entry = (name: string, value: string, person: { name: string; address: string }, lookalikeOf?: string) => ({ name, value, person, from: 'r@x', sender: person, date: null, origin: 'followup', givenOn: 1, carried: false, stale: false, ...(lookalikeOf ? { lookalikeOf } : {}) });
    const cell = {
      version: 1,
      state: 'new',
      present: true,
      id: 'p1@x',
      counter: 1,
      subject: '[PATCH 1/1] fs: rename a\u202Etxt.exe',
      patchId: null,
      by: null,
      borrowedFrom: null,
      trailers: [entry('Reviewed-by', 'Greg <gregkh@linux-foundаtion.org>', { name: 'Greg', address: 'gregkh@linux-foundаtion.org' }, 'gregkh@linuxfoundation.org'), entry('Acked-by', 'Ann <ann@x.org>', { name: 'Ann', address: 'ann@x.org' })],
      evidence: [],
      marks: { reviewed: 0, acked: 1, tested: 0 },
      applied: null,
    };
    const ledger = { versions: [{ version: 1, total: 1 }], rows: [{ title: 'fs: rename a\u202Etxt.exe', cells: [cell], splitFrom: null }] } as unknown as Ledger;
    render(h(CellDetail, { ledger, row: 0, col: 0, onOpen: () => undefined, onInterdiff: () => undefined }), root());
    expect([...root().querySelectorAll('bdi')][0]?.textContent).toContain('⟨U+202E⟩txt.exe');
    const flagged = [...root().querySelectorAll('.ll-trailer-lookalike')].map((p) => p.textContent);
    expect(flagged).toEqual(['⚠ Reviewed-by: Greg <gregkh@linux-foundаtion.org> (names a look-alike of gregkh@linuxfoundation.org; not counted)']);
    expect(patchCopy(ledger.rows[0]!.cells[0]!, 'all')).toBe('Acked-by: Ann <ann@x.org>\n');
    expect(root().textContent).not.toMatch(HIDDEN);
    render(null, root());
  });
});

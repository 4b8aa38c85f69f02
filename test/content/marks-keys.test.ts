/**
 * The marks beside thread links, drawn from a fixed worker answer on real public-inbox 1.9
 * pages (../shared/notes), and the reading keys' guards (never while typing, never with a
 * modifier). Parsed with linkedom; key movement itself needs layout and is tested end to end.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/content/annotate/annotate.ts';
import { installKeys } from '../../src/content/keys.ts';
import { markTargets, markWords, midOfHref, renderMarks } from '../../src/content/marks.ts';
import { repoRoot } from '../helpers/corpus.ts';

const piDir = resolve(repoRoot, '../shared/notes/public-inbox-1.9-pages');
const pi = (name: string): Document => parseHTML(readFileSync(join(piDir, name), 'utf8')).document as unknown as Document;
const LORE = 'https://lore.kernel.org/linux-mm/';
const COVER = '20240305120001.12345-1-sasha.author@example.org';
const P1 = '20240305120001.12345-2-sasha.author@example.org';
const P2 = '20240305120001.12345-3-sasha.author@example.org';
const REVIEW = 'Zecd1a2b3c4d5e6f@example.org';

describe('marks beside the thread overview', () => {
  it('reads Message-IDs from inbox links, and nothing else', () => {
    expect(midOfHref(`${LORE}${P1}/`, LORE)).toBe(P1);
    expect(midOfHref(`${LORE}a%2Fb@x/#r`, LORE)).toBe('a/b@x');
    expect(midOfHref(`${LORE}${P1}/T/#u`, LORE)).toBeNull();
    expect(midOfHref(`${LORE}${P1}/raw`, LORE)).toBeNull();
    expect(midOfHref(`${LORE}_/text/help/`, LORE)).toBeNull();
    expect(midOfHref('https://lore.kernel.org/lkml/x@y/', LORE)).toBeNull();
  });

  it('a message page: every message of the overview and "[this message]", not the page\'s own header links', () => {
    const doc = pi('msg-patch1.html');
    const targets = markTargets(doc, `${LORE}${P1}/`, LORE, P1);
    const ids = targets.map((t) => t.id);
    expect(new Set(ids)).toEqual(new Set([COVER, P1, P2, REVIEW, '20240305120001.12345-4-sasha.author@example.org', '87r0gq7x1k.fsf@example.org', '20240305150312.GA12345@example.org', 'ZeeAaBbCcDd@example.org', '20240306101010.aaaabbbbcccc@example.org']));
    expect(targets.every((t) => !t.el.closest('pre#b, pre#R'))).toBe(true);
    expect(targets.find((t) => t.id === P1)?.el.textContent).toBe('Sasha Author [this message]');
  });

  it('a thread page: each message\'s own anchor and the #m links to it, by the permalink\'s id', () => {
    const doc = pi('T-cover.html');
    const targets = markTargets(doc, `${LORE}${COVER}/T/`, LORE, COVER);
    const own = targets.filter((t) => t.body);
    expect(own).toHaveLength(9);
    expect(own[0]!.id).toBe(COVER);
    const links = targets.filter((t) => t.id === P1 && !t.body);
    const inPage = readFileSync(join(piDir, 'T-cover.html'), 'utf8').split('href="#m03212700dc24606ff2f5fd7a194f3612f3f50acb"').length - 1;
    expect(links.length).toBe(inPage);
    expect(links.every((t) => t.el.getAttribute('href') === '#m03212700dc24606ff2f5fd7a194f3612f3f50acb')).toBe(true);
  });

  it('draws a fixed answer: letters and words in attributes, no text in the page, gone on undo', () => {
    const doc = pi('T-cover.html');
    const html = doc.documentElement.outerHTML;
    const text = doc.body.textContent;
    const a = annotate(doc, { archive: 'public-inbox', thread: true });
    const targets = markTargets(doc, `${LORE}${COVER}/T/`, LORE, COVER);
    const n = renderMarks(targets, { [P1]: { reviewed: 1 }, [COVER]: { acked: 1, reviewed: 2, tested: 1 }, [P2]: { isNew: true }, 'unknown@x': { applied: true }, [REVIEW]: {} }, a.edits);
    const marks = [...doc.querySelectorAll('.listlens-mark')];
    expect(n).toBe(marks.length);
    const byLabel = marks.map((m) => m.getAttribute('data-label'));
    expect(byLabel.filter((l) => l === 'R1')).toHaveLength(targets.filter((t) => t.id === P1).length);
    expect(byLabel).toContain('R2 A1 T1');
    expect(byLabel).toContain('new');
    expect(marks.find((m) => m.getAttribute('data-label') === 'R2 A1 T1')?.getAttribute('aria-label')).toBe('2 Reviewed-by, 1 Acked-by, 1 Tested-by');
    expect(marks.every((m) => m.textContent === '' && m.previousSibling?.nodeName === 'A')).toBe(true);
    // The new message's own <pre> is outlined.
    expect(doc.querySelectorAll('pre.listlens-new')).toHaveLength(1);
    expect(doc.body.textContent).toBe(text);
    a.undo();
    expect(doc.documentElement.outerHTML).toBe(html);
  });

  it('says nothing where nothing is known', () => {
    expect(markWords({})).toBeNull();
    expect(markWords({ reviewed: 0, applied: false })).toBeNull();
    expect(markWords({ applied: true, acked: 2 })).toEqual({ label: 'A2 \u00b7 applied', spoken: '2 Acked-by, applied' });
  });
});

describe('reading keys', () => {
  function setup(): { doc: Document; opened: () => number; key: (target: EventTarget, init: Record<string, unknown>) => boolean; stop: () => void } {
    const doc = parseHTML('<!doctype html><html><body><pre>mail</pre><input id=q><textarea id=t></textarea><div id=e contenteditable="true"><span id=inner>x</span></div><select id=s></select></body></html>').document as unknown as Document;
    let n = 0;
    const ctl = new AbortController();
    installKeys(doc, { anchors: () => [], openPanel: () => void n++ }, ctl.signal);
    const Ev = (doc.defaultView as unknown as { Event: typeof Event }).Event;
    const key = (target: EventTarget, init: Record<string, unknown>): boolean => {
      const e = new Ev('keydown', { bubbles: true, cancelable: true });
      Object.assign(e, { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...init });
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    return { doc, opened: () => n, key, stop: () => ctl.abort() };
  }

  it('v opens the panel from the page', () => {
    const { doc, opened, key } = setup();
    expect(key(doc.querySelector('pre')!, { key: 'v' })).toBe(true);
    expect(opened()).toBe(1);
  });

  it('never while typing in a field or with a modifier, and not after the run ends', () => {
    const { doc, opened, key, stop } = setup();
    for (const sel of ['#q', '#t', '#e', '#inner', '#s']) expect(key(doc.querySelector(sel)!, { key: 'v' }), sel).toBe(false);
    for (const mod of ['ctrlKey', 'metaKey', 'altKey', 'shiftKey']) expect(key(doc.body, { key: 'v', [mod]: true }), mod).toBe(false);
    expect(key(doc.body, { key: 'x' })).toBe(false);
    expect(opened()).toBe(0);
    stop();
    expect(key(doc.body, { key: 'v' })).toBe(false);
    expect(opened()).toBe(0);
  });
});

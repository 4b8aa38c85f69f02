/**
 * A real DOM implementation (linkedom) for rendering the panel's Preact components in Node:
 * its globals are installed for the suite and the previous ones put back after it, so suites
 * without a DOM see none.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll } from 'vitest';

/** The suite's window, with `<div id="app">` to render into; `extra` adds or overrides globals. */
export function linkedomWindow(extra: Record<string, unknown> = {}): ReturnType<typeof parseHTML> {
  const dom = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
  const g = globalThis as Record<string, unknown>;
  const saved: Record<string, unknown> = {};
  const names = ['window', 'document', 'Node', 'HTMLElement', 'Event', ...Object.keys(extra)];
  beforeAll(() => {
    for (const k of names) {
      saved[k] = g[k];
      g[k] = k in extra ? extra[k] : (dom as unknown as Record<string, unknown>)[k];
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) g[k] = v;
  });
  return dom;
}

/**
 * The current message, chosen once by the worker (load/focus.ts) and sent on `tree` and
 * `analysis`: on the real seed thread (one message under five ghosts) it is the page's
 * message, the message a thread page's `#m<sha1>` anchor names, or the first real message
 * when the page names a ghost; never a ghost. Without an anchor the choice needs no wait, so
 * the tree is not held back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import type { Resolution } from '../../../src/sites/types.ts';
import { chooseFocus, chooseFocusSoon } from '../../../src/background/load/focus.ts';
import { seedDir } from '../../helpers/corpus.ts';

const DAN = 'CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp+DEk5TwE6k1gqQ@mail.gmail.com';
const GHOST = '20180720201706.GE7697@redhat.com';
const res = (over: Partial<Resolution>): Resolution => ({
  archive: 'public-inbox',
  kind: 'message',
  list: 'linux-mm',
  messageId: DAN,
  inboxUrl: 'https://lore.kernel.org/linux-mm/',
  threadUrl: `https://lore.kernel.org/linux-mm/${DAN}/`,
  confidence: 'exact',
  needsPage: null,
  search: null,
  ...over,
});

describe.runIf(seedDir)('the worker chooses the current message once', () => {
  const load = async () => {
    const raw = new Uint8Array(readFileSync(join(seedDir!, 'linux-mm-2018-07-21-dan-williams.eml')));
    return analyseMbox(new Uint8Array([...new TextEncoder().encode('From mboxrd@z Thu Jan  1 00:00:00 1970\n'), ...raw]));
  };

  it('the page\'s message, at once when the page has no anchor', async () => {
    const { analysis, heads } = await load();
    expect(chooseFocusSoon(res({}), analysis, heads)).toBe(DAN);
    expect(await chooseFocus(res({}), analysis, heads)).toBe(DAN);
  });

  it('a thread page\'s #m<sha1> anchor', async () => {
    const { analysis, heads } = await load();
    const page = res({ kind: 'thread', messageId: GHOST, anchorSha1: createHash('sha1').update(DAN).digest('hex') });
    const soon = chooseFocusSoon(page, analysis, heads);
    expect(soon).toBeInstanceOf(Promise);
    expect(await soon).toBe(DAN);
  });

  it('never a ghost: a page naming one gets the first real message', async () => {
    const { analysis, heads } = await load();
    expect(analysis.messages.find((m) => m.id === GHOST)?.ghost).toBe(true);
    expect(chooseFocusSoon(res({ messageId: GHOST }), analysis, heads)).toBe(DAN);
    expect(await chooseFocus(res({ messageId: null }), analysis, heads)).toBe(DAN);
  });
});

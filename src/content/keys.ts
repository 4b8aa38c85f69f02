/**
 * Reading keys on the archive page: `j`/`k` go to the next/previous message, `v` opens the
 * ListLens panel. On a page of many messages (public-inbox `T/`, `t/`) they move between the
 * messages on the page by their anchors (so the panel, following `#m…`, follows too); on a
 * message page they follow the archive's own next/previous links (`rel=next`/`rel=prev`,
 * Mailman's `Next`/`Previous`). Archives whose links say so only in words get no keys.
 *
 * Never while the reader types (input, textarea, select, contenteditable), with a modifier
 * held, or when the page already handled the key.
 *
 * Non-goals: keys inside the panel (src/panel/nav.ts), remapping.
 */

export interface KeyActions {
  /** Message anchors on the page in order (thread pages), or none. */
  anchors(): Element[];
  openPanel(): void;
}

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') || el.isContentEditable === true;
}

/** The anchor after (dir 1) or before (dir -1) the one at the top of the viewport. */
function step(anchors: Element[], dir: 1 | -1): Element | null {
  // The current message: the last whose top is at or above the viewport's top (+ a little).
  let cur = -1;
  for (let i = 0; i < anchors.length; i++) {
    if (anchors[i]!.getBoundingClientRect().top <= 8) cur = i;
    else break;
  }
  // At the page's top the first message is in view below the archive's header: it is current.
  if (cur === -1 && anchors[0] && anchors[0].getBoundingClientRect().top < (anchors[0].ownerDocument.defaultView?.innerHeight ?? 0) / 3) cur = 0;
  const next = dir === 1 ? cur + 1 : cur === -1 ? -1 : anchors[cur]!.getBoundingClientRect().top < -8 ? cur : cur - 1;
  return anchors[next] ?? null;
}

/** public-inbox writes `rel=next`/`rel=prev` on links; Mailman 2.1 `<LINK REL="Next">`/`"Previous"`. */
const RELS = { next: ['next'], prev: ['prev', 'previous'] };

function follow(doc: Document, rel: 'next' | 'prev'): boolean {
  const sel = RELS[rel].map((r) => `a[rel~="${r}" i][href], link[rel~="${r}" i][href]`).join(', ');
  const a = doc.querySelector<HTMLAnchorElement>(sel);
  if (!a) return false;
  doc.defaultView?.location.assign(a.href);
  return true;
}

/** Listens for the keys until `signal` aborts. */
export function installKeys(doc: Document, actions: KeyActions, signal: AbortSignal): void {
  doc.addEventListener(
    'keydown',
    (e) => {
      // `signal` also removes the listener; the check covers DOMs without listener signals (linkedom).
      if (signal.aborted || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing || typing(e.target)) return;
      const key = e.key;
      if (key !== 'j' && key !== 'k' && key !== 'v') return;
      if (key === 'v') {
        actions.openPanel();
        e.preventDefault();
        return;
      }
      const anchors = actions.anchors();
      if (anchors.length > 1) {
        const to = step(anchors, key === 'j' ? 1 : -1);
        if (!to) return;
        const loc = doc.defaultView!.location;
        // A new `#m…` is a navigation the panel follows; the same one would not scroll again.
        if (to.id && loc.hash !== `#${to.id}`) loc.hash = to.id;
        else to.scrollIntoView({ block: 'start' });
      } else if (!follow(doc, key === 'j' ? 'next' : 'prev')) return;
      e.preventDefault();
    },
    { signal },
  );
}

/**
 * Checks run inside an archive page (passed to `page.evaluate` by the Chromium and Firefox
 * suites alike, so each is one self-contained function): what the content script's annotation
 * did to the page, compared with the page's own source fetched again and parsed by the
 * browser's DOMParser (the page as the archive sent it, untouched by any extension).
 *
 * Non-goals: driving the browser; anything of the extension's internals.
 */

export interface PageState {
  folds: Array<{ label: string; expanded: boolean; hiddenText: string }>;
  marks: number;
  styled: boolean;
  /** The body's textContent, the "ListLens" control left out, equals the source's. */
  textSame: boolean;
  /** The body's markup, the control left out, equals the source's. */
  htmlSame: boolean;
}

/** The annotation as the page shows it, and whether text and markup are the archive's. */
export async function pageState(): Promise<PageState> {
  const src = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
  const body = document.body.cloneNode(true) as HTMLElement;
  body.querySelector('#listlens-open')?.remove();
  const folds = [...document.querySelectorAll('.listlens-fold')].map((b) => ({
    label: b.getAttribute('data-label') ?? '',
    expanded: b.getAttribute('aria-expanded') === 'true',
    hiddenText: document.getElementById(b.getAttribute('aria-controls') ?? '')?.textContent ?? '',
  }));
  return {
    folds,
    marks: document.querySelectorAll('.listlens-mark').length,
    styled: !!document.getElementById('listlens-style'),
    textSame: body.textContent === src.body.textContent,
    htmlSame: body.innerHTML === src.body.innerHTML,
  };
}

/**
 * Opens every fold; returns the rendered text of the message bodies as a reader copies it:
 * each <pre> selected whole, its selection's text (not innerText, which counts the edges of
 * the tints' blocks as line breaks that no copy has). Self-contained, as `bodiesText`.
 */
export function expandAll(): string {
  for (const b of document.querySelectorAll('.listlens-fold[aria-expanded="false"]')) (b as HTMLElement).click();
  const sel = getSelection()!;
  const out = [...document.querySelectorAll('pre')].map((p) => {
    const r = document.createRange();
    r.selectNodeContents(p);
    sel.removeAllRanges();
    sel.addRange(r);
    return sel.toString();
  });
  sel.removeAllRanges();
  return out.join('\n<pre>\n');
}

/** The rendered text of the message bodies as a reader copies it, for a page without annotation. */
export function bodiesText(): string {
  const sel = getSelection()!;
  const out = [...document.querySelectorAll('pre')].map((p) => {
    const r = document.createRange();
    r.selectNodeContents(p);
    sel.removeAllRanges();
    sel.addRange(r);
    return sel.toString();
  });
  sel.removeAllRanges();
  return out.join('\n<pre>\n');
}

/** Whether `needle` is rendered (innerText: folded text is not). */
export function shows(needle: string): boolean {
  return document.body.innerText.includes(needle);
}

/** The message anchor nearest the viewport's top on a T/ page, and the hash. */
export function position(): { hash: string; top: string | null } {
  const anchors = [...document.querySelectorAll('pre > a[id^="m"]')].filter((a) => /^m[0-9a-f]{40}$/.test(a.id));
  const top = anchors.find((a) => Math.abs(a.getBoundingClientRect().top) < 40);
  return { hash: location.hash, top: top?.id ?? null };
}

/**
 * The in-page "ListLens" control: one small fixed button in the page's corner that opens the
 * panel for this page. Plain DOM in the page (not a shadow root), so it is found and clicked
 * like any button, with inline styles that the archive's CSS cannot easily disturb.
 *
 * Non-goals: any other change to the archive's page; text from the page never enters it.
 */

const ID = 'listlens-open';
const TITLE = 'Open the ListLens panel for this thread';

export function showControl(onClick: () => void): void {
  let btn = document.getElementById(ID) as HTMLButtonElement | null;
  if (!btn) {
    btn = document.createElement('button');
    btn.id = ID;
    btn.type = 'button';
    btn.textContent = 'ListLens';
    btn.title = TITLE;
    btn.setAttribute('aria-label', 'ListLens: show this thread');
    btn.style.cssText = [
      'position:fixed',
      'top:8px',
      'right:8px',
      'z-index:2147483646',
      'margin:0',
      'padding:3px 9px',
      'font:600 12px/1.4 system-ui,sans-serif',
      'color:#fff',
      'background:#2563eb',
      'border:0',
      'border-radius:4px',
      'box-shadow:0 1px 3px rgba(0,0,0,.3)',
      'cursor:pointer',
      'opacity:.85',
    ].join(';');
    document.body.appendChild(btn);
  }
  btn.onclick = (e) => {
    e.preventDefault();
    onClick();
  };
}

/** Adds a sentence to the control's tooltip (what the page's annotation left out), or takes it away (null). */
export function noteControl(note: string | null): void {
  const btn = document.getElementById(ID);
  if (btn) btn.title = note ? `${TITLE}.\n${note}` : TITLE;
}

export function removeControl(): void {
  document.getElementById(ID)?.remove();
}

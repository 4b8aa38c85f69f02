/** A titled, collapsible region of the panel: a landmark with a heading and a disclosure button. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import './Section.css';

export interface Props {
  id: string;
  title: string;
  /** Short text after the title, such as a count. */
  meta?: string;
  startOpen?: boolean;
  children: ComponentChildren;
}

export function Section({ id, title, meta, startOpen = true, children }: Props) {
  const [open, setOpen] = useState(startOpen);
  const head = `ll-h-${id}`;
  const body = `ll-b-${id}`;
  return (
    <section class="ll-section" aria-labelledby={head}>
      <h2 class="ll-section-title" id={head}>
        <button type="button" class="ll-section-toggle" aria-expanded={open} aria-controls={body} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {title}
          {meta ? <span class="ll-muted ll-section-meta"> {meta}</span> : null}
        </button>
      </h2>
      <div id={body} class="ll-section-body" hidden={!open}>
        {open ? children : null}
      </div>
    </section>
  );
}

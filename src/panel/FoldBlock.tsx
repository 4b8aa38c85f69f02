/**
 * One block of a body: own text as is; quotes, diffs, signatures and footers behind a
 * button with aria-expanded. Folded text is not in the document at all until opened.
 * `FoldedQuotes`: consecutive folded quotes of one message behind one toggle (the core's
 * `quoteFoldRuns`), each drawn at its own depth when opened.
 */
import { useState } from 'preact/hooks';
import type { QuoteBlock } from '../core/types.ts';
import type { Fold } from '../core/thread/quote-fold.ts';
import { MailText } from './MailText.tsx';
import { DiffText } from './DiffText.tsx';

export interface Props {
  block: QuoteBlock;
  fold: Fold;
  /** Unique within the page, for aria-controls. */
  id: string;
}

export function FoldBlock({ block, fold, id }: Props) {
  const [open, setOpen] = useState(!fold.folded);
  if (!fold.foldable) return <MailText lines={block.lines} />;
  const depth = block.kind === 'quote' ? Math.min(block.depth, 6) : 0;
  const head = fold.head ?? 0;
  return (
    <div class={`ll-fold ll-fold-${block.kind}`} data-depth={depth || undefined}>
      {head ? <MailText lines={block.lines.slice(0, head)} /> : null}
      <button type="button" class="ll-fold-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {fold.label}
      </button>
      <div id={id} hidden={!open}>
        {open ? block.kind === 'diff' ? <DiffText lines={block.lines.slice(head)} class="ll-mail-diff" /> : <MailText lines={block.lines.slice(head)} class={`ll-mail-${block.kind}`} /> : null}
      </div>
    </div>
  );
}

export interface QuotesProps {
  blocks: QuoteBlock[];
  label: string;
  id: string;
}

export function FoldedQuotes({ blocks, label, id }: QuotesProps) {
  const [open, setOpen] = useState(false);
  return (
    <div class="ll-fold ll-fold-quote ll-fold-merged">
      <button type="button" class="ll-fold-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
      </button>
      <div id={id} hidden={!open}>
        {open
          ? blocks.map((b, i) => (
              <div key={i} class="ll-fold-part" data-depth={b.kind === 'quote' ? Math.min(b.depth, 6) : undefined}>
                <MailText lines={b.lines} class="ll-mail-quote" />
              </div>
            ))
          : null}
      </div>
    </div>
  );
}

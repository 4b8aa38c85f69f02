/**
 * Mail text as text: a <pre> of text nodes, with <a> only around http(s) URLs. Nothing from
 * mail is ever parsed as HTML here; Preact sets text nodes, never innerHTML.
 */
import { useMemo } from 'preact/hooks';
import { linkify } from './linkify.ts';

export interface Props {
  lines: string[];
  class?: string;
}

export function MailText({ lines, class: cls }: Props) {
  const segments = useMemo(() => linkify(lines.join('\n')), [lines]);
  return (
    <pre class={cls ? `ll-mail ${cls}` : 'll-mail'}>
      {segments.map((s, i) =>
        s.kind === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            {s.text}
          </a>
        ) : (
          s.text
        ),
      )}
    </pre>
  );
}

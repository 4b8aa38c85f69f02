/**
 * A name, address, subject or file name from mail, drawn so it cannot fool the reader
 * (issue 9, item 5): isolated in a `<bdi>`, so a right-to-left override in one subject cannot
 * reorder the text around it, and with bidi controls and invisible characters written out as
 * `⟨U+202E⟩`, so a name shows what it holds.
 *
 * Which characters are revealed is the core's `revealInvisible` (src/core/mail/confusables.ts), the
 * same the CLI's text output uses.
 *
 * Non-goals: mail bodies (MailText.tsx draws those as text; a body's controls stay as sent),
 * deciding who is a look-alike (the core flags participants and trailers).
 */

import { revealInvisible } from '../core/mail/confusables.ts';

/** `s` with each invisible or bidi control written as `⟨U+202E⟩` (for titles and tooltips too). */
export const reveal = revealInvisible;

export interface Props {
  text: string;
  class?: string;
}

export function MailString({ text, class: cls }: Props) {
  return <bdi class={cls}>{reveal(text)}</bdi>;
}

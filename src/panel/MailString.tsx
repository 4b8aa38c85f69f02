/**
 * A name, address, subject or file name from mail, drawn so it cannot fool the reader
 * (issue 9, item 5): isolated in a `<bdi>`, so a right-to-left override in one subject cannot
 * reorder the text around it, and with bidi controls and invisible characters written out as
 * `⟨U+202E⟩`, so a name shows what it holds.
 *
 * The character class is the core's `revealInvisible` (src/core/confusables.ts on the
 * `harden` branch); once that is on main this file should import it instead of keeping a copy.
 *
 * Non-goals: mail bodies (MailText.tsx draws those as text; a body's controls stay as sent),
 * deciding who is a look-alike (the core flags participants and trailers).
 */

/** Bidi embeddings, overrides, isolates and marks, zero-width characters, BOM, soft hyphen, fillers. */
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/g;

/** `s` with each invisible or bidi control written as `⟨U+202E⟩`. */
export function reveal(s: string): string {
  return s.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export interface Props {
  text: string;
  class?: string;
}

export function MailString({ text, class: cls }: Props) {
  return <bdi class={cls}>{reveal(text)}</bdi>;
}

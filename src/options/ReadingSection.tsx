/**
 * Reading: whether ListLens remembers which messages you have seen, to mark what is new since
 * your last visit (in the panel, on the toolbar badge and on archive pages). The record stays
 * in this browser.
 */
import { useOptions } from './options-store.ts';

/** Reads the setting from the store. */
export type Props = Record<string, never>;

export function ReadingSection(_props: Props) {
  const store = useOptions();
  const on = store.settings.value.newMarks;
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-reading">
      <h2 id="ll-opt-reading">Reading</h2>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const next = (e.currentTarget as HTMLInputElement).checked;
            store.save({ newMarks: next }, next ? 'New messages are marked from your next visit to a thread.' : 'New messages are no longer marked.');
          }}
        />{' '}
        Mark messages that are new since my last visit to a thread
      </label>
      <p class="ll-muted">
        ListLens then keeps, in this browser only, which messages of each thread you have opened and when you were last there. Nothing of it leaves the browser; clearing the cache keeps it;
        switched off, nothing more is recorded and no marks show.
      </p>
    </section>
  );
}

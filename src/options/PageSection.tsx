/** ListLens on the archive page itself: one switch for the annotation (issue 12). */
import { useOptions } from './options-store.ts';

/** Reads the setting from the store. */
export type Props = Record<string, never>;

export function PageSection(_props: Props) {
  const store = useOptions();
  const on = store.settings.value.annotatePages;
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-page">
      <h2 id="ll-opt-page">On the archive page</h2>
      <p class="ll-muted">
        On public-inbox pages (lore.kernel.org and others) and archives that show mail as preformatted text, ListLens folds long quotes and diffs behind toggles, tints diff lines, puts
        review marks beside thread links, and adds keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous message, <kbd>v</kbd> open the panel. The page's text stays as the archive sent it. Off, ListLens
        leaves the page untouched (the page's "ListLens" button stays), open pages included.
      </p>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const next = (e.target as HTMLInputElement).checked;
            store.save({ annotatePages: next }, `Annotating archive pages ${next ? 'on' : 'off'}.`);
          }}
        />{' '}
        Annotate the archive page
      </label>
    </section>
  );
}

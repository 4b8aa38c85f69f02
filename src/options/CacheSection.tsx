/** The thread cache: its size limit, what it holds now, and "clear cache". */
import { useEffect, useState } from 'preact/hooks';
import { readLimit, usageText } from './options-model.ts';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function CacheSection(_props: Props) {
  const store = useOptions();
  const limit = store.settings.value.cacheLimitMB;
  const [typed, setTyped] = useState(String(limit));
  useEffect(() => setTyped(String(limit)), [limit]);
  const valid = readLimit(typed);
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-cache">
      <h2 id="ll-opt-cache">Cache</h2>
      <p class="ll-muted">Threads you open are kept in this browser so they reopen at once and offline. The least recently read go first when the cache is full; the thread on screen is never dropped.</p>
      <form
        class="ll-opt-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid !== null) store.save({ cacheLimitMB: valid }, `The cache may now hold ${valid} MB.`);
        }}
      >
        <label for="ll-cache-limit">Size limit (MB)</label>
        <input id="ll-cache-limit" type="number" min={10} max={100000} step={1} value={typed} aria-invalid={valid === null ? true : undefined} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button" disabled={valid === null || valid === limit}>
          Save
        </button>
      </form>
      {valid === null ? <p class="ll-opt-error">Between 10 and 100000 MB.</p> : null}
      <p>
        <span role="status">{usageText(store.usage.value)}</span>{' '}
        <button type="button" class="ll-button" onClick={() => store.clearCache()}>
          Clear cache
        </button>
      </p>
    </section>
  );
}

/**
 * The size limits of one thread: the largest file ListLens downloads and the most it
 * decompresses to (settings' `maxDownloadMB`, `maxInflatedMB`). A thread past either is not
 * opened, and the panel says which limit it met and points here; a reader who wants that
 * thread raises the limit.
 *
 * Non-goals: enforcing the limits (the worker's fetch and gunzip do).
 */
import { useEffect, useState } from 'preact/hooks';
import { SIZE_LIMIT_RANGE } from '../settings.ts';
import { readSizeLimit } from './options-model.ts';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function LimitsSection(_props: Props) {
  const store = useOptions();
  const { maxDownloadMB, maxInflatedMB } = store.settings.value;
  const [download, setDownload] = useState(String(maxDownloadMB));
  const [inflated, setInflated] = useState(String(maxInflatedMB));
  useEffect(() => setDownload(String(maxDownloadMB)), [maxDownloadMB]);
  useEffect(() => setInflated(String(maxInflatedMB)), [maxInflatedMB]);
  const d = readSizeLimit(download, 'download');
  const i = readSizeLimit(inflated, 'inflated');
  const [dMin, dMax] = SIZE_LIMIT_RANGE.download;
  const [iMin, iMax] = SIZE_LIMIT_RANGE.inflated;
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-limits">
      <h2 id="ll-opt-limits">Large threads</h2>
      <p class="ll-muted">
        ListLens does not download a thread file larger than the first limit, nor open one that decompresses to more than the second: a very large or hostile file could otherwise exhaust the browser's memory. Raise them to open such a thread.
      </p>
      <form
        class="ll-opt-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (d !== null && i !== null) store.save({ maxDownloadMB: d, maxInflatedMB: i }, `Threads up to ${d} MB to download and ${i} MB decompressed.`);
        }}
      >
        <label for="ll-max-download">Download (MB)</label>
        <input id="ll-max-download" type="number" min={dMin} max={dMax} step={1} value={download} aria-invalid={d === null ? true : undefined} onInput={(e) => setDownload((e.target as HTMLInputElement).value)} />
        <label for="ll-max-inflated">Decompressed (MB)</label>
        <input id="ll-max-inflated" type="number" min={iMin} max={iMax} step={1} value={inflated} aria-invalid={i === null ? true : undefined} onInput={(e) => setInflated((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button" disabled={d === null || i === null || (d === maxDownloadMB && i === maxInflatedMB)}>
          Save
        </button>
      </form>
      {d === null ? <p class="ll-opt-error">Download: between {dMin} and {dMax} MB.</p> : null}
      {i === null ? <p class="ll-opt-error">Decompressed: between {iMin} and {iMax} MB.</p> : null}
    </section>
  );
}

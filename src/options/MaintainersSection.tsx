/**
 * Options → MAINTAINERS (issue 18): whether the panel shows, per patch and version, whose
 * ack is still missing, and from which MAINTAINERS file. Off by default: switching it on
 * asks the browser for the file's host (git.kernel.org for the kernel's lists) from that
 * click, and nothing is fetched before. The kernel's lists use the kernel's file unless the
 * reader names another URL or a local file; any other list can be given its own. The
 * reader's addresses mark what waits on them; the toolbar badge can count such series.
 * Each source's state (its copy's date and entries, or why it failed) comes from the worker.
 *
 * Non-goals: fetching or parsing (the worker does, background/maintainers/).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { MaintainersFileAnswer, MaintainersStatus } from '../protocol.ts';
import { KERNEL_MAINTAINERS_URL, maintainersSource, type MaintainersSettings } from '../settings.ts';
import { stamp } from '../core/format.ts';
import { recorded } from '../errors.ts';
import { useOptions } from './options-store.ts';
import { withHosts as askHosts } from './host-grant.ts';
import { hostPattern as patternOf } from '../sites/host-pattern.ts';

/** Reads the settings from the store. */
export type Props = Record<string, never>;

const hostOf = (source: string): string => (source.startsWith('file:') ? `${source.slice(5)} (local file)` : (patternOf(source) ? new URL(source).host : source));

function statusWords(st: MaintainersStatus | undefined): string {
  if (!st) return 'not fetched yet';
  const copy = st.fetchedAt ? `copy of ${stamp(st.fetchedAt)}, ${st.entries} entries${st.errors ? `, ${st.errors} malformed lines skipped` : ''}` : 'no copy yet';
  return st.error ? `${copy}; last attempt failed: ${st.error}` : copy;
}

export function MaintainersSection(_props: Props) {
  const store = useOptions();
  const m = store.settings.value.maintainers;
  const [status, setStatus] = useState<Record<string, MaintainersStatus>>({});
  const [kernel, setKernel] = useState(m.kernel);
  const [list, setList] = useState('');
  const [url, setUrl] = useState('');
  const [me, setMe] = useState(m.me.join(', '));
  const [error, setError] = useState('');
  const refresh = (): void =>
    void browser.runtime
      .sendMessage({ type: 'maintainers-status' })
      .then((a) => setStatus(Object.fromEntries(((a as MaintainersStatus[] | null) ?? []).map((s) => [s.source, s]))))
      .catch(recorded('options: maintainers status', undefined));
  useEffect(refresh, []);
  useEffect(() => setKernel(m.kernel), [m.kernel]);

  const save = (patch: Partial<MaintainersSettings>, done: string): void => store.save({ maintainers: { ...store.settings.value.maintainers, ...patch } }, done);
  /** Asks for the hosts of `sources` inside the click's gesture, then runs `then` if granted. */
  const withHosts = (sources: string[], then: () => void, refused: string): void => askHosts(sources, then, () => store.save({}, refused));
  const fetchNow = (source: string): void => {
    if (!patternOf(source)) return;
    void browser.runtime
      .sendMessage({ type: 'maintainers-fetch', source })
      .then(() => refresh())
      .catch(recorded('options: maintainers fetch', undefined));
  };
  const sources = [m.kernel, ...m.lists.map((l) => l.source)].filter(Boolean);

  const switchOn = (): void =>
    withHosts(
      sources,
      () => {
        save({ on: true }, `Ownership on: ListLens reads ${sources.map(hostOf).join(', ') || 'no file yet'}.`);
        sources.forEach(fetchNow);
      },
      'MAINTAINERS stays off: the browser did not grant access to its host.',
    );
  const setKernelSource = (e: Event): void => {
    e.preventDefault();
    const t = kernel.trim();
    const src = t === '' ? '' : maintainersSource(t);
    if (src === null) return setError('Type the address of a MAINTAINERS file (https://…), or leave it empty for none.');
    setError('');
    withHosts(
      m.on && src ? [src] : [],
      () => {
        save({ kernel: src }, src ? `The kernel's lists read ${hostOf(src)}.` : "The kernel's lists read no MAINTAINERS.");
        if (m.on && src) fetchNow(src);
      },
      `The browser did not grant access to ${hostOf(src || '')}: the kernel's lists keep their file.`,
    );
  };
  const addList = (e: Event): void => {
    e.preventDefault();
    const name = list.trim().toLowerCase();
    const src = maintainersSource(url);
    if (!name) return setError('Name the list: its inbox name (qemu-devel) or address (qemu-devel@nongnu.org).');
    if (!src) return setError('Type the address of its MAINTAINERS file (https://…), or choose a local file.');
    setError('');
    withHosts(
      m.on ? [src] : [],
      () => {
        save({ lists: [...m.lists.filter((l) => l.list !== name), { list: name, source: src }] }, `${name} reads ${hostOf(src)}.`);
        setList('');
        setUrl('');
        if (m.on) fetchNow(src);
      },
      `The browser did not grant access to ${hostOf(src)}: ${name} was not added.`,
    );
  };
  const loadFile = (target: 'kernel' | 'list', input: HTMLInputElement): void => {
    const file = input.files?.[0];
    if (!file) return;
    const name = list.trim().toLowerCase();
    if (target === 'list' && !name) return setError('Name the list first, then choose its file.');
    void file
      .text()
      .then((text) => browser.runtime.sendMessage({ type: 'maintainers-file', name: file.name, text }))
      .then((a) => {
        const ans = a as MaintainersFileAnswer;
        input.value = '';
        if (!ans?.ok) return store.save({}, ans?.message ?? 'The file could not be read.');
        if (target === 'kernel') save({ kernel: ans.source }, `The kernel's lists read ${ans.message}`);
        else {
          save({ lists: [...m.lists.filter((l) => l.list !== name), { list: name, source: ans.source }] }, `${name} reads ${ans.message}`);
          setList('');
        }
        refresh();
      })
      .catch((err: unknown) => store.save({}, `The file could not be read: ${err instanceof Error ? err.message : String(err)}`));
  };
  const saveMe = (e: Event): void => {
    e.preventDefault();
    const all = me.split(/[\s,;]+/).filter(Boolean);
    const bad = all.filter((a) => !/^[^@\s]+@[^@\s]+$/.test(a));
    if (bad.length) return setError(`Not an address: ${bad.join(', ')}.`);
    setError('');
    save({ me: all }, all.length ? `What waits on ${all.join(', ')} is marked.` : 'No address of yours: nothing is marked as waiting on you.');
  };

  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-maintainers">
      <h2 id="ll-opt-maintainers">MAINTAINERS</h2>
      <p class="ll-muted">
        The panel can show, per patch and version, which MAINTAINERS entries a series touches and whose ack is still missing. Off until you switch it on; ListLens then asks the browser for
        permission to read the file's host, fetches it at most once a day and keeps it in this browser.
      </p>
      <label>
        <input type="checkbox" checked={m.on} onChange={(e) => ((e.currentTarget as HTMLInputElement).checked ? switchOn() : save({ on: false }, 'Ownership off: no MAINTAINERS file is read.'))} /> Show whose ack
        is missing
      </label>
      <form class="ll-opt-add" noValidate onSubmit={setKernelSource}>
        <label for="ll-mnt-kernel">Kernel lists (lore.kernel.org, vger, kvack)</label>
        <input id="ll-mnt-kernel" type="url" inputMode="url" placeholder={KERNEL_MAINTAINERS_URL} value={kernel.startsWith('file:') ? '' : kernel} onInput={(e) => setKernel((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button">
          Set
        </button>
        <label class="ll-button">
          Local file… <input class="ll-visually-hidden" type="file" onChange={(e) => loadFile('kernel', e.currentTarget as HTMLInputElement)} />
        </label>
      </form>
      <ul class="ll-opt-instances" aria-label="MAINTAINERS files">
        {m.kernel ? (
          <li class="ll-opt-instance">
            <span>kernel lists:</span> <span class="ll-opt-instance-url">{hostOf(m.kernel)}</span>
            <span class={status[m.kernel]?.error ? 'll-opt-warn' : 'll-muted'}>{m.on ? statusWords(status[m.kernel]) : 'off'}</span>
          </li>
        ) : null}
        {m.lists.map((l) => (
          <li key={l.list} class="ll-opt-instance">
            <span>{l.list}:</span> <span class="ll-opt-instance-url">{hostOf(l.source)}</span>
            <span class={status[l.source]?.error ? 'll-opt-warn' : 'll-muted'}>{m.on ? statusWords(status[l.source]) : 'off'}</span>
            <span class="ll-opt-actions">
              <button type="button" class="ll-button" onClick={() => save({ lists: m.lists.filter((x) => x.list !== l.list) }, `${l.list} reads no MAINTAINERS.`)}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form class="ll-opt-add" noValidate onSubmit={addList}>
        <label for="ll-mnt-list">Another list</label>
        <input id="ll-mnt-list" placeholder="qemu-devel" value={list} onInput={(e) => setList((e.target as HTMLInputElement).value)} />
        <label for="ll-mnt-url" class="ll-visually-hidden">
          Its MAINTAINERS file
        </label>
        <input id="ll-mnt-url" type="url" inputMode="url" placeholder="https://…/MAINTAINERS" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button">
          Add
        </button>
        <label class="ll-button">
          Local file… <input class="ll-visually-hidden" type="file" onChange={(e) => loadFile('list', e.currentTarget as HTMLInputElement)} />
        </label>
      </form>
      <form class="ll-opt-add" noValidate onSubmit={saveMe}>
        <label for="ll-mnt-me">My addresses</label>
        <input id="ll-mnt-me" placeholder="me@example.org" value={me} onInput={(e) => setMe((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button">
          Save
        </button>
      </form>
      <label>
        <input
          type="checkbox"
          checked={m.badge}
          onChange={(e) => {
            const next = (e.currentTarget as HTMLInputElement).checked;
            save({ badge: next }, next ? 'The toolbar badge counts the series waiting on you.' : 'The toolbar badge no longer counts series waiting on you.');
          }}
        />{' '}
        Count the series waiting on me on the toolbar badge
      </label>
      {error ? (
        <p class="ll-opt-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

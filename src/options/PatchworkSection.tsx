/**
 * Options → Patchwork checks (issue 18, optional): whether the matrix shows what CI posted
 * on each patch in patchwork (success, warning, fail, pending, with their context), read
 * through patchwork's REST API while a matrix is open. Off by default: switching it on asks
 * the browser for the instance's host from that click, and nothing is asked before. The
 * instance is patchwork.kernel.org (for the kernel lists it tracks) unless the reader names
 * another; lists it tracks beyond those can be named (for another instance, the only ones).
 *
 * Non-goals: fetching (the worker's background/patchwork/), the checks' caching.
 */
import { useEffect, useState } from 'preact/hooks';
import { KERNEL_PATCHWORK_URL, patchworkUrl, type PatchworkSettings } from '../settings.ts';
import { useOptions } from './options-store.ts';
import { withHosts } from './host-grant.ts';

/** Reads the settings from the store. */
export type Props = Record<string, never>;

const hostOf = (url: string): string => new URL(url).host;

export function PatchworkSection(_props: Props) {
  const store = useOptions();
  const p = store.settings.value.patchwork;
  const [url, setUrl] = useState(p.url);
  const [lists, setLists] = useState(p.lists.join(', '));
  const [error, setError] = useState('');
  useEffect(() => setUrl(p.url), [p.url]);
  useEffect(() => setLists(p.lists.join(', ')), [p.lists.join(' ')]);

  const save = (patch: Partial<PatchworkSettings>, done: string): void => store.save({ patchwork: { ...store.settings.value.patchwork, ...patch } }, done);
  const kernel = p.url === KERNEL_PATCHWORK_URL;
  const switchOn = (): void =>
    withHosts(
      [p.url],
      () => save({ on: true }, `Patchwork checks on: ListLens reads ${hostOf(p.url)} while a series' matrix is open.`),
      () => store.save({}, `Patchwork checks stay off: the browser did not grant access to ${hostOf(p.url)}.`),
    );
  const setInstance = (e: Event): void => {
    e.preventDefault();
    const next = url.trim() === '' ? KERNEL_PATCHWORK_URL : patchworkUrl(url);
    if (!next) return setError("Type the address of a patchwork instance (https://…), or leave it empty for patchwork.kernel.org.");
    setError('');
    withHosts(
      p.on ? [next] : [],
      () => save({ url: next }, `Patchwork checks are read from ${hostOf(next)}.`),
      () => store.save({}, `The browser did not grant access to ${hostOf(next)}: the instance stays ${hostOf(p.url)}.`),
    );
  };
  const saveLists = (e: Event): void => {
    e.preventDefault();
    const all = lists
      .split(/[\s,;]+/)
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const bad = all.filter((l) => !/^[a-z0-9][\w.+@-]{0,200}$/.test(l));
    if (bad.length) return setError(`Not a list name or address: ${bad.join(', ')}.`);
    setError('');
    save({ lists: [...new Set(all)] }, all.length ? `${hostOf(p.url)} is asked about ${all.join(', ')}${kernel ? " and the kernel's lists it tracks" : ''}.` : kernel ? "patchwork.kernel.org is asked about the kernel's lists it tracks." : `No list is asked of ${hostOf(p.url)}.`);
  };

  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-patchwork">
      <h2 id="ll-opt-patchwork">Patchwork checks</h2>
      <p class="ll-muted">
        The matrix can show the checks CI systems post on each patch in patchwork (success, warning, fail, pending, with their context): a failed check marks the patch, the rest are
        counted. Off until you switch it on; ListLens then asks the browser for permission to read the instance, asks it only while a series' matrix is open, at most two patches at
        a time, and keeps the answers in this browser (asked again after 10 minutes while CI runs, an hour for a recent patch, a day for an older one).
      </p>
      <label>
        <input
          type="checkbox"
          checked={p.on}
          onChange={(e) => ((e.currentTarget as HTMLInputElement).checked ? switchOn() : save({ on: false }, 'Patchwork checks off: patchwork is not asked.'))}
        />{' '}
        Show patchwork's checks in the matrix
      </label>
      <form class="ll-opt-add" noValidate onSubmit={setInstance}>
        <label for="ll-pw-url">Instance</label>
        <input id="ll-pw-url" type="url" inputMode="url" placeholder={KERNEL_PATCHWORK_URL} value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button">
          Set
        </button>
      </form>
      <form class="ll-opt-add" noValidate onSubmit={saveLists}>
        <label for="ll-pw-lists">{kernel ? 'Other lists it tracks' : 'Lists it tracks'}</label>
        <input id="ll-pw-lists" placeholder={kernel ? 'linux-foo, bar@vger.kernel.org' : 'linuxppc-dev'} value={lists} onInput={(e) => setLists((e.target as HTMLInputElement).value)} />
        <button type="submit" class="ll-button">
          Save
        </button>
      </form>
      <p class="ll-muted">
        {kernel
          ? "patchwork.kernel.org is asked about the kernel's lists it tracks on lore.kernel.org (linux-mm, netdev and bpf, linux-arm-kernel, …)"
          : `${hostOf(p.url)} is asked about the lists named here only`}
        {p.lists.length ? `, and ${p.lists.join(', ')}` : ''}.
      </p>
      {error ? (
        <p class="ll-opt-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

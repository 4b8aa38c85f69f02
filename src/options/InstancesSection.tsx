/** Public-inbox instances the reader added: add one (asking for its host), test, grant, remove. */
import { useState } from 'preact/hooks';
import { InstanceRow } from './InstanceRow.tsx';
import { readInstance } from '../sites/instances.ts';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function InstancesSection(_props: Props) {
  const store = useOptions();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const list = store.settings.value.instances;
  const onSubmit = (e: Event): void => {
    e.preventDefault();
    const got = readInstance(typed, list);
    if (!got.ok) return setError(got.reason);
    setError('');
    setTyped('');
    store.add(got.url); // synchronously inside the submit gesture: the permission prompt needs it
  };
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-instances">
      <h2 id="ll-opt-instances">Public-inbox instances</h2>
      <p class="ll-muted">
        lore.kernel.org and a few well-known public-inbox hosts work out of the box. Add any other public-inbox here (a mirror under a path works too, such as https://yhbt.net/lore/); ListLens asks the browser for
        permission to read that host.
      </p>
      {/* noValidate: a bare host ("inbox.example.org") is fine here, though not a valid type=url value. */}
      <form class="ll-opt-add" noValidate onSubmit={onSubmit}>
        <label for="ll-instance-url">Instance address</label>
        <input
          id="ll-instance-url"
          type="url"
          inputMode="url"
          placeholder="https://inbox.example.org/"
          value={typed}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'll-instance-error' : undefined}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="ll-button">
          Add
        </button>
      </form>
      {error ? (
        <p id="ll-instance-error" class="ll-opt-error" role="alert">
          {error}
        </p>
      ) : null}
      {list.length ? (
        <ul class="ll-opt-instances">
          {list.map((url) => (
            <InstanceRow key={url} url={url} />
          ))}
        </ul>
      ) : (
        <p class="ll-muted">No instances added.</p>
      )}
    </section>
  );
}

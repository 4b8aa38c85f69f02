/** Public-inbox instances the reader added: add one (asking for its host), test, grant, remove. */
import { AddressForm } from './AddressForm.tsx';
import { InstanceRow } from './InstanceRow.tsx';
import { readInstance } from '../sites/instances.ts';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function InstancesSection(_props: Props) {
  const store = useOptions();
  const list = store.settings.value.instances;
  const add = (typed: string): string | null => {
    const got = readInstance(typed, list);
    if (!got.ok) return got.reason;
    store.add(got.url); // synchronously inside the submit gesture: the permission prompt needs it
    return null;
  };
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-instances">
      <h2 id="ll-opt-instances">Public-inbox instances</h2>
      <p class="ll-muted">
        lore.kernel.org and a few well-known public-inbox hosts work out of the box. Add any other public-inbox here (a mirror under a path works too, such as https://yhbt.net/lore/); ListLens asks the browser for
        permission to read that host.
      </p>
      <AddressForm name="ll-instance" label="Instance address" placeholder="https://inbox.example.org/" onAdd={add} />
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

/** Each archive ListLens reads, switched on or off (src/sites adapters). */
import { adapters } from '../sites/index.ts';
import { adapterSwitches, toggled } from './options-model.ts';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function ArchivesSection(_props: Props) {
  const store = useOptions();
  const disabled = store.settings.value.disabledAdapters;
  const list = adapterSwitches(adapters, disabled);
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-archives">
      <h2 id="ll-opt-archives">Archives</h2>
      <p class="ll-muted">ListLens recognises pages of these archives. Switch one off and ListLens leaves its pages alone.</p>
      <ul class="ll-opt-switches">
        {list.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="checkbox"
                checked={a.on}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  store.save({ disabledAdapters: toggled(disabled, a.id, on) }, `${a.name} ${on ? 'on' : 'off'}.`);
                }}
              />{' '}
              {a.name} <span class="ll-muted">({a.id})</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

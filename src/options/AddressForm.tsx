/**
 * The options page's "add a host by its address" form (public-inbox instances, git webs): one
 * address field, Add, and the reason a typed address was refused, read out as an alert and
 * tied to the field. `onAdd` judges what was typed: a reason refuses it (the text stays to be
 * corrected), null takes it (the field empties). It runs inside the submit gesture, so a
 * permission request it starts is still allowed.
 *
 * Non-goals: what makes an address valid, storing it, permissions (the sections do that).
 */
import { useState } from 'preact/hooks';

export interface Props {
  /** Prefix of the field's id (`<name>-url`) and of its error's (`<name>-error`). */
  name: string;
  label: string;
  placeholder: string;
  onAdd(typed: string): string | null;
}

export function AddressForm({ name, label, placeholder, onAdd }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const onSubmit = (e: Event): void => {
    e.preventDefault();
    const refused = onAdd(typed);
    setError(refused ?? '');
    if (refused === null) setTyped('');
  };
  return (
    <>
      {/* noValidate: a bare host ("inbox.example.org") is fine here, though not a valid type=url value. */}
      <form class="ll-opt-add" noValidate onSubmit={onSubmit}>
        <label for={`${name}-url`}>{label}</label>
        <input
          id={`${name}-url`}
          type="url"
          inputMode="url"
          placeholder={placeholder}
          value={typed}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="ll-button">
          Add
        </button>
      </form>
      {error ? (
        <p id={`${name}-error`} class="ll-opt-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Tie another thread to the series by hand (a message URL of this archive or a Message-ID); the worker keeps it in the cache. */
import { useState } from 'preact/hooks';

export interface Props {
  onLink: (target: string) => void;
}

export function LinkThreadForm({ onLink }: Props) {
  const [value, setValue] = useState('');
  return (
    <form
      class="ll-link-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onLink(value.trim());
        setValue('');
      }}
    >
      <label>
        Add a version by hand{' '}
        <input type="text" value={value} placeholder="message URL or Message-ID" onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="ll-copy">
        Link
      </button>
    </form>
  );
}

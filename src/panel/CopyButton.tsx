/** A button that puts text on the clipboard and says so for a moment. */
import { useState } from 'preact/hooks';
import './CopyButton.css';

export interface Props {
  label: string;
  /** What is copied; computed on click so large text is built only when wanted. */
  text: () => string;
  title?: string;
}

export function CopyButton({ label, text, title }: Props) {
  const [done, setDone] = useState<'' | 'ok' | 'fail'>('');
  const copy = (): void => {
    navigator.clipboard.writeText(text()).then(
      () => setDone('ok'),
      () => setDone('fail'),
    );
    setTimeout(() => setDone(''), 1500);
  };
  return (
    <button type="button" class="ll-copy" title={title} onClick={copy}>
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed' : label}
    </button>
  );
}

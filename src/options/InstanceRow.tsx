/** One added instance: its address, permission state, "test connection" and "remove". */
import { probeText } from './options-model.ts';
import { useOptions } from './options-store.ts';

export interface Props {
  url: string;
}

export function InstanceRow({ url }: Props) {
  const store = useOptions();
  const granted = store.granted.value[url];
  const probe = store.probes.value[url];
  return (
    <li class="ll-opt-instance">
      <span class="ll-opt-instance-url">{url}</span>
      <span class={granted ? 'll-opt-ok' : 'll-opt-warn'}>{granted === undefined ? '' : granted ? 'permission granted' : 'no permission yet'}</span>
      <span class="ll-opt-actions">
        {granted === false ? (
          <button type="button" class="ll-button" onClick={() => store.grant(url)}>
            Grant permission
          </button>
        ) : null}
        <button type="button" class="ll-button" onClick={() => store.probe(url)} disabled={probe === 'pending'}>
          Test connection
        </button>
        <button type="button" class="ll-button" onClick={() => store.remove(url)} aria-label={`Remove ${url}`}>
          Remove
        </button>
      </span>
      {probe ? (
        <span class="ll-opt-probe" role="status">
          {probe === 'pending' ? 'Testing…' : probeText(probe)}
        </span>
      ) : null}
    </li>
  );
}

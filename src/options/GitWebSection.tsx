/**
 * Options → Git web (issue 19): the git webs whose commit pages ListLens reads, each off until
 * the reader switches it on. git.kernel.org, github.com and gitlab.com are listed from the
 * start, not granted; another cgit or GitLab host can be added. Switching one on asks the
 * browser for its host permission from the click (GitHub: also the host its `.patch` comes
 * from) and stores it in `settings.gitHosts`; switching it off gives the permission back.
 * The worker fetches nothing from a git web that is not both stored and granted.
 *
 * Non-goals: the commit lookup; public-inbox instances (InstancesSection).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_GIT_HOSTS, gitHostPatterns } from '../sites/git-web.ts';
import { gitOrigin } from '../settings.ts';
import { recorded } from '../errors.ts';
import { useOptions } from './options-store.ts';
import { AddressForm } from './AddressForm.tsx';
import { withOrigins } from './host-grant.ts';

/** Reads the settings from the store. */
export type Props = Record<string, never>;

const FORGE: Record<string, string> = { cgit: 'cgit', github: 'GitHub', gitlab: 'GitLab' };

async function grantedOf(origins: string[]): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const o of origins) out[o] = await browser.permissions.contains({ origins: gitHostPatterns(o) }).catch(recorded('options: git permission check', false));
  return out;
}

export function GitWebSection(_props: Props) {
  const store = useOptions();
  const stored = store.settings.value.gitHosts;
  const rows = [...DEFAULT_GIT_HOSTS.map((d) => ({ origin: d.origin, forge: FORGE[d.forge] ?? d.forge })), ...stored.filter((o) => !DEFAULT_GIT_HOSTS.some((d) => d.origin === o)).map((o) => ({ origin: o, forge: 'cgit or GitLab' }))];
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const key = rows.map((r) => r.origin).join(' ');
  useEffect(() => {
    const refresh = (): void => void grantedOf(key.split(' ')).then(setGranted);
    refresh();
    browser.permissions.onAdded?.addListener(refresh);
    browser.permissions.onRemoved?.addListener(refresh);
    return () => {
      browser.permissions.onAdded?.removeListener(refresh);
      browser.permissions.onRemoved?.removeListener(refresh);
    };
  }, [key]);

  const switchOn = (origin: string): void => {
    const host = new URL(origin).host;
    withOrigins(
      gitHostPatterns(origin),
      () => store.save({ gitHosts: [...new Set([...store.settings.value.gitHosts, origin])] }, `Commit pages on ${host} on.`),
      (failed) => store.save({}, `${host} stays off: the browser did not ${failed ? 'ask for' : 'grant'} access${failed ? '' : ' to it'}.`),
    );
  };
  const switchOff = (origin: string): void => {
    store.save({ gitHosts: store.settings.value.gitHosts.filter((o) => o !== origin) }, `Commit pages on ${new URL(origin).host} off.`);
    void browser.permissions.remove({ origins: gitHostPatterns(origin) }).catch(recorded('options: git permission removal', false));
  };
  const add = (typed: string): string | null => {
    const t = typed.trim();
    const origin = t ? gitOrigin(/^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t}`) : null;
    if (!origin || !/^https?:\/\/[^/]+\.[^/]+\/$/.test(origin)) return 'Type the address of a git web, such as https://git.example.org/.';
    if (rows.some((r) => r.origin === origin)) return 'That host is already in the list.';
    switchOn(origin);
    return null;
  };
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-git">
      <h2 id="ll-opt-git">Git web</h2>
      <p class="ll-muted">
        On a commit page of a git web switched on here, the panel finds the commit's discussion on the list: the thread, the version applied, its reviews and later fixes. Each is off
        until you switch it on; ListLens then asks the browser for permission to read that host, and reads nothing from a host that is off.
      </p>
      <ul class="ll-opt-instances">
        {rows.map((r) => {
          const on = stored.includes(r.origin) && granted[r.origin] === true;
          const host = new URL(r.origin).host;
          return (
            <li key={r.origin} class="ll-opt-instance">
              <label>
                <input type="checkbox" checked={on} onChange={(e) => ((e.target as HTMLInputElement).checked ? switchOn(r.origin) : switchOff(r.origin))} /> {host}{' '}
                <span class="ll-muted">({r.forge})</span>
              </label>
              <span class={on ? 'll-opt-ok' : 'll-opt-warn'}>{on ? 'on' : stored.includes(r.origin) ? 'no permission yet' : 'off'}</span>
            </li>
          );
        })}
      </ul>
      <AddressForm name="ll-git" label="Another cgit or GitLab" placeholder="https://git.example.org/" onAdd={add} />
    </section>
  );
}

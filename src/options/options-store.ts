/**
 * The options page's state and intents: settings mirrored from storage (and kept live when
 * another window changes them), host permissions per instance, probe answers, cache usage.
 * Permission requests are started synchronously from the click: a browser grants the prompt
 * only inside the user gesture, so nothing may be awaited before `permissions.request`.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { signal } from '@preact/signals';
import browser from 'webextension-polyfill';
import type { ProbeAnswer } from '../protocol.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';
import { addInstance, getSettings, onSettingsChanged, removeInstance, updateSettings } from '../settings-storage.ts';
import { originPattern } from '../sites/host-pattern.ts';
import { recorded } from '../errors.ts';

export interface Usage {
  bytes: number;
  threads: number;
  limit: number;
}

export function createOptionsStore() {
  const settings = signal<Settings>({ ...DEFAULT_SETTINGS, instances: [], disabledAdapters: [], gitHosts: [] });
  const granted = signal<Record<string, boolean>>({});
  const probes = signal<Record<string, ProbeAnswer | 'pending'>>({});
  const usage = signal<Usage | null>(null);
  /** One sentence after the last action (saved, failed), read out by a live region. */
  const message = signal('');

  async function refreshGranted(list: string[]): Promise<void> {
    const out: Record<string, boolean> = {};
    for (const i of list) out[i] = await browser.permissions.contains({ origins: [originPattern(i)] }).catch(recorded('options: permission check', false));
    granted.value = out;
  }

  async function refreshUsage(): Promise<void> {
    try {
      usage.value = (await browser.runtime.sendMessage({ type: 'cache-usage' })) as Usage;
    } catch {
      usage.value = null;
    }
  }

  const say = (s: string): void => {
    message.value = s;
  };
  const failed = (what: string) => (e: unknown) => say(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);

  return {
    settings,
    granted,
    probes,
    usage,
    message,
    async start(): Promise<void> {
      settings.value = await getSettings();
      onSettingsChanged((s) => {
        settings.value = s;
        void refreshGranted(s.instances);
      });
      browser.permissions.onAdded?.addListener(() => void refreshGranted(settings.value.instances));
      browser.permissions.onRemoved?.addListener(() => void refreshGranted(settings.value.instances));
      await Promise.all([refreshGranted(settings.value.instances), refreshUsage()]);
    },
    /**
     * From the click: the permission prompt starts first (inside the gesture); the instance is
     * stored at once, whatever the answer, and its row says whether the host may be read.
     */
    add(url: string): void {
      const asked = browser.permissions.request({ origins: [originPattern(url)] }).catch(recorded('options: permission request', false));
      void addInstance(url)
        .then(async () => {
          settings.value = await getSettings();
          await refreshGranted(settings.value.instances);
          say(`Added ${url}.`);
        })
        .catch(failed('Adding the instance'));
      void asked.then(async (ok) => {
        await refreshGranted(settings.value.instances);
        if (!ok) say(`Added ${url}, but without permission ListLens cannot read it yet.`);
      });
    },
    grant(url: string): void {
      void browser.permissions
        .request({ origins: [originPattern(url)] })
        .then(() => refreshGranted(settings.value.instances))
        .catch(failed('The permission request'));
    },
    remove(url: string): void {
      void removeInstance(url)
        .then(async () => {
          settings.value = await getSettings();
          const pattern = originPattern(url);
          // Give the host back unless another instance still lives there; built-in hosts refuse, harmlessly.
          if (!settings.value.instances.some((i) => originPattern(i) === pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(recorded('options: permission removal', false));
          await refreshGranted(settings.value.instances);
          say(`Removed ${url}.`);
        })
        .catch(failed('Removing the instance'));
    },
    probe(url: string): void {
      probes.value = { ...probes.value, [url]: 'pending' };
      void browser.runtime
        .sendMessage({ type: 'probe-host', origin: url })
        .then((a) => {
          probes.value = { ...probes.value, [url]: a as ProbeAnswer };
        })
        .catch((e: unknown) => {
          probes.value = { ...probes.value, [url]: { origin: url, granted: false, publicInbox: null, reason: `ListLens could not ask: ${e instanceof Error ? e.message : String(e)}` } };
        });
    },
    save(patch: Partial<Settings>, done: string): void {
      void updateSettings(patch)
        .then(async (s) => {
          settings.value = s;
          // The usage line names the limit the worker applies: ask again, or it shows the old one.
          if (patch.cacheLimitMB !== undefined) await refreshUsage();
          say(done);
        })
        .catch(failed('Saving'));
    },
    clearCache(): void {
      void browser.runtime
        .sendMessage({ type: 'clear-cache' })
        .then(async () => {
          await refreshUsage();
          say('The cache is empty.');
        })
        .catch(failed('Clearing the cache'));
    },
    refreshUsage,
  };
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;

export const OptionsContext = createContext<OptionsStore | null>(null);

export function useOptions(): OptionsStore {
  const s = useContext(OptionsContext);
  if (!s) throw new Error('options store missing');
  return s;
}

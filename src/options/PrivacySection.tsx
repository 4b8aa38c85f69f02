/** What ListLens fetches, from where and when, in plain words. */
import { useOptions } from './options-store.ts';

/** Reads the refresh interval from the store. */
export type Props = Record<string, never>;

export function PrivacySection(_props: Props) {
  const minutes = useOptions().settings.value.refreshMinutes;
  return (
    <section class="ll-opt-section" aria-labelledby="ll-opt-privacy">
      <h2 id="ll-opt-privacy">Privacy</h2>
      <p>
        <strong>What is fetched.</strong> The thread of the message you are reading, as the archive's mbox file (<code>t.mbox.gz</code>; for a list no public-inbox carries, the archive's own file: a pipermail month's <code>.txt.gz</code>, a HyperKitty thread export), single raw messages where an archive hides the Message-ID, and
        the archive's own search, to find other versions of a patch series.
      </p>
      <p>
        <strong>From where.</strong> Only the archive of the page you are on, or the public-inbox it resolves to (for example lore.kernel.org for a linux-mm message read on marc.info), and the
        public-inbox instances you added above; with Patchwork checks switched on, also the patchwork instance named above (its REST API, about the patches of a series whose matrix is open).
      </p>
      <p>
        <strong>When.</strong> Only when you open the panel on a message. Nothing is fetched in the background, except a check for new messages in a thread you opened, when you look at it
        again, at most every {minutes} {minutes === 1 ? 'minute' : 'minutes'}.
      </p>
      <p>
        <strong>Nothing else leaves the browser.</strong> No account, no analytics, no third-party servers. Threads are kept in this browser's storage until the cache drops them or you clear it; which messages you have seen, for the new marks, is kept there too.
      </p>
    </section>
  );
}

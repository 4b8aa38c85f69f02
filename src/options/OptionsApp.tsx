/** The options page: public-inbox instances, archives, the archive page, git webs, MAINTAINERS, patchwork checks, cache, reading marks and a plain privacy statement. */
import { InstancesSection } from './InstancesSection.tsx';
import { ArchivesSection } from './ArchivesSection.tsx';
import { CacheSection } from './CacheSection.tsx';
import { LimitsSection } from './LimitsSection.tsx';
import { PageSection } from './PageSection.tsx';
import { GitWebSection } from './GitWebSection.tsx';
import { MaintainersSection } from './MaintainersSection.tsx';
import { PatchworkSection } from './PatchworkSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { ReadingSection } from './ReadingSection.tsx';
import { useOptions } from './options-store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function OptionsApp(_props: Props) {
  const store = useOptions();
  return (
    <main class="ll-options">
      <h1>ListLens options</h1>
      <p class="ll-muted">Settings follow you to other browsers where the browser syncs extension settings.</p>
      <p class="ll-options-message" role="status" aria-live="polite">
        {store.message.value}
      </p>
      <InstancesSection />
      <ArchivesSection />
      <PageSection />
      <GitWebSection />
      <MaintainersSection />
      <PatchworkSection />
      <CacheSection />
      <LimitsSection />
      <ReadingSection />
      <PrivacySection />
    </main>
  );
}

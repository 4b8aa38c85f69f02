/**
 * The panel's layout: header, on a git web's commit page the commit and how its discussion was
 * found, a status line for whatever went wrong or is uncertain, then participants, the series
 * across versions, the thread tree and the conversation around the current message.
 */
import { Header } from './Header.tsx';
import { StatusNotice } from './StatusNotice.tsx';
import { Participants } from './Participants.tsx';
import { VersionsSection } from './series/VersionsSection.tsx';
import { ThreadTree } from './ThreadTree.tsx';
import { ConversationView } from './ConversationView.tsx';
import { PreviewMessage } from './PreviewMessage.tsx';
import { CommitSection } from './CommitSection.tsx';
import { AppliedLinks } from './AppliedLinks.tsx';
import { useLoad } from './store.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function App(_props: Props) {
  const s = useLoad().state.value;
  const hasThread = s.messages.length > 0;
  return (
    <div class="ll-app">
      <Header />
      <main aria-label="Thread">
        <CommitSection />
        <StatusNotice />
        {s.preview && !s.analysis ? <PreviewMessage preview={s.preview} /> : null}
        {hasThread ? (
          <>
            {s.analysis ? <Participants /> : null}
            {s.analysis ? <VersionsSection /> : null}
            {s.analysis ? <AppliedLinks /> : null}
            <ThreadTree />
            {s.analysis ? <ConversationView /> : null}
          </>
        ) : null}
      </main>
    </div>
  );
}

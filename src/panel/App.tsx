/**
 * The panel's layout: header, on a git web's commit page the commit and how its discussion was
 * found, a status line for whatever went wrong or is uncertain, then participants, the series
 * across versions, the thread tree and the conversation around the current message.
 * The wide view (`panel.html?url=…&view=series`, "Open in a tab") shows the header, the status
 * and the series alone, at the page's width.
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

/** Reads everything from the store; `wide`: the series' wide view. */
export interface Props {
  wide?: boolean;
}

export function App({ wide }: Props) {
  const s = useLoad().state.value;
  const hasThread = s.messages.length > 0;
  if (wide) {
    return (
      <div class="ll-app">
        <Header />
        <main aria-label="Versions of the series">
          <StatusNotice />
          {hasThread && s.analysis ? <VersionsSection /> : null}
        </main>
      </div>
    );
  }
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

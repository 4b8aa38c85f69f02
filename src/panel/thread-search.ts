/**
 * Search within the thread on screen: words match a message's own text, subject or author;
 * `from:` narrows to authors. Every word must match (a reader types more to narrow), case and
 * accents aside. Own text only, so a search for a phrase finds who wrote it, not every reply
 * quoting it.
 *
 * Non-goals: search across threads (the archive's own search does that), ranking.
 */
import type { ThreadMessage } from '../core/types.ts';

export interface Query {
  words: string[];
  authors: string[];
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** `from:alice "use after free" kasan` → authors ["alice"], words ["use after free", "kasan"]. */
export function parseQuery(q: string): Query {
  const words: string[] = [];
  const authors: string[] = [];
  const re = /(from:)?(?:"([^"]*)"?|(\S+))/gi;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const term = fold((m[2] ?? m[3] ?? '').trim());
    if (!term) continue;
    (m[1] ? authors : words).push(term);
  }
  return { words, authors };
}

export function isEmpty(q: Query): boolean {
  return q.words.length === 0 && q.authors.length === 0;
}

/**
 * Ids of the messages matching `q`. `texts` holds own text by id (a message whose text is
 * not known yet matches on subject and author only). Linear in the text searched.
 */
export function searchThread(messages: ThreadMessage[], texts: Readonly<Record<string, string>>, q: Query): Set<string> {
  const hits = new Set<string>();
  if (isEmpty(q)) return hits;
  for (const m of messages) {
    if (m.ghost) continue;
    const author = fold(`${m.from?.name ?? ''} <${m.from?.address ?? ''}>`);
    if (!q.authors.every((a) => author.includes(a))) continue;
    if (q.words.length) {
      const hay = `${author}\n${fold(m.subject)}\n${fold(texts[m.id] ?? '')}`;
      if (!q.words.every((w) => hay.includes(w))) continue;
    }
    hits.add(m.id);
  }
  return hits;
}

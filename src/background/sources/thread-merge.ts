/**
 * Incremental refresh of a cached thread: which messages of a `dt:` search answer are new
 * to the thread, and the cached mbox with them appended.
 *
 * Why a filter: public-inbox 2.x scopes `POST <inbox>/<mid>/?x=m&q=dt:…` to the thread, but
 * 1.9 (still deployed; it is what the tests run) answers it with every message of the
 * *inbox* in that date range. So, like liblore's "strict" mode, a message is kept only when
 * it is not cached yet and its References/In-Reply-To reach the thread (directly or through
 * another new message), or it is a ghost of the thread that finally arrived.
 *
 * Non-goals: no network, no idb; no re-escaping (both sides are public-inbox mboxrd, so raw
 * chunks are copied byte for byte).
 */
import { splitMbox } from '../../core/mail/mbox.ts';
import { parseHead } from '../../core/mail/headers.ts';
import type { Analysis, MessageHead } from '../../core/types.ts';

const LF = 0x0a;

export interface MergeResult {
  /** The cached mbox with the new messages appended, or null when nothing is new. */
  merged: Uint8Array | null;
  added: MessageHead[];
}

/** The raw mbox chunk (From_ line to the next one) of every message of a split. */
function chunks(data: Uint8Array, offsets: number[]): Uint8Array[] {
  const starts = offsets.map((o) => (o >= 2 ? data.lastIndexOf(LF, o - 2) + 1 : 0));
  return starts.map((s, k) => data.subarray(s, k + 1 < starts.length ? starts[k + 1]! : data.length));
}

/**
 * Append to `cached` the messages of `fresh` that belong to the thread of `analysis` and
 * `heads`. `fresh` is the decompressed answer of the `dt:` search.
 */
export function mergeNew(cached: Uint8Array, heads: MessageHead[], analysis: Analysis, fresh: Uint8Array): MergeResult {
  const split = splitMbox(fresh);
  if (split.messages.length === 0 || split.format === 'single') return { merged: null, added: [] };
  const raw = chunks(fresh.subarray(0, fresh.length), split.offsets);
  const have = new Set(heads.map((h) => h.messageId).filter(Boolean));
  // Ids that tie a message to the thread: every message and ghost of it.
  const tie = new Set(analysis.messages.map((m) => m.id.replace(/#\d+$/, '')));
  const candidates = split.messages
    .map((m, k) => ({ head: parseHead(m, heads.length + k), raw: raw[k]! }))
    .filter((c) => c.head.messageId && !have.has(c.head.messageId));
  const added: Array<{ head: MessageHead; raw: Uint8Array }> = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const c = candidates[i]!;
      if (tie.has(c.head.messageId) || c.head.references.some((r) => tie.has(r))) {
        tie.add(c.head.messageId);
        have.add(c.head.messageId);
        added.push(c);
        candidates.splice(i, 1);
        grew = true;
      }
    }
  }
  if (added.length === 0) return { merged: null, added: [] };
  added.sort((a, b) => a.head.index - b.head.index);
  // Keep the mbox well formed: a blank line before each appended From_ line.
  const pad = cached.length === 0 ? 0 : cached[cached.length - 1] !== LF ? 2 : cached[cached.length - 2] !== LF ? 1 : 0;
  const total = cached.length + pad + added.reduce((n, a) => n + a.raw.length, 0);
  const out = new Uint8Array(total);
  out.set(cached, 0);
  let at = cached.length;
  for (let i = 0; i < pad; i++) out[at++] = LF;
  for (const a of added) {
    out.set(a.raw, at);
    at += a.raw.length;
  }
  return { merged: out, added: added.map((a) => a.head) };
}

/** `YYYYMMDDHHMMSS` (UTC) for a public-inbox `dt:` range. */
export function dtStamp(t: number): string {
  return new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The commit lookup (issue 19): a git web's commit page → the commit's patch → its discussion
 * on the archive → that thread, loaded as any thread (load.ts `loadResolved`, then series/load.ts, so the tree, the
 * conversation and the series matrix are the normal ones) → which version was applied, the
 * trailers, later fixes. The panel hears `commit` events beside the thread's own.
 *
 * Order, strongest signal first (core/commit/discussion-search.ts): the commit's Link: and
 * Message-ID: trailers, its patch-id searched with `patchid:`, its subject and author in a date
 * window (uncertain). The archive is lore's `/all/` unless a Link: names an added instance.
 *
 * Nothing is fetched from a git web the reader has not switched on (browser/git-hosts.ts): the
 * panel says how to switch it on, and the archive is not asked either. Each answer is kept by
 * the commit's id (cache/commits.ts) with the patch: a second open asks neither host while the
 * thread is fresh; the later fixes are searched again after the refresh TTL.
 *
 * Non-goals: thread loading and the series search (the thread loader's), drawing.
 */
import { analyseMbox } from '../../core/analyse.ts';
import { parseCommitPatch, type CommitPatch } from '../../core/commit/commit-patch.ts';
import { fixesQuery, orderedLinks, patchIdQuery, pickByPatchId, pickBySubject, subjectQuery, type Found } from '../../core/commit/discussion-search.ts';
import { appliedVersion, ledgerRowOf, postedPatches } from '../../core/commit/applied-version.ts';
import { compareTrailers } from '../../core/commit/trailer-compare.ts';
import type { Ledger } from '../../core/series/ledger.ts';
import { discussionOfLink } from '../../sites/msgid-link.ts';
import { messageUrl } from '../../sites/public-inbox-url.ts';
import { LORE_ALL, resolution } from '../../sites/resolution.ts';
import type { CommitRef, Resolution } from '../../sites/types.ts';
import type { CommitEvent, CommitView } from '../../protocol.ts';
import { getSettings } from '../../settings-storage.ts';
import { recorded } from '../../errors.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { readCommit, writeCommit, type CommitRecord } from '../cache/commits.ts';
import { findThreadKey, readMbox } from '../cache/threads.ts';
import { gitHostAllowed } from '../browser/git-hosts.ts';
import { loadResolved, type LoadSink } from '../load/load.ts';
import { loadSeries } from '../series/load.ts';
import { lastThread } from '../load/state.ts';
import { extraHosts, refreshTtlMs } from '../loader-settings.ts';
import { ledgersOf } from './ledger-seam.ts';
import { searchFixes, searchHits } from './archive-search.ts';

type Post = (e: CommitEvent) => void;

function initial(url: string, ref: CommitRef): CommitView {
  return { url, sha: ref.sha, repoUrl: ref.repoUrl, state: 'reading', message: null, subject: null, author: null, date: null, patchId: null, found: null, threadUrl: null, applied: null, pending: false, trailers: null, fixes: null, fixesError: null, at: Date.now(), cached: false };
}

function withCommit(v: CommitView, c: CommitPatch): CommitView {
  return { ...v, sha: c.sha ?? v.sha, subject: c.subject, author: c.author, date: c.date, patchId: c.patchId };
}

/** The commit's patch from its git web; a sentence when it cannot be had. */
async function fetchPatch(ref: CommitRef, signal: AbortSignal): Promise<{ ok: true; text: string; commit: CommitPatch } | { ok: false; message: string }> {
  const host = new URL(ref.patchUrl).host;
  try {
    const r = await politeFetch({ url: ref.patchUrl, accept: 'text/plain, text/x-patch' }, { signal });
    if (r.status === 404) return { ok: false, message: `${host} has no commit ${ref.sha} in ${ref.repoUrl} (404).` };
    if (r.status !== 200) return { ok: false, message: `${host} answered HTTP ${r.status} for the commit's patch.` };
    const commit = await parseCommitPatch(r.bytes);
    if (!commit) return { ok: false, message: `${host} did not answer with the commit as a patch (a login or bot-check page?).` };
    return { ok: true, text: new TextDecoder().decode(r.bytes), commit };
  } catch (e) {
    return { ok: false, message: `Could not reach ${host} (${e instanceof Error ? e.message : String(e)}).` };
  }
}

/** The signals in order; `null` found means the archive has no discussion of it. */
async function findDiscussion(c: CommitPatch, signal: AbortSignal): Promise<{ found: (Found & { inboxUrl: string }) | null; error: string | null }> {
  const instances = await extraHosts();
  for (const link of orderedLinks(c)) {
    const d = discussionOfLink(link, instances);
    if (d) return { found: { messageId: d.messageId, inboxUrl: d.inboxUrl, signal: 'link', uncertain: false, evidence: `Link: ${link}` }, error: null };
  }
  const mid = c.messageIds[0];
  if (mid) return { found: { messageId: mid, inboxUrl: LORE_ALL, signal: 'message-id', uncertain: false, evidence: `Message-ID: <${mid}>` }, error: null };
  let error: string | null = null;
  const byId = patchIdQuery(c);
  if (byId) {
    const r = await searchHits(LORE_ALL, byId, signal);
    if (r.ok) {
      const f = pickByPatchId(r.value, c);
      if (f) return { found: { ...f, inboxUrl: LORE_ALL }, error: null };
    } else error = r.message;
  }
  const bySubject = subjectQuery(c);
  if (bySubject && !signal.aborted) {
    const r = await searchHits(LORE_ALL, bySubject, signal);
    if (r.ok) {
      const f = pickBySubject(r.value, c);
      if (f) return { found: { ...f, inboxUrl: LORE_ALL }, error: null };
    } else error ??= r.message;
  }
  return { found: null, error };
}

/** Decoded bodies of these patches, from the cached threads holding them (the series loader stored every version). */
async function bodiesOf(inbox: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byKey = new Map<string, string[]>();
  for (const id of ids) {
    const key = await findThreadKey(inbox, id.replace(/#\d+$/, '')).catch(recorded('cache: find thread', null));
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  for (const [key, want] of byKey) {
    const bytes = lastThread(key)?.bytes ?? (await readMbox(key).catch(recorded('cache: read mbox', null)));
    if (!bytes) continue;
    const r = await analyseMbox(bytes, { keepBodies: true });
    for (const id of want) {
      const b = r.bodies?.get(id);
      if (b) out.set(id, b.text);
    }
  }
  return out;
}

/** The version applied and the trailers, from the ledger holding the commit's patch. */
async function compare(c: CommitPatch, ledgers: Ledger[], found: Found & { inboxUrl: string }): Promise<Pick<CommitView, 'applied' | 'trailers'>> {
  for (const ledger of ledgers) {
    const row = ledgerRowOf(ledger, c, found.messageId);
    if (row < 0) continue;
    const posted = postedPatches(ledger, row);
    const exact = c.patchId !== null && posted.some((p) => p.patchId === c.patchId);
    const bodies = exact ? new Map<string, string>() : await bodiesOf(found.inboxUrl, posted.map((p) => p.id));
    const applied = appliedVersion(c, posted, (id) => bodies.get(id) ?? null);
    const cell = applied ? ledger.rows[row]!.cells.find((x) => x?.id === applied.id) : null;
    const at = cell?.applied?.date ?? ledger.applied?.date ?? null;
    return { applied, trailers: cell ? compareTrailers(c, cell.trailers, at) : null };
  }
  return { applied: null, trailers: null };
}

/** The found message as the thread loader takes it: certain, or a search's match (the panel says uncertain). */
function messageResolution(found: Found & { inboxUrl: string }): Resolution {
  return resolution('public-inbox', 'message', {
    messageId: found.messageId,
    inboxUrl: found.inboxUrl,
    threadUrl: messageUrl(found.inboxUrl, found.messageId),
    confidence: found.uncertain ? 'search' : 'exact',
  });
}

export async function digCommit(res: Resolution, url: string, sink: LoadSink, post: Post, signal: AbortSignal): Promise<void> {
  const ref = res.commit;
  if (!ref) return;
  let view = initial(url, ref);
  const send = (v: CommitView): void => {
    view = v;
    if (!signal.aborted) post({ type: 'commit', view: v });
  };
  const settings = await getSettings();
  const cached = await readCommit(ref.sha).catch(recorded('cache: read commit', null));
  const ttl = await refreshTtlMs();
  const fresh = cached && Date.now() - cached.at < ttl;
  if (cached && (cached.view.state === 'found' || fresh)) {
    return resume(cached, url, sink, send, signal, ttl);
  }
  send(view);
  if (!(await gitHostAllowed(ref, settings.gitHosts))) {
    const host = new URL(ref.repoUrl).host;
    return send({ ...view, state: 'refused', message: `ListLens does not read ${host} until you switch it on: Options → Git web → ${host}. Nothing was fetched.` });
  }
  const got = cached ? { ok: true as const, text: cached.patch, commit: (await parseCommitPatch(new TextEncoder().encode(cached.patch)))! } : await fetchPatch(ref, signal);
  if (signal.aborted) return;
  if (!got.ok || !got.commit) return send({ ...view, state: 'failed', message: got.ok ? 'The cached patch could not be read.' : got.message });
  const c = got.commit;
  send({ ...withCommit(view, c), state: 'searching' });
  const { found, error } = await findDiscussion(c, signal);
  if (signal.aborted) return;
  const sha = c.sha ?? ref.sha;
  if (!found) {
    const message = error
      ? `The archive could not be searched: ${error}`
      : `No discussion of this commit was found on ${new URL(LORE_ALL).host}: it has no Link: or Message-ID: trailer, no posting has its patch-id, and none its subject and author.`;
    send({ ...view, state: error ? 'failed' : 'none', message, at: Date.now() });
    if (!error) await writeCommit({ sha, patch: got.text, view, inboxUrl: null, at: view.at, fixesAt: 0 }).catch(recorded('cache: write commit', undefined));
    return;
  }
  send({ ...view, state: 'found', found: stripInbox(found), threadUrl: messageUrl(found.inboxUrl, found.messageId), pending: true, at: Date.now() });
  await followThread(c, got.text, found, sink, send, () => view, signal, true);
}

function stripInbox(f: Found & { inboxUrl?: string }): Found {
  return { messageId: f.messageId, signal: f.signal, uncertain: f.uncertain, evidence: f.evidence };
}

/** A lookup answered before: shown at once; the thread from its cache; compared again when the series is in. */
async function resume(rec: CommitRecord, url: string, sink: LoadSink, send: (v: CommitView) => void, signal: AbortSignal, ttl: number): Promise<void> {
  send({ ...rec.view, url, cached: true });
  if (rec.view.state !== 'found' || !rec.view.found || !rec.view.threadUrl) return;
  const c = await parseCommitPatch(new TextEncoder().encode(rec.patch));
  if (!c) return;
  const found = { ...rec.view.found, inboxUrl: rec.inboxUrl ?? LORE_ALL };
  const current = (): CommitView => ({ ...rec.view, url, cached: true });
  await followThread(c, rec.patch, found, sink, send, current, signal, Date.now() - rec.fixesAt >= ttl, rec);
}

/**
 * Loads the found thread as any thread, watching its series through the seam; the later fixes
 * are searched beside it. Once the series is in, the version applied and the trailers are
 * compared and the answer is kept.
 */
async function followThread(
  c: CommitPatch,
  patch: string,
  found: Found & { inboxUrl: string },
  sink: LoadSink,
  send: (v: CommitView) => void,
  current: () => CommitView,
  signal: AbortSignal,
  searchFixesNow: boolean,
  prior: CommitRecord | null = null,
): Promise<void> {
  let ledgers: Ledger[] = [];
  const watched: LoadSink = {
    ...sink,
    series: (e) => {
      sink.series(e);
      // each event holds every version found so far: the last is the fullest
      const got = ledgersOf(e);
      if (got.length) ledgers = got;
    },
  };
  const sha = c.sha ?? current().sha;
  const q = fixesQuery(sha);
  const fixes = searchFixesNow && q ? searchFixes(found.inboxUrl, q, { sha, subject: c.subject }, signal) : null;
  const loaded = await loadResolved(messageResolution(found), messageUrl(found.inboxUrl, found.messageId), watched, signal);
  if (loaded) await loadSeries(loaded, watched, signal);
  if (signal.aborted) return;
  const compared = await compare(c, ledgers, found);
  const f = fixes ? await fixes : null;
  if (signal.aborted) return;
  const now = Date.now();
  const next: CommitView = {
    ...current(),
    ...compared,
    pending: false,
    fixes: f ? (f.ok ? f.value : current().fixes) : current().fixes,
    fixesError: f && !f.ok ? f.message : f ? null : current().fixesError,
  };
  send(next);
  const rec: CommitRecord = { sha, patch, view: { ...next, cached: false }, inboxUrl: found.inboxUrl, at: prior?.at ?? now, fixesAt: f?.ok ? now : (prior?.fixesAt ?? 0) };
  await writeCommit(rec).catch(recorded('cache: write commit', undefined));
}

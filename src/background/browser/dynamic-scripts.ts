/**
 * Dynamic content scripts (`scripting.registerContentScripts`, MV3 in Chrome and Firefox) kept
 * in step with what is wanted: one registration per id, matching one pattern. Each caller owns
 * the ids under its own prefix (added instances: permissions.ts, git webs: git-hosts.ts), so
 * one sync never touches another's scripts, nor scripts it did not register. Registrations
 * persist across sessions: a stale one is unregistered, a changed one registered anew.
 *
 * Non-goals: which hosts are wanted, or whether they are granted (the callers judge that).
 */
import browser from 'webextension-polyfill';

export interface ScriptSet {
  /** Every id this set registers starts with it; ids without it are left alone. */
  prefix: string;
  /** The bundled script each registration runs (`content.js`, `commit.js`). */
  js: string;
  /** What a failure is logged as (registration errors are not the reader's to act on). */
  failure: string;
}

/** Registers `wanted` (id → match pattern) and unregisters the set's other ids. Idempotent. */
export async function syncScripts(set: ScriptSet, wanted: ReadonlyMap<string, string>): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  try {
    const existing = (await scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(set.prefix));
    const stale = existing.filter((s) => wanted.get(s.id) !== s.matches?.[0]).map((s) => s.id);
    if (stale.length) await scripting.unregisterContentScripts({ ids: stale });
    const have = new Set(existing.map((s) => s.id).filter((id) => !stale.includes(id)));
    const add = [...wanted].filter(([id]) => !have.has(id));
    if (add.length) {
      await scripting.registerContentScripts(add.map(([id, pattern]) => ({ id, matches: [pattern], js: [set.js], runAt: 'document_idle' as const, persistAcrossSessions: true })));
    }
  } catch (e) {
    console.warn(`ListLens: ${set.failure}:`, e instanceof Error ? e.message : String(e));
  }
}

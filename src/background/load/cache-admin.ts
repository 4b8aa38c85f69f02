/**
 * The options page's view of the cache: its usage against the limit, and clearing it
 * (with what the loader and the archive source hold in memory).
 *
 * Non-goals: eviction (cache/threads.ts does it on write).
 */
import { clearAll, usage } from '../cache/threads.ts';
import { clearCommits } from '../cache/commits.ts';
import { clearPatchwork } from '../cache/patchwork.ts';
import { forgetArchiveFile } from '../sources/archive-mbox.ts';
import { cacheLimitBytes } from '../loader-settings.ts';
import { rememberThread } from './state.ts';

export async function clearCache(): Promise<void> {
  rememberThread(null);
  forgetArchiveFile();
  await Promise.all([clearAll(), clearCommits(), clearPatchwork()]);
}

export async function cacheUsage(): Promise<{ bytes: number; threads: number; limit: number }> {
  const [u, limit] = await Promise.all([usage(), cacheLimitBytes()]);
  return { ...u, limit };
}

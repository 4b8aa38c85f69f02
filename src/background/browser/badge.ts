/**
 * The toolbar badge: how many messages of the thread a tab shows are new since the reader's
 * last visit, per tab (`action.setBadgeText({tabId})`), so the count follows the tab and
 * never leaks into another. With nothing new, a tab's own text is cleared (null) and the
 * global one shows: the series waiting on the reader (maintainers/waiting.ts), when they
 * asked for that count, else nothing.
 *
 * Non-goals: counting (the caller knows the thread and the visits).
 */
import browser from 'webextension-polyfill';
import { badgeText } from './badge-text.ts';

/** Sets the count on each tab; a tab that closed meanwhile is skipped. */
export async function setBadges(tabIds: Iterable<number>, count: number): Promise<void> {
  const text = badgeText(count);
  for (const tabId of new Set(tabIds)) {
    await browser.action.setBadgeText({ tabId, text: text || null }).catch(() => undefined);
    if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' }).catch(() => undefined);
  }
}

/** The count every tab shows while it has no count of its own (series waiting on the reader). */
export async function setGlobalBadge(count: number): Promise<void> {
  const text = badgeText(count);
  await browser.action.setBadgeText({ text }).catch(() => undefined);
  if (text) await browser.action.setBadgeBackgroundColor({ color: '#9a6700' }).catch(() => undefined);
}

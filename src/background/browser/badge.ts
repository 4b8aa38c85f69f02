/**
 * The toolbar badge: how many messages of the thread a tab shows are new since the reader's
 * last visit, per tab (`action.setBadgeText({tabId})`), so the count follows the tab and
 * never leaks into another. Empty when nothing is new or the marks are off.
 *
 * Non-goals: counting (the caller knows the thread and the visits).
 */
import browser from 'webextension-polyfill';
import { badgeText } from './badge-text.ts';

/** Sets the count on each tab; a tab that closed meanwhile is skipped. */
export async function setBadges(tabIds: Iterable<number>, count: number): Promise<void> {
  const text = badgeText(count);
  for (const tabId of new Set(tabIds)) {
    await browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
    if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' }).catch(() => undefined);
  }
}

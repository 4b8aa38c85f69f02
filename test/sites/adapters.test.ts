/**
 * Every adapter against its own example URLs and everyone else's (github-url-detection
 * style): an adapter matches its `examples.match` with the expected fields, and rejects
 * its own `noMatch` and every other adapter's match URLs. The git webs' commit pages
 * (src/sites/git-web.ts) are in the same walk, against the archives and each other.
 */
import { describe, expect, it } from 'vitest';
import { adapters as archives, resolvePage } from '../../src/sites/index.ts';
import { commitPageOf, gitWebAdapters } from '../../src/sites/git-web.ts';
import type { SiteExamples } from '../../src/sites/types.ts';
import * as publicInbox from '../../src/sites/public-inbox.ts';
import * as marc from '../../src/sites/marc.ts';
import * as spinics from '../../src/sites/spinics.ts';
import * as lkmlOrg from '../../src/sites/lkml-org.ts';
import * as hypermail from '../../src/sites/hypermail.ts';
import * as openwall from '../../src/sites/openwall.ts';
import * as lwn from '../../src/sites/lwn.ts';
import * as patchwork from '../../src/sites/patchwork.ts';
import * as mailArchive from '../../src/sites/mail-archive.ts';
import * as pipermail from '../../src/sites/pipermail.ts';
import * as hyperkitty from '../../src/sites/hyperkitty.ts';
import * as cgit from '../../src/sites/cgit.ts';
import * as github from '../../src/sites/github.ts';
import * as gitlab from '../../src/sites/gitlab.ts';

const adapters = [...archives, ...gitWebAdapters];

const examplesById: Record<string, SiteExamples> = {
  'public-inbox': publicInbox.examples,
  marc: marc.examples,
  spinics: spinics.examples,
  'lkml-org': lkmlOrg.examples,
  hypermail: hypermail.examples,
  openwall: openwall.examples,
  lwn: lwn.examples,
  patchwork: patchwork.examples,
  'mail-archive': mailArchive.examples,
  pipermail: pipermail.examples,
  hyperkitty: hyperkitty.examples,
  cgit: cgit.examples,
  github: github.examples,
  gitlab: gitlab.examples,
};

describe('adapters and their examples', () => {
  it('every adapter has examples, a unique id, hosts as match patterns', () => {
    expect(Object.keys(examplesById).sort()).toEqual(adapters.map((a) => a.id).sort());
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
    for (const a of adapters) {
      expect(a.hosts.length).toBeGreaterThan(0);
      for (const h of a.hosts) expect(h).toMatch(/^https:\/\/[a-z0-9.-]+\/.*\*$/);
      expect(examplesById[a.id]!.match.length).toBeGreaterThanOrEqual(3);
      expect(examplesById[a.id]!.noMatch.length).toBeGreaterThanOrEqual(1);
    }
  });

  for (const adapter of adapters) {
    const ex = examplesById[adapter.id]!;
    describe(adapter.id, () => {
      it.each(ex.match)('matches %s', (url, expected) => {
        const r = adapter.fromUrl(new URL(url));
        expect(r).not.toBeNull();
        expect(r).toMatchObject({ archive: adapter.id, ...expected });
        // the shared entry point agrees: no earlier adapter steals the URL (git webs have
        // their own, and no archive may claim their pages)
        expect((resolvePage(new URL(url)) ?? commitPageOf(new URL(url)))?.archive).toBe(adapter.id);
      });

      it.each(ex.noMatch)('rejects its own non-example %s', (url) => {
        expect(adapter.fromUrl(new URL(url))).toBeNull();
      });

      const others = adapters.filter((a) => a !== adapter).flatMap((a) => examplesById[a.id]!.match.map(([u]) => u));
      it.each(others)("rejects another archive's %s", (url) => {
        expect(adapter.fromUrl(new URL(url))).toBeNull();
      });
    });
  }

  it('a Resolution is consistent: exact ⇔ messageId, threadUrl only with both inbox and id', () => {
    for (const a of adapters) {
      for (const [url] of examplesById[a.id]!.match) {
        const r = a.fromUrl(new URL(url))!;
        if (r.confidence === 'exact') expect(r.messageId, url).toBeTruthy();
        if (r.threadUrl) expect(r.threadUrl.startsWith(r.inboxUrl!), url).toBe(true);
        if (r.messageId && r.inboxUrl && r.kind !== 'not-found') expect(r.threadUrl, url).toBeTruthy();
        if (r.inboxUrl) expect(r.inboxUrl, url).toMatch(/\/$/);
        if (r.confidence === 'search') expect(r.messageId, url).toBeNull();
        // a search needs somewhere to search; an id without a thread says why
        if (r.confidence === 'search') expect(r.inboxUrl ?? r.mboxUrl, url).toBeTruthy();
        if (r.messageId && !r.threadUrl && !r.mboxUrl && r.kind !== 'not-found') expect(r.note, url).toBeTruthy();
      }
    }
  });
});

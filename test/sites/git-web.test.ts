/**
 * The git webs beyond their URL examples: from a tree named in an "applied" reply to the
 * commit's page, a commit's Link: to its discussion, and the permissions a host needs.
 */
import { describe, expect, it } from 'vitest';
import { commitUrlOf, gitHostPatterns, DEFAULT_GIT_HOSTS, commitPageOf } from '../../src/sites/git-web.ts';
import { discussionOfLink } from '../../src/sites/msgid-link.ts';
import { resolvePage } from '../../src/sites/index.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('commitUrlOf: a tree and a sha to the commit page', () => {
  it.each([
    ['https://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git', `https://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git/commit/?id=${SHA}`],
    ['git://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git', `https://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git/commit/?id=${SHA}`],
    ['https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next.git/', `https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next.git/commit/?id=${SHA}`],
    ['https://github.com/torvalds/linux.git', `https://github.com/torvalds/linux/commit/${SHA}`],
    ['https://gitlab.com/group/project', `https://gitlab.com/group/project/-/commit/${SHA}`],
  ])('%s', (tree, want) => {
    expect(commitUrlOf(tree, SHA)).toBe(want);
    // and the page found is read back as that very commit
    expect(commitPageOf(new URL(want))?.commit?.sha).toBe(SHA);
  });

  it('an unknown host is cgit only when the reader switched it on', () => {
    expect(commitUrlOf('https://git.example.org/linux.git', SHA)).toBeNull();
    expect(commitUrlOf('https://git.example.org/linux.git', SHA, ['git.example.org'])).toBe(`https://git.example.org/linux.git/commit/?id=${SHA}`);
    expect(commitUrlOf('not a url', SHA)).toBeNull();
    expect(commitUrlOf('https://git.kernel.org/pub/scm/x.git', 'not-a-sha')).toBeNull();
  });
});

describe('discussionOfLink', () => {
  it.each([
    ['https://lore.kernel.org/r/20240101.1234-1-ada@example.org', '20240101.1234-1-ada@example.org', 'https://lore.kernel.org/all/'],
    ['https://lore.kernel.org/linux-mm/20240101.1234-1-ada@example.org/', '20240101.1234-1-ada@example.org', 'https://lore.kernel.org/all/'],
    ['https://patch.msgid.link/20240101.1234-1-ada@example.org', '20240101.1234-1-ada@example.org', 'https://lore.kernel.org/all/'],
    ['https://msgid.link/20240101.1234-1-ada@example.org.', '20240101.1234-1-ada@example.org', 'https://lore.kernel.org/all/'],
    ['https://lkml.kernel.org/r/CAHk-%3Dwh@mail.gmail.com', 'CAHk-=wh@mail.gmail.com', 'https://lore.kernel.org/all/'],
    ['https://inbox.example.org/dev/abc@x.org/', 'abc@x.org', 'https://inbox.example.org/'],
  ])('%s', (link, messageId, inboxUrl) => {
    expect(discussionOfLink(link, ['https://inbox.example.org/'])).toEqual({ messageId, inboxUrl });
  });

  it.each(['https://bugzilla.kernel.org/show_bug.cgi?id=1', 'https://patchwork.kernel.org/project/x/patch/a@b/', 'https://lore.kernel.org/linux-mm/', 'mailto:a@b.c', 'nonsense'])('no discussion in %s', (link) => {
    expect(discussionOfLink(link)).toBeNull();
  });
});

describe('git hosts', () => {
  it('GitHub needs its patch host too; others their own', () => {
    expect(gitHostPatterns('https://github.com/')).toEqual(['https://github.com/*', 'https://patch-diff.githubusercontent.com/*']);
    expect(gitHostPatterns('https://git.kernel.org/')).toEqual(['https://git.kernel.org/*']);
    expect(DEFAULT_GIT_HOSTS.map((h) => h.origin)).toContain('https://git.kernel.org/');
  });

  it('an archive page is never taken for a commit page, nor a commit page for an archive page', () => {
    expect(commitPageOf(new URL('https://lore.kernel.org/linux-mm/a@b/'))).toBeNull();
    expect(resolvePage(new URL(`https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${SHA}`))).toBeNull();
  });
});

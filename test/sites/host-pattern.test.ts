/**
 * The one form of a host permission's match pattern (sites/host-pattern.ts), which the options
 * page asks for and the worker checks: for instances, git webs (GitHub's second host too),
 * MAINTAINERS sources and patchwork instances alike.
 */
import { describe, expect, it } from 'vitest';
import { hostPattern, originPattern } from '../../src/sites/host-pattern.ts';
import { commitPageOf, gitHostPatterns } from '../../src/sites/git-web.ts';

describe('host patterns', () => {
  it('ask for a whole host: the scheme and the host name, no path, no port', () => {
    expect(originPattern('https://yhbt.net/lore/all/')).toBe('https://yhbt.net/*');
    expect(originPattern('http://127.0.0.1:8080/x/')).toBe('http://127.0.0.1/*');
    expect(hostPattern('https://Git.Example.ORG/pub/scm/x.git/plain/MAINTAINERS')).toBe('https://git.example.org/*');
    expect(hostPattern(new URL('https://gitlab.com/a/b/-/commit/1234567'))).toBe('https://gitlab.com/*');
  });

  it('there is none for what is no http(s) URL: a local file, another scheme, not a URL', () => {
    for (const x of ['file:MAINTAINERS', 'file:///etc/passwd', 'ftp://ftp.example.org/x', 'javascript:alert(1)', 'not a url', '']) {
      expect(hostPattern(x), x).toBeNull();
      expect(() => originPattern(x), x).toThrow(TypeError);
    }
  });

  it("a git web's patterns and its commits' origins are the same form", () => {
    expect(gitHostPatterns('https://git.kernel.org/')).toEqual(['https://git.kernel.org/*']);
    expect(gitHostPatterns('https://github.com/')).toContain('https://github.com/*');
    const cgit = commitPageOf(new URL('https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=1da177e4c3f41524e886b7f1b8a0c1fc7321cac2'));
    expect(cgit?.commit?.origins).toEqual(['https://git.kernel.org/*']);
    expect(commitPageOf(new URL('https://gitlab.com/group/proj/-/commit/1da177e4c3f41524e886b7f1b8a0c1fc7321cac2'))?.commit?.origins).toEqual(['https://gitlab.com/*']);
  });
});

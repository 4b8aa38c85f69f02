/**
 * Addresses that web archives mask or obfuscate, so they never become participants and
 * never merge two people (every spinics author is `@xxxxxxxxx`).
 *
 * Seen on the archives the sites adapters read:
 * - spinics, hypermail: the domain replaced by x's (`joe@xxxxxxxxxxx`);
 * - openwall, lore-era kernel mirrors: an ellipsis (`akpm@...ux-foundation.org`, `segoon@...nwall.com`);
 * - lkml.org: the address dropped (`Joe Perches <>`);
 * - Cloudflare: `[email protected]`;
 * - gmane imports: `name-HASH@public.gmane.org` (a real domain, not the sender's);
 * - pipermail's `bogus@does.not.exist.com`, written where a sender's address was unreadable;
 * - reversible spellings: marc `dan () intel ! com`, LWN `ccross-AT-android.com`,
 *   pipermail `ccross at android.com`. `unmaskAddress` turns these back into addresses.
 *
 * Non-goals: validating addresses; guessing a masked domain from a name.
 */

const GMANE_DOMAIN = /@public\.gmane\.org$/i;
/** `local-HASH@public.gmane.org`: the hash is unpadded base64 (11, 22 or 32 characters seen), never with a `-`. */
const GMANE_MANGLED = /^(.+)-[A-Za-z0-9+/]{8,}@public\.gmane\.org$/i;

/**
 * What gmane left of an address or Message-ID it mangled: `local-HASH@public.gmane.org` gives
 * `local`, the part before the original `@domain`; null for anything else. gmane rewrote ids
 * in References and In-Reply-To the same way it rewrote addresses, since they look alike.
 */
export function gmaneLocalPart(s: string): string | null {
  if (!GMANE_DOMAIN.test(s)) return null;
  return GMANE_MANGLED.exec(s)?.[1] ?? null;
}

/** Answers remembered: the series and the participants ask about the same few addresses again and again. */
const masked = new Map<string, boolean>();

/** True when `addr` is not a usable address: masked, obfuscated, empty or without `@`. */
export function isMaskedAddress(addr: string): boolean {
  let m = masked.get(addr);
  if (m === undefined) {
    if (masked.size >= 8192) masked.clear();
    m = readMasked(addr);
    masked.set(addr, m);
  }
  return m;
}

function readMasked(addr: string): boolean {
  const a = addr.trim().replace(/^<|>$/g, '');
  if (!a || !/^[^\s@]+@[^\s@]+$/.test(a)) return true;
  const [, domain = ''] = a.split('@');
  if (/^x{3,}$/i.test(domain) || /\.\.\./.test(a) || /…/.test(a)) return true;
  if (GMANE_DOMAIN.test(a)) return true;
  // pipermail's stand-in for a sender it could not read: every such mail would be one person.
  if (/^bogus@does\.not\.exist\.com$/i.test(a)) return true;
  return false;
}

/**
 * The address behind a reversible obfuscation (marc's `a () b ! c`, LWN's `-AT-`,
 * pipermail's ` at `), or null when the input is masked beyond repair.
 */
export function unmaskAddress(addr: string): string | null {
  let a = addr.trim().replace(/^<|>$/g, '');
  if (/ \(\) /.test(a)) a = a.replace(/ \(\) /, '@').replace(/ ! /g, '.');
  else if (/-AT-/.test(a)) a = a.replace(/-AT-/, '@');
  else if (/^[^\s@]+ at [^\s@]+$/.test(a)) a = a.replace(' at ', '@');
  return isMaskedAddress(a) ? null : a;
}

/**
 * The sender's own address, lower-cased, or null when the From address is not theirs: masked
 * or mangled by an archive (gmane), or a list's after a DMARC rewrite (`'Name' via List`).
 * Where it is null, only the name says who wrote.
 */
export function senderAddress(head: { from: { address: string }; via?: string | undefined }): string | null {
  if (head.via) return null;
  const a = head.from.address.trim();
  return isMaskedAddress(a) ? null : a.toLowerCase();
}

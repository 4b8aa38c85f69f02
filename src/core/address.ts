/**
 * The first person of an address header (From), as {name, address}.
 *
 * postal-mime's addressParser does the RFC 5322 work (quoted names, comments, groups) and
 * decodes RFC 2047 words in names. Addresses are kept exactly as the archive has them:
 * gmane rewrote addresses to `user-XXXX@public.gmane.org`, and those are the only address
 * such mail has, so "fixing" them would only lose identity. The one rewrite undone is
 * pipermail's `user at example.com (Name)` obfuscation, which addressParser cannot read.
 *
 * Non-goals: all recipients (To/Cc are not part of the model), address validation.
 */
import { addressParser, decodeWords, type Address } from 'postal-mime';
import type { Person } from './types.ts';

const NOBODY: Person = { name: '', address: '' };

function tidyName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

export function parseAddress(header: string): Person {
  const text = header.trim();
  if (!text) return { ...NOBODY };
  // pipermail: "user at example.com (Name)"
  const obfuscated = /^(\S+) at (\S+\.[A-Za-z]{2,})\s*(?:\((.*)\))?$/.exec(text);
  if (obfuscated && !text.includes('<')) {
    return { name: tidyName(decodeWords(obfuscated[3] ?? '')), address: `${obfuscated[1]}@${obfuscated[2]}` };
  }
  let list: Address[];
  try {
    list = addressParser(text, { flatten: true });
  } catch {
    list = [];
  }
  const first = list.find((a) => 'address' in a && a.address) ?? list[0];
  if (!first || !('address' in first)) return { name: tidyName(decodeWords(text)), address: '' };
  const address = (first.address ?? '').trim();
  let name = tidyName(first.name ?? '');
  // a name equal to the address (or in quotes around it) says nothing more
  if (name.replace(/^['"]|['"]$/g, '').toLowerCase() === address.toLowerCase()) name = '';
  // `Name <addr> (comment)`: the comment is part of how the sender names himself (git
  // mailinfo keeps it too, RFC 2047 section 8's Borenstein example)
  const comment = name ? /^[^<]*<[^>]*>\s*\((.+)\)\s*$/.exec(text) : null;
  if (comment) name = `${name} (${tidyName(decodeWords(comment[1]!))})`;
  return { name, address };
}

/**
 * Look-alike text: the UTS #39 confusable skeleton for the characters attackers use against
 * Latin names and addresses, mixed-script words, and invisible or bidi controls made visible.
 *
 * `skeleton(s)`: two strings a reader cannot tell apart get the same skeleton. As UTS #39
 * builds it: compatibility forms folded (NFKC: fullwidth `ｇｒｅｇ`, mathematical `𝐠𝐫𝐞𝐠`),
 * default-ignorable characters dropped (zero-width, bidi controls, variation selectors),
 * every character replaced by its prototype, then (for mail, where case never tells people
 * apart) lower case. The table is not Unicode's whole confusables.txt (6,000+ lines, most of
 * them scripts that cannot pass for Latin); it holds the Cyrillic, Greek, Armenian, Cherokee
 * and Latin-extension letters that render as ASCII letters, the dashes, dots and slashes
 * that render as `-` `.` `/`, and the ASCII pairs UTS #39 lists (`0`/`O`, `1`/`l`/`I`, `rn`/`m`).
 *
 * `mixedScript(s)`: a word (a run of letters) that mixes Latin, Cyrillic, Greek, Armenian,
 * Cherokee or Georgian letters. No real name or host is spelled so (`linux-foundаtion.org`
 * with a Cyrillic `а` is); Latin with Han, kana or Hangul in one string is normal and not
 * flagged, since words are judged one by one.
 *
 * `revealInvisible(s)`: bidi controls and invisible characters as `⟨U+202E⟩`, so a name,
 * subject or file name shows what it holds instead of reordering or hiding text.
 *
 * Non-goals: whole-script confusables between non-Latin scripts, IDN registry policy,
 * deciding who is the impostor (lookalikes.ts does that).
 */

/** Prototypes: each key renders like its value. */
const PROTOTYPE: Record<string, string> = {
  // Cyrillic
  а: 'a', е: 'e', ё: 'ë', г: 'r', һ: 'h', і: 'i', ї: 'ï', ј: 'j', к: 'k', ӏ: 'l', о: 'o', р: 'p', с: 'c', у: 'y', ү: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', Ё: 'Ë', Һ: 'H', І: 'l', Ї: 'Ï', Ј: 'J', К: 'K', Ӏ: 'l', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Ү: 'Y', Х: 'X', Ѕ: 'S', Ԁ: 'd', Ԛ: 'Q', Ԝ: 'W', Ь: 'b', З: '3', Ч: '4', б: '6',
  // Greek
  α: 'a', β: 'ß', γ: 'y', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'l', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', Ϲ: 'C', Ϳ: 'J',
  // Armenian
  ա: 'w', գ: 'q', զ: 'q', հ: 'h', ո: 'n', ս: 'u', ց: 'g', օ: 'o', Օ: 'O', Ս: 'U', Լ: 'L',
  // Cherokee capitals
  Ꭺ: 'A', Ᏼ: 'B', Ꮯ: 'C', Ꭼ: 'E', Ꮋ: 'H', Ꭻ: 'J', Ꮶ: 'K', Ꮮ: 'L', Ꮇ: 'M', Ꮲ: 'P', Ꮪ: 'S', Ꭲ: 'T', Ꮃ: 'W', Ꮓ: 'Z', Ꮩ: 'V',
  // Latin letters outside ASCII that render as ASCII ones (not ł, ø, đ: Michał and Søren are
  // real spellings, and the same person's two spellings must not read as an impostor)
  ı: 'i', ȷ: 'j', ɩ: 'i', ɪ: 'i', ʟ: 'l', ɑ: 'a', ɒ: 'a', ɢ: 'g', ʜ: 'h', ʀ: 'r', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o', ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ʏ: 'y', ꜱ: 's', ƅ: 'b', ɵ: 'o',
  // punctuation of addresses and hosts
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\u02d7': '-', '\u2043': '-', '\u30fc': '-',
  '\u2024': '.', '\u0701': '.', '\u0702': '.', '\ua4f8': '.', '\u3002': '.', '\u00b7': '.', '\u2027': '.',
  '\u2044': '/', '\u2215': '/', '\u29f8': '/', '\u30ce': '/',
  // ASCII pairs (UTS #39 folds these too): what is left of a ‘1’ or an ‘I’ is an ‘l’
  '0': 'O', '1': 'l', I: 'l', '|': 'l',
};

/** Multi-character look-alikes, after lower-casing: `rn` reads as `m`, `vv` as `w`. */
const PAIRS: Array<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];

/** Default-ignorable code points (UTS #39 drops them): invisible, and so free to insert. */
// eslint-disable-next-line no-misleading-character-class
const IGNORABLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]|\u{1bca0}|\u{1bca1}|\u{1bca2}|\u{1bca3}|[\u{e0000}-\u{e0fff}]/gu;

// eslint-disable-next-line no-misleading-character-class
const IGNORABLE_ONE = new RegExp(IGNORABLE.source, 'u');

/** The confusable skeleton of `s`, lower-cased (see the module comment). */
export function skeleton(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC').replace(IGNORABLE, '')) out += PROTOTYPE[ch] ?? ch;
  out = out.toLowerCase();
  for (const [re, to] of PAIRS) out = out.replace(re, to);
  return out;
}

/** True when `s` holds a character that passes for another (non-ASCII) or an invisible one. */
export function hasDisguise(s: string): boolean {
  if (IGNORABLE_ONE.test(s)) return true;
  for (const ch of s) if (ch.charCodeAt(0) > 0x7f && (PROTOTYPE[ch] !== undefined || ch.normalize('NFKC') !== ch)) return true;
  return false;
}

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Georgian', /\p{Script=Georgian}/u],
];

/** Does a word of `s` mix the scripts that can pass for one another (see the module comment)? */
export function mixedScript(s: string): boolean {
  for (const word of s.replace(IGNORABLE, '').split(/[^\p{L}\p{M}]+/u)) {
    if (word.length < 2) continue;
    let seen: string | null = null;
    for (const ch of word) {
      if (ch.charCodeAt(0) < 0x80) {
        if (seen && seen !== 'Latin') return true;
        seen = 'Latin';
        continue;
      }
      const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0];
      if (!script) continue;
      if (seen && seen !== script) return true;
      seen = script;
    }
  }
  return false;
}

/**
 * Characters that reorder or hide text: bidi embeddings, overrides, isolates and marks,
 * zero-width characters, word joiner and invisible operators, BOM, soft hyphen, and the
 * Hangul and Mongolian fillers. Variation selectors are left alone: they change a glyph's
 * look (emoji), not what text says.
 */
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/g;

const INVISIBLE_ONE = new RegExp(INVISIBLE.source);

/** `s` with each invisible or bidi control written as `⟨U+202E⟩`. */
export function revealInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** True when `s` holds a character `revealInvisible` would reveal. */
export function hasInvisible(s: string): boolean {
  return INVISIBLE_ONE.test(s);
}

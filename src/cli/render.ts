/**
 * The CLI's text overview: the tree, every series of the thread as its ledger (render-ledger.ts,
 * the same ledger the extension shows), the participants, errors, and (with --focus) the
 * context of one message with quotes folded.
 *
 * Every string from mail goes through `safe()`: mail is hostile text, and an escape
 * sequence in a subject must not reach the terminal as a command. Names, addresses,
 * subjects and ids go through `shown()` first, which writes bidi and invisible controls as
 * `⟨U+202E⟩` so they cannot reorder or hide what is read (issue 9). A participant whose
 * address was masked by the archive is marked so, and a look-alike (of another participant,
 * or a trailer naming one) is printed with a warning.
 *
 * Non-goals: colour, paging, width detection (pipe it to `less -S`).
 */
import { revealInvisible } from '../core/mail/confusables.ts';
import type { Analysis, ContextEntry, Participant, Person, QuoteBlock, ThreadMessage } from '../core/types.ts';
import type { Ledger } from '../core/series/ledger.ts';
import { renderLedger } from './render-ledger.ts';

/** Deepest indentation drawn; deeper replies show their depth as a number instead. */
const MAX_INDENT = 30;

/**
 * A patch's subject without its `Re:` and `[PATCH …]` prefix (the version and counter are
 * in the columns already). Each part of the prefix is read one way only: with white space on
 * both sides of `re:` under one repetition, "Re:  Re:  …" was read 3^n ways before the
 * replace gave up (issue 16's regex audit: 20 of them, seconds).
 */
export function patchTitle(subject: string): string {
  return subject.replace(/^(?:\s*(?:re|fwd?):)*\s*(?:\[[^\]]*\]\s*(?::\s*)?)+/i, '') || subject;
}

export function safe(s: string): string {
  // C0/C1 controls (ESC, CSI, BEL…) and bidi overrides are dropped; tabs stay (diffs)
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** A name, address, subject or id from mail: controls dropped, invisible ones made visible. */
export function shown(s: string): string {
  return safe(revealInvisible(s));
}

function person(p: Person | null): string {
  if (!p || (!p.name && !p.address)) return '(unknown)';
  if (!p.name) return shown(p.address);
  return p.address ? `${shown(p.name)} <${shown(p.address)}>` : shown(p.name);
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '????-??-?? ??:??';
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function renderTree(messages: ThreadMessage[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    const indent = '  '.repeat(Math.min(m.depth, MAX_INDENT)) + (m.depth > MAX_INDENT ? `[${m.depth}] ` : '');
    if (m.ghost) {
      out.push(`${indent}○ (not in the archive) <${shown(clip(m.id, 80))}>`);
      continue;
    }
    const who = m.from ? shown(m.from.name || m.from.address) : '(unknown)';
    const related = m.related ? `  [tied by subject to <${shown(clip(m.related, 60))}>]` : '';
    out.push(`${indent}● ${day(m.date)}  ${clip(who, 28)}: ${clip(shown(m.subject) || '(no subject)', 100)}${related}`);
  }
  return out;
}

/** Warnings a participant earns: a masked address, a look-alike, mixed scripts. */
function marks(p: Participant): string {
  const out: string[] = [];
  if (p.masked) out.push(`  address masked by the archive${p.maskedAddress ? ` (${shown(p.maskedAddress)})` : ''}`);
  if (p.lookalikeOf) out.push(`  WARNING: looks like ${shown(p.lookalikeOf)}, a different sender`);
  if (p.mixedScript) out.push('  WARNING: mixes scripts (e.g. Latin and Cyrillic) in one word');
  return out.join('');
}

export function renderParticipants(a: Analysis): string[] {
  return a.participants.map((p) => {
    const span = p.first && p.last ? `${p.first.slice(0, 10)}..${p.last.slice(0, 10)}` : 'undated';
    const roles = p.roles.length ? `  ${p.roles.join(', ')}` : '';
    const given = Object.entries(p.trailers)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const aliases = p.aliases.length ? `  aka ${p.aliases.map(shown).join(', ')}` : '';
    return `${person({ name: p.name, address: p.address })}  ${p.messages} msg${p.messages === 1 ? '' : 's'}  ${span}${roles}${given ? `  gave ${given}` : ''}${aliases}${marks(p)}`;
  });
}

/** The overview; `ledgers`: the thread's series (ledgers.ts), none when it holds none. */
export function renderOverview(a: Analysis, ledgers: readonly Ledger[]): string {
  const real = a.messages.filter((m) => !m.ghost);
  const ghosts = a.messages.length - real.length;
  const root = a.messages.find((m) => !m.ghost && m.depth === 0) ?? real[0];
  const lines: string[] = [];
  lines.push(`${root ? shown(root.subject) || '(no subject)' : '(no messages)'}`);
  lines.push(`${real.length} message${real.length === 1 ? '' : 's'}, ${ghosts} missing from the archive, ${a.roots.length} thread${a.roots.length === 1 ? '' : 's'}, ${a.participants.length} participant${a.participants.length === 1 ? '' : 's'}`);
  lines.push('', 'Thread', ...renderTree(a.messages).map((l) => `  ${l}`));
  if (ledgers.length) lines.push('', 'Series');
  ledgers.forEach((l, i) => lines.push(...(i ? [''] : []), ...renderLedger(l, i === ledgers.length - 1).trimEnd().split('\n').map((x) => (x ? `  ${x}` : x))));
  if (a.participants.length) lines.push('', 'Participants', ...renderParticipants(a).map((l) => `  ${l}`));
  if (a.errors.length) lines.push('', 'Could not read', ...a.errors.map((e) => `  ${safe(e.where)}: ${safe(e.reason)}`));
  return lines.join('\n') + '\n';
}

function renderBlock(b: QuoteBlock): string[] {
  switch (b.kind) {
    case 'text':
      return b.lines.map(safe);
    case 'quote': {
      const who = b.author ? ` from ${safe(b.author)}` : '';
      const link = b.quotedId ? ` <${safe(b.quotedId)}>` : '';
      const head = b.attribution ? [safe(b.attribution)] : [];
      return [...head, `${'>'.repeat(Math.max(1, b.depth))} [${b.lines.length} quoted line${b.lines.length === 1 ? '' : 's'}${who}${link}]`];
    }
    case 'signature':
      return [`-- [signature, ${b.lines.length} line${b.lines.length === 1 ? '' : 's'}]`];
    case 'diff':
      return [`[diff, ${b.lines.length} lines]`];
    case 'footer':
      return [`[list footer, ${b.lines.length} lines]`];
  }
}

export function renderContext(entries: ContextEntry[]): string {
  const out: string[] = [];
  for (const e of entries) {
    out.push('', '='.repeat(72));
    if (e.ghost) {
      out.push(`<${safe(e.id)}>: not in the archive`);
      continue;
    }
    out.push(`${day(e.date)}  ${person(e.from)}`, shown(e.subject), `<${shown(e.id)}>`, '');
    for (const b of e.blocks) out.push(...renderBlock(b));
  }
  return out.join('\n') + '\n';
}

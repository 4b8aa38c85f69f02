/**
 * `b4 am` in the browser: version N of a series as an am-ready mbox, from its ledger and the
 * raw mail of its patches. The same function serves the panel's Download (through the worker)
 * and `listlens am`.
 *
 *   amMbox(ledger: Ledger, version: number, rawOf: RawOf, opts?: AmOptions): Promise<AmResult>
 *   amPatch(ledger, col, patch, raw, opts?): one patch's mail (the differential tests compare each)
 *
 * What it writes is what b4 0.12 writes (`get_am_ready`, `get_am_message`, `save_git_am_mbox`):
 * - the patches of vN in counter order, each as `From git@z Thu Jan  1 00:00:00 1970`, then
 *   Subject `[PATCH vN n/N] title`, From, Date, Message-Id, a UTF-8 text/plain body;
 * - each body read as `git mailinfo --scissors` reads it (am-mailinfo.ts: in-body From/Subject/
 *   Date become the headers), with the trailers valid on vN (am-trailers.ts: its follow-ups,
 *   carried ones, the cover's; never stale ones, evidence or a bot's) placed as b4 places them
 *   (am-message.ts), and with `link`, `Link: https://patch.msgid.link/<msgid>` last, as `-l`;
 * - the cover letter apart (`cover`, b4's `.cover` file), with no trailers added;
 * - the file name b4 gives it (`v2_20240101_alice_title`).
 * It refuses, naming them, when a patch of vN is not in the archive or not at hand, and, as b4
 * does, when a line holds a Unicode format character that hides text (a bidi override).
 *
 * Non-goals: applying it (git am), attestation, the applier's Signed-off-by (`-s`).
 */
import { parseBody } from '../mail/body.ts';
import { parseHead, readFields } from '../mail/headers.ts';
import { parseSubject } from '../mail/subject.ts';
import type { Ledger, LedgerVersion } from './ledger.ts';
import { cleanSubject, mailInfo, type MailInfo } from './am-mailinfo.ts';
import { suspiciousLine, withTrailers, type AmTrailer } from './am-message.ts';
import { versionPatches, type PatchTrailers } from './am-trailers.ts';

/** The raw bytes of a message by its key (a Message-ID, `<id>#2` for a reused one), or null. */
export type RawOf = (key: string) => Uint8Array | null | Promise<Uint8Array | null>;

export interface AmOptions {
  /** Add `Link:` to each patch, as `b4 am -l`. */
  link?: boolean;
  /** `%s` is the Message-ID (b4's `linkmask`). */
  linkMask?: string;
}

export const DEFAULT_LINK_MASK = 'https://patch.msgid.link/%s';

export interface AmFile {
  /** b4's name, without `.mbx` / `.cover`. */
  name: string;
  version: number;
  mbx: string;
  /** The cover letter, apart; null when the version has none (or it is not at hand). */
  cover: string | null;
  patches: number;
  /** Trailers added across the patches (Link: included). */
  added: number;
  /** Counters borrowed from an earlier version (a partial reroll), as b4 warns. */
  borrowed: Array<{ counter: number; from: number }>;
}

export type AmResult = { ok: true; file: AmFile } | { ok: false; error: string };

const messageIdOf = (key: string): string => key.replace(/#\d+$/, '');
/** A header value on one line: mail headers never carry a line break of ours. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();

export interface Read {
  info: MailInfo;
  from: string;
  date: string | null;
  subject: string;
}

async function read(raw: Uint8Array): Promise<Read> {
  const head = parseHead(raw, 0);
  const body = await parseBody(raw);
  const info = mailInfo(body.text);
  const from = head.from.name ? `${head.from.name} <${head.from.address}>` : head.from.address;
  return { info, from: oneLine(info.from ?? from), date: oneLine(info.date ?? readFields(raw).get('date') ?? '') || null, subject: cleanSubject(info.subject ?? head.subject) };
}

function mailText(prefix: string, r: Read, msgid: string, body: string): string {
  const head = [`Subject: [${prefix}] ${r.subject}`, `From: ${r.from}`, ...(r.date ? [`Date: ${r.date}`] : []), `Message-Id: <${msgid}>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: 8bit'];
  return `${head.join('\n')}\n\n${body.replace(/\r+$/gm, '')}\n`;
}

/** b4's `get_slug(extended=True)`: `v2_20240101_alice_title`, at most 100 characters. */
function slug(version: number, date: string | null, from: string, title: string): string {
  const d = /(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+(\d{4})/i.exec(date ?? '');
  const months = 'janfebmaraprmayjunjulaugsepoctnovdec';
  const ymd = d ? `${d[3]}${String(months.indexOf(d[2]!.toLowerCase()) / 3 + 1).padStart(2, '0')}${d[1]!.padStart(2, '0')}` : '00000000';
  const local = /<?([^<>\s@]+)@/.exec(from)?.[1] ?? '';
  const s = `${ymd}_${local}_${title}`.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').toLowerCase();
  return (version !== 1 ? `v${version}_${s}` : s).slice(0, 100);
}

/** One patch of a version as its am-ready mail (`From git@z …` line included), or why not. */
export async function amPatch(ledger: Ledger, col: number, p: PatchTrailers, raw: Uint8Array, opts: AmOptions = {}): Promise<{ ok: true; mail: string; added: number; read: Read } | { ok: false; error: string }> {
  const v = ledger.versions[col]!;
  const name = `patch ${p.counter}/${p.total} "${p.title}"`;
  let r: Read;
  try {
    r = await read(raw);
  } catch (e) {
    return { ok: false, error: `v${v.version} cannot be applied: ${name} could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  const body = r.info.message + r.info.patch;
  const bad = suspiciousLine(body);
  if (bad !== null) return { ok: false, error: `v${v.version} is refused: ${name} has a line with a hidden Unicode control character, as b4 refuses it: ${JSON.stringify(bad.slice(0, 120))}.` };
  const add: AmTrailer[] = p.added.map((t) => ({ name: t.name, value: t.value }));
  if (opts.link) add.push({ name: 'Link', value: (opts.linkMask ?? DEFAULT_LINK_MASK).replace('%s', messageIdOf(p.id)) });
  const fixed = withTrailers(body, add);
  return { ok: true, mail: `From git@z Thu Jan  1 00:00:00 1970\n${mailText(prefixOf(v, p.counter), r, messageIdOf(p.id), fixed.body)}`, added: fixed.added.length, read: r };
}

/** b4's `[PATCH RFC v2 3/5]`. */
function prefixOf(v: LedgerVersion, n: number): string {
  return ['PATCH', ...(parseSubject(v.subject).isRfc ? ['RFC'] : []), ...(v.version > 1 ? [`v${v.version}`] : []), ...(v.total > 1 ? [`${n}/${v.total}`] : [])].join(' ');
}

export async function amMbox(ledger: Ledger, version: number, rawOf: RawOf, opts: AmOptions = {}): Promise<AmResult> {
  const col = ledger.versions.findIndex((v) => v.version === version);
  const v = ledger.versions[col];
  if (!v) return { ok: false, error: `This series has no v${version}.` };
  const patches = versionPatches(ledger, col);
  if (v.missing.length || !patches.length) {
    const titles = v.missing.map((c) => {
      const row = ledger.rows.find((r) => r.cells[col]?.counter === c);
      return `${c}/${v.total}${row?.title ? ` "${row.title}"` : ''}`;
    });
    return { ok: false, error: patches.length ? `v${version} cannot be applied: ${titles.length === 1 ? 'patch' : 'patches'} ${titles.join(', ')} ${titles.length === 1 ? 'is' : 'are'} not in the archive.` : `v${version} has no patch in the archive.` };
  }
  const mails: string[] = [];
  let added = 0;
  let lead: Read | null = null;
  for (const p of patches) {
    const raw = await rawOf(p.id);
    if (!raw) return { ok: false, error: `v${version} cannot be applied: patch ${p.counter}/${p.total} "${p.title}" <${messageIdOf(p.id)}> is not at hand any more; open the series again to fetch it.` };
    const got = await amPatch(ledger, col, p, raw, opts);
    if (!got.ok) return got;
    lead ??= got.read;
    added += got.added;
    mails.push(got.mail);
  }
  let cover: string | null = null;
  const coverRaw = v.cover ? await rawOf(v.cover) : null;
  if (v.cover && coverRaw) {
    try {
      const r = await read(coverRaw);
      lead = r;
      cover = mailText(prefixOf(v, 0), r, messageIdOf(v.cover), r.info.message + r.info.patch);
    } catch {
      cover = null;
    }
  }
  const borrowed = patches.flatMap((p) => (p.cell.borrowedFrom !== null ? [{ counter: p.counter, from: p.cell.borrowedFrom }] : []));
  return { ok: true, file: { name: slug(v.version, lead!.date, lead!.from, lead!.subject), version: v.version, mbx: mails.join(''), cover, patches: patches.length, added, borrowed } };
}

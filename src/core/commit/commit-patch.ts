/**
 * One commit as `git format-patch` writes it (cgit's `/patch/?id=`, GitHub's and GitLab's
 * `.patch`, `git format-patch -1 --stdout`, a patch file): its sha, subject, author, date,
 * message with its trailers, the places its trailers say it was discussed, and its
 * `git patch-id --stable` (patch/patch-id.ts, checked against git on the corpus).
 *
 *   parseCommitPatch(bytes: Uint8Array): Promise<CommitPatch | null>
 *
 * The mail is read as any list mail is (headers.ts, body.ts: encoded words, charsets,
 * quoted-printable), so the patch-id is that of the decoded text, as b4 computes it.
 *
 * Non-goals: several commits in one file (the first is read), fetching, git itself.
 */
import { looksLikeMail, parseHead } from '../mail/headers.ts';
import { parseBody } from '../mail/body.ts';
import { parseMessageIds } from '../mail/message-id.ts';
import { parseSubject } from '../mail/subject.ts';
import { commitMessage } from '../patch/detect.ts';
import { patchIdentity } from '../patch/patch-id.ts';
import { parseTrailers } from '../series/trailers.ts';
import type { Person, Trailer } from '../types.ts';

export interface CommitPatch {
  /** The full commit id from the `From <sha> Mon Sep 17 …` line, or null (a patch file without it). */
  sha: string | null;
  /** The subject without `[PATCH …]`. */
  subject: string;
  author: Person;
  /** The author date (ISO), which `git am` takes from the posted mail's Date. */
  date: string | null;
  /** The commit message below the subject, above `---`. */
  message: string;
  /** The trailer block at the end of the message (Signed-off-by, Link, Reviewed-by, …). */
  trailers: Trailer[];
  /** `Link:` values, in the order written. */
  links: string[];
  /** `Message-ID:` / `Message-Id:` trailer values, bare. */
  messageIds: string[];
  /** `git patch-id --stable` of the diff, or null when there is none (a merge, an empty commit). */
  patchId: string | null;
  files: string[];
  /** The decoded body: message, `---`, diffstat, diff (what an interdiff is computed on). */
  body: string;
}

/** The key the commit's own trailers carry as their source. */
export const COMMIT_KEY = 'commit';

const FROM_LINE = /^From ([0-9a-f]{40}|[0-9a-f]{64}) /;

function splitFromLine(bytes: Uint8Array): { sha: string | null; mail: Uint8Array } {
  if (bytes.length < 5 || String.fromCharCode(...bytes.subarray(0, 5)) !== 'From ') return { sha: null, mail: bytes };
  const nl = bytes.indexOf(0x0a);
  const line = new TextDecoder('latin1').decode(bytes.subarray(0, nl < 0 ? Math.min(bytes.length, 200) : Math.min(nl, 200)));
  return { sha: FROM_LINE.exec(line)?.[1] ?? null, mail: nl < 0 ? bytes.subarray(bytes.length) : bytes.subarray(nl + 1) };
}

export async function parseCommitPatch(bytes: Uint8Array): Promise<CommitPatch | null> {
  const { sha, mail } = splitFromLine(bytes);
  if (!looksLikeMail(mail)) return null;
  const head = parseHead(mail, 0);
  const body = (await parseBody(mail)).text;
  const message = commitMessage(body).replace(/\s+$/, '');
  const trailers = parseTrailers(message, COMMIT_KEY);
  const { patchId, files } = patchIdentity(body);
  const valuesOf = (name: string): string[] => trailers.filter((t) => t.name.toLowerCase() === name).map((t) => t.value);
  return {
    sha,
    subject: parseSubject(head.subject).base || head.subject,
    author: head.from,
    date: head.date,
    message,
    trailers,
    links: valuesOf('link'),
    messageIds: valuesOf('message-id').flatMap((v) => parseMessageIds(v, true)),
    patchId,
    files,
    body,
  };
}

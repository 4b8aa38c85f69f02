/**
 * A realistic patch-review thread as mboxrd, from a fixed seed, for the benchmark: four
 * versions of a 12-patch series (cover letters, git-format-patch bodies with diffs), and
 * replies down to depth ~30 that quote their parent the way linux-mm mail does (attribution
 * lines, nested and mixed `> >>` quotes, trailers, signatures, list footers). Transfer
 * encodings and charsets as real mail has them: 7bit, quoted-printable UTF-8 and latin-1,
 * base64 bodies, multipart/alternative with HTML, attachments, RFC 2047 subjects and names.
 *
 * Same seed, same bytes: figures of two runs compare.
 */
import { mulberry32 } from '../test/helpers/random.ts';

const WORDS = 'the page folio memory cgroup reclaim lru zone node mapping anon file dirty writeback fault huge pmd pte vma mmap lock rcu slab kmem shrink compaction migrate swap cache hotplug device pgmap devm remap range offset pfn section sparse vmemmap refcount pin gup kernel patch series change fix regression test boot allocation free list order'.split(' ');
const PEOPLE: Array<[string, string]> = [
  ['Dan Williams', 'dan.j.williams@intel.com'], ['Jérôme Glisse', 'jglisse@redhat.com'], ['Christoph Hellwig', 'hch@lst.de'],
  ['Andrew Morton', 'akpm@linux-foundation.org'], ['Michal Hocko', 'mhocko@kernel.org'], ['Logan Gunthorpe', 'logang@deltatee.com'],
  ['Björn Töpel', 'bjorn@kernel.org'], ['Jason Gunthorpe', 'jgg@ziepe.ca'], ['Matthew Wilcox', 'willy@infradead.org'],
  ['Vlastimil Babka', 'vbabka@suse.cz'], ['David Hildenbrand', 'david@redhat.com'], ['Zoë Ångström', 'zoe@example.se'],
  ['高橋 健', 'takahashi@example.jp'], ['Ira Weiny', 'ira.weiny@intel.com'], ['Mike Rapoport', 'rppt@kernel.org'],
];

export interface GeneratedThread {
  mbox: Uint8Array;
  messages: number;
}

export function generateThread(seed = 20180721, count = 1000): GeneratedThread {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const sentence = (n: number): string => {
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS));
    const s = w.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };
  const paragraph = (lines: number): string[] => Array.from({ length: lines }, () => sentence(int(6, 11)));
  const b64 = (s: string): string => {
    const bytes = new TextEncoder().encode(s);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/.{76}/g, '$&\n');
  };
  const qp = (s: string): string => {
    const out: string[] = [];
    for (const line of s.split('\n')) {
      let enc = '';
      for (const b of new TextEncoder().encode(line)) {
        enc += b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09) ? '=' + b.toString(16).toUpperCase().padStart(2, '0') : String.fromCharCode(b);
      }
      while (enc.length > 76) {
        let cut = 75;
        if (enc[cut - 1] === '=') cut -= 1;
        else if (enc[cut - 2] === '=') cut -= 2;
        out.push(enc.slice(0, cut) + '=');
        enc = enc.slice(cut);
      }
      out.push(enc);
    }
    return out.join('\n');
  };
  const ew = (s: string): string => (/[^\x20-\x7e]/.test(s) ? `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(s)))}?=` : s);
  const ewq = (s: string): string => `=?UTF-8?Q?${qp(s).replace(/\n|=\n/g, '').replace(/ /g, '_').replace(/\?/g, '=3F')}?=`;
  const addr = (p: [string, string]): string => `${ew(p[0])} <${p[1]}>`;

  interface Msg { id: string; subject: string; author: [string, string]; body: string[]; refs: string[]; depth: number; date: number }
  const msgs: Msg[] = [];
  let clock = Date.UTC(2018, 6, 21, 8, 0, 0);
  const tick = (): number => (clock += int(30, 3600) * 1000);
  const mid = (i: number): string => `20180721${String(i).padStart(6, '0')}.${Math.floor(rnd() * 1e9).toString(36)}@example.org`;

  const author = PEOPLE[0]!;
  const titles = Array.from({ length: 12 }, (_, i) => `mm: ${pick(WORDS)} ${pick(WORDS)} step ${i + 1}`);
  const diff = (file: string): string[] => {
    const lines = [`diff --git a/${file} b/${file}`, `index ${int(1e6, 9e6).toString(16)}..${int(1e6, 9e6).toString(16)} 100644`, `--- a/${file}`, `+++ b/${file}`];
    for (let h = 0; h < int(2, 5); h++) {
      lines.push(`@@ -${int(10, 900)},12 +${int(10, 900)},14 @@ static int ${pick(WORDS)}_${pick(WORDS)}(struct page *page)`);
      for (let k = 0; k < int(12, 30); k++) lines.push(`${pick([' ', ' ', ' ', '+', '-'])}\t${pick(['if', 'return', 'spin_lock', 'folio_put', 'goto out;', 'pgmap'])} (${pick(WORDS)}->${pick(WORDS)});`);
    }
    return lines;
  };
  const versions = 4;
  const perVersion: string[][] = [];
  for (let v = 1; v <= versions; v++) {
    const coverId = mid(msgs.length);
    const tag = v === 1 ? 'PATCH' : `PATCH v${v}`;
    msgs.push({ id: coverId, subject: `[${tag} 00/12] mm: rework hmm to use devm_memremap_pages`, author, refs: [], depth: 0, date: tick(),
      body: [...paragraph(8), '', `Changes in v${v}:`, ...paragraph(3).map((l) => `- ${l}`), '', ...titles.map((t) => `  ${t}`), '', ' mm/hmm.c | 120 ++++++++++++-------', ' 12 files changed, 400 insertions(+), 300 deletions(-)', '', 'base-commit: 0123456789abcdef0123456789abcdef01234567'] });
    const ids = [coverId];
    for (let p = 1; p <= 12; p++) {
      const id = mid(msgs.length);
      ids.push(id);
      msgs.push({ id, subject: `[${tag} ${String(p).padStart(2, '0')}/12] ${titles[p - 1]}`, author, refs: [coverId], depth: 1, date: tick(),
        body: [...paragraph(5), '', 'From the start this was wrong; see the thread.', '', `Signed-off-by: ${author[0]} <${author[1]}>`, '---', ` mm/${pick(WORDS)}.c | 20 +++++++---`, '', ...diff(`mm/${pick(WORDS)}.c`), ...diff(`include/linux/${pick(WORDS)}.h`), '--', '2.17.1'] });
    }
    perVersion.push(ids);
  }
  const byId = new Map(msgs.map((m) => [m.id, m]));
  while (msgs.length < count) {
    const parent = rnd() < 0.35 ? msgs[int(0, Math.min(msgs.length - 1, versions * 13 - 1))]! : msgs[int(Math.max(0, msgs.length - 40), msgs.length - 1)]!;
    if (parent.depth > 30) continue;
    const who = pick(PEOPLE.slice(1));
    const id = mid(msgs.length);
    const quoted = parent.body.slice(0, 80).map((l) => (l.startsWith('>') ? `>${rnd() < 0.3 ? ' ' : ''}${l}` : `> ${l}`));
    const body: string[] = [`On ${new Date(parent.date).toUTCString()}, ${parent.author[0]} wrote:`];
    for (let k = 0; k < quoted.length; k += int(6, 14)) {
      body.push(...quoted.slice(k, k + int(5, 10)), '', ...paragraph(int(2, 5)), '');
    }
    if (rnd() < 0.25) body.push(`${pick(['Reviewed-by', 'Acked-by', 'Tested-by'])}: ${who[0]} <${who[1]}>`, '');
    body.push('-- ', who[0]);
    if (rnd() < 0.2) body.push('_______________________________________________', 'linux-mm mailing list', 'linux-mm@kvack.org');
    const m: Msg = { id, subject: parent.subject.startsWith('Re: ') ? parent.subject : `Re: ${parent.subject}`, author: who, refs: [...parent.refs, parent.id], depth: parent.depth + 1, date: tick(), body };
    msgs.push(m);
    byId.set(id, m);
  }

  const out: string[] = [];
  msgs.forEach((m, i) => {
    const enc = rnd();
    const text = m.body.join('\n') + '\n';
    const subject = rnd() < 0.15 ? ewq(m.subject) : m.subject;
    const head = [
      'From mboxrd@z Thu Jan  1 00:00:00 1970',
      `From: ${addr(m.author)}`,
      `To: ${addr(author)}`,
      'Cc: linux-mm@kvack.org, linux-kernel@vger.kernel.org,\n\tlinux-nvdimm@lists.01.org',
      `Subject: ${subject}`,
      `Date: ${new Date(m.date).toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <${m.id}>`,
      ...(m.refs.length ? [`In-Reply-To: <${m.refs[m.refs.length - 1]}>`, `References: ${m.refs.map((r) => `<${r}>`).join('\n ')}`] : []),
      'List-Id: <linux-mm.kvack.org>',
      `Received: from mail.example.org (mail.example.org [192.0.2.${i % 250}])\n\tby smtp.kernel.org (Postfix) with ESMTPS id ${i.toString(16)}\n\tfor <linux-mm@kvack.org>; ${new Date(m.date).toUTCString()}`,
      'MIME-Version: 1.0',
    ];
    let body: string;
    if (m.depth <= 1 && m.author === author) {
      head.push('Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit');
      body = text;
    } else if (enc < 0.3) {
      head.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable');
      body = qp(text.replace(/step/g, 'stëp')) + '\n';
    } else if (enc < 0.42) {
      head.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64');
      body = b64(text) + '\n';
    } else if (enc < 0.52) {
      head.push('Content-Type: multipart/alternative; boundary="alt-' + i + '"');
      const html = '<html><body>' + m.body.map((l) => (l.startsWith('>') ? `<blockquote>${l.replace(/^[> ]+/, '')}</blockquote>` : `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)).join('') + '</body></html>';
      body = [`--alt-${i}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', qp(text), `--alt-${i}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', qp(html), `--alt-${i}--`, ''].join('\n');
    } else if (enc < 0.58) {
      head.push('Content-Type: multipart/mixed; boundary="mix-' + i + '"');
      const config = Array.from({ length: 120 }, (_, k) => `CONFIG_${pick(WORDS).toUpperCase()}_${k}=${pick(['y', 'm', 'n'])}`).join('\n');
      body = [`--mix-${i}`, 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable', '', qp(text).replace(/=C3=AB/g, '=EB'), `--mix-${i}`, 'Content-Type: application/octet-stream; name="config.gz"', 'Content-Disposition: attachment; filename="config.gz"', 'Content-Transfer-Encoding: base64', '', b64(config), `--mix-${i}--`, ''].join('\n');
    } else {
      head.push('Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit');
      body = text;
    }
    // mboxrd: every ^>*From line in the body gains a '>'
    out.push(head.join('\n') + '\n\n' + body.replace(/^(>*From )/gm, '>$1') + '\n');
  });
  return { mbox: new TextEncoder().encode(out.join('')), messages: msgs.length };
}

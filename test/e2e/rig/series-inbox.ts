/**
 * A multi-version series for the series tests, from real mail: Patchew's quorum v1..v3
 * (../shared/corpus/patchew/0009-obsolete-by.mbox, each version its own thread) with the
 * title re-prefixed and reworded between versions, a review of v1 by hand, and a reply to v3
 * that lost its References (tied by subject only). Written to a temp dir at run time, never
 * into the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../helpers/corpus.ts';

export const REPLY = 'reply-lost-refs@example.org';
export const REVIEW = 'review-v1@example.org';

/** Quorum v1..v3 as three messages, their titles changed between versions, plus two replies. */
export function derivedQuorum(dir: string): string[] {
  const raw = readFileSync(corpusPath('patchew/0009-obsolete-by.mbox'), 'latin1');
  const msgs = raw.split(/^(?=From [^\n]*\n(?:[\w-]+:))/m).filter((m) => /Message-I[dD]:/.test(m));
  const out: string[] = [];
  msgs.forEach((m, i) => {
    const retitled = m
      .replace('[PATCH v2] quorum: Only compile when supported', '[PATCH v2] block/quorum: Only compile when supported')
      .replace('[PATCH v3] quorum: Only compile when supported', '[PATCH v3] block/quorum: only compile quorum when supported');
    const f = join(dir, `v${i + 1}.mbox`);
    writeFileSync(f, retitled, 'latin1');
    out.push(f);
  });
  const review = [
    'From rita@example.org Tue Jun 28 10:00:00 2016',
    'From: Rita Reviewer <rita@example.org>',
    'Date: Tue, 28 Jun 2016 10:00:00 +0800',
    `Message-Id: <${REVIEW}>`,
    'In-Reply-To: <20160628014747.20971-1-famz@redhat.com>',
    'References: <20160628014747.20971-1-famz@redhat.com>',
    'Subject: Re: [Qemu-devel] [PATCH] quorum: Only compile when supported',
    '',
    'Looks right.',
    '',
    'Reviewed-by: Rita Reviewer <rita@example.org>',
    '',
  ].join('\n');
  const lost = [
    'From tom@example.org Wed Jun 29 10:00:00 2016',
    'From: Tom Tester <tom@example.org>',
    'Date: Wed, 29 Jun 2016 10:00:00 +0800',
    `Message-Id: <${REPLY}>`,
    'Subject: Re: [Qemu-devel] [PATCH v3] block/quorum: only compile quorum when supported',
    '',
    'Built here without the library; it no longer fails.',
    '',
    'Tested-by: Tom Tester <tom@example.org>',
    '',
  ].join('\n');
  for (const [name, text] of [['review.eml', review], ['lost.eml', lost]] as const) {
    writeFileSync(join(dir, name), text, 'latin1');
    out.push(join(dir, name));
  }
  return out;
}

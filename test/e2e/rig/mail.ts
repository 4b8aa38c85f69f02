/**
 * Facts about the real messages the rig's archive serves, for the tests to check the panel
 * against. Every value here was read from the corpus files (../shared/corpus, ../shared/seed);
 * the messages themselves are only read at run time.
 */

/** The linux-mm seed message (../shared/seed): its five ancestors are not in the archive. */
export const SEED = {
  list: 'linux-mm',
  mid: 'CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp+DEk5TwE6k1gqQ@mail.gmail.com',
  subject: 'Rework hmm to use devm_memremap_pages',
  author: 'Dan Williams',
  /** Named in the quote header of its body ("Jerome Glisse <jglisse@redhat.com> wrote:"). */
  quotedAuthor: 'Jerome Glisse',
  /** The direct parent, a ghost. */
  parent: '20180720201706.GE7697@redhat.com',
  /** A line of the deepest quote in its body: folded by default, shown once toggled. */
  deepQuoteLine: 'Problem is, that patch is eighth in a series',
};

/** "[PATCH 00/44] remove unnecessary semicolons", Joe Perches, LKML, 2010-11-14: 98 messages. */
export const SEMICOLONS = {
  list: 'lkml',
  cover: 'cover.1289789604.git.joe@perches.com',
  subject: 'remove unnecessary semicolons',
  author: 'Joe Perches',
  /** [PATCH 40/44] mm/hugetlb.c (Cc linux-mm). */
  hugetlb: '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com',
  hugetlbSubject: 'mm/hugetlb.c: Remove unnecessary semicolons',
};

/** Fam Zheng's "quorum: Only compile when supported", v1, v2 and v3, qemu-devel (patchew corpus). */
export const QUORUM = {
  list: 'qemu-devel',
  v1: '20160628014747.20971-1-famz@redhat.com',
  v2: '20160628014747.20971-2-famz@redhat.com',
  v3: '20160628014747.20971-3-famz@redhat.com',
  subject: 'quorum: Only compile when supported',
  author: 'Fam Zheng',
};

/** "[PATCH] core: dev: don't call BUG() on bad input", Vasiliy Kulikov, LKML, 2011-02-14. */
export const BUG_ON_INPUT = {
  list: 'lkml',
  mid: '1297680967-11893-1-git-send-email-segoon@openwall.com',
  subject: "don't call BUG() on bad input",
  author: 'Vasiliy Kulikov',
};

/** A Message-ID in no inbox. */
export const UNKNOWN_MID = 'no-such-message-4f1c2a@listlens.invalid';

/** "[PATCH] ARM: vfp: Always save VFP state in vfp_pm_suspend", 3 messages, LKML/linux-arm-kernel. */
export const VFP = {
  list: 'lkml',
  mid: '1297638813-1315-1-git-send-email-ccross@android.com',
  subject: 'Always save VFP state in vfp_pm_suspend',
  author: 'Colin Cross',
  replier: 'Catalin Marinas',
};

/** "[PATCH 1/6] x86: move ioapic_irq_destination_types", 10 messages. */
export const X86 = {
  list: 'lkml',
  mid: '1297677612-12405-1-git-send-email-henne@nachtwindheim.de',
  subject: 'move ioapic_irq_destination_types',
  author: 'Henrik Kretzschmar',
  replier: 'Ingo Molnar',
};

/** "[RFC][PATCH 00/10] cifs: local caching support using FS-Cache", gmane-era addresses. */
export const CIFS = {
  list: 'lkml',
  mid: '1277220005-3322-1-git-send-email-sjayaraman@suse.de',
  subject: 'local caching support using FS-Cache',
  author: 'Suresh Jayaraman',
  replier: 'David Howells',
};

/** A reply in "[PATCH v2 5/7] powerpc/85xx: Add MChk handler for SRIO port"; its root is not in the archive. */
export const POWERPC = {
  list: 'lkml',
  mid: 'AANLkTine3pc2Ai2Woj81Y9fS_KgGs1sIMb2NMR6G74ww@mail.gmail.com',
  subject: 'Add MChk handler for SRIO port',
  author: 'Timur Tabi',
  replier: 'Kumar Gala',
};

/** The second author of BUG_ON_INPUT, RFC 2047 encoded in ISO-8859-1 in the mail. */
export const PESLOUAN = 'Nicolas de Pesloüan';

/** "bluetooth disabled with current 2.6.38-rc4", a single message, gmane-era address. */
export const BLUETOOTH = {
  list: 'lkml',
  mid: '1A8743E5-65EA-4625-82FD-658C9722629F@gmail.com',
  subject: 'bluetooth disabled with current 2.6.38-rc4',
  author: 'Justin Mattock',
};

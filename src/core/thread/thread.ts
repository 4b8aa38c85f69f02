/**
 * The reply tree: JWZ threading steps 1–4 (containers, References links, parents, pruning of
 * empty ghosts), without step 5's subject merging, the way public-inbox and notmuch do it.
 *
 * - A referenced id that is absent becomes a ghost, chained along the References of whoever
 *   cites it, so the reader sees where mail is missing instead of a flat list of orphans.
 * - A message's own parent is its sane In-Reply-To (notmuch: References are often reordered
 *   or truncated by clients; In-Reply-To is what the client replied to), else its last
 *   reference. Links between the other references only fill in parents nobody claimed:
 *   ghosts, and real mail without references of its own when the would-be parent is real
 *   and not later.
 * - Links that would close a cycle are refused. Own-parent links are tried newest message
 *   first, so in a loop (`broken/loop`) the later mail is the reply, as it most likely is.
 * - A reused Message-ID was given its own key (`<id>#2`) by assignKeys; it stays a separate
 *   message, and references to the id mean the copy that kept the bare id (the earliest one,
 *   chosen whatever the input order). Copies of one mail were already dropped (dropCopies).
 * - gmane rewrote ids in References like addresses, `local@domain` → `local-HASH@public.gmane.org`,
 *   so replies read through gmane cite ids no message carries. A cited id that no message has
 *   means the message whose id is its other spelling (same local part, one side mangled) when
 *   exactly one message id has that local part; more than one (the same local part at two
 *   domains) could be either, and the ghost stays.
 * - Children and roots are ordered by date (undated last, then source order); a ghost sorts
 *   as its earliest descendant.
 * - `related`: a reply without any References/In-Reply-To whose subject is `Re:` + the subject
 *   of a cover letter or patch in the data keeps no parent but points at that message.
 *
 * Everything is iterative: a 5,000-deep chain costs no stack.
 * The output depends on the messages, not on the order of the `heads` array.
 *
 * Non-goals: subject merging of roots (it glues unrelated threads), fetching ghosts.
 */
import { gmaneLocalPart } from '../mail/masked.ts';
import { parseSubject, stripReplyMarkers, subjectKey } from '../mail/subject.ts';
import type { MessageHead, Thread, ThreadMessage } from '../types.ts';

interface Node {
  id: string;
  head: MessageHead | null;
  parent: Node | null;
  children: Node[];
  /** Sort position: own date/index, or a ghost's earliest descendant's. */
  date: string;
  index: number;
  depth: number;
}

const UNDATED = '\uffff';

/** Siblings' order on screen: by date, then as the mail came in (a series sent in one second). */
function before(a: Node, b: Node): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.index !== b.index) return a.index - b.index;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The order parents are claimed in, which decides the link a cycle loses: by date, then key,
 * never position, so the tree's shape does not depend on the order of the input.
 */
function claimOrder(a: Node, b: Node): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.index - b.index;
}

/** True when making `parent` the parent of `child` would close a loop. */
function closesCycle(child: Node, parent: Node): boolean {
  for (let p: Node | null = parent; p; p = p.parent) if (p === child) return true;
  return false;
}

export function buildThread(heads: MessageHead[]): Thread {
  const nodes = new Map<string, Node>();
  const real: Node[] = [];
  for (const head of heads) {
    // assignKeys makes keys unique; should a caller skip it, a clash still costs no message.
    let id = head.id;
    for (let n = 2; nodes.has(id); n++) id = `${head.id}#${n}`;
    const node: Node = { id, head, parent: null, children: [], date: head.date ?? UNDATED, index: head.index, depth: 0 };
    nodes.set(id, node);
    real.push(node);
  }
  real.sort(claimOrder);
  const gmane = gmaneAliases(real, nodes);
  const get = (id: string): Node => {
    let n = nodes.get(id) ?? gmane(id);
    if (!n) {
      n = { id, head: null, parent: null, children: [], date: UNDATED, index: Number.MAX_SAFE_INTEGER, depth: 0 };
      nodes.set(id, n);
    }
    return n;
  };

  // Nodes that are somebody's parent. Only such a node can close a cycle by taking a parent,
  // so the walk up the ancestors is skipped for the others: a message citing 100,000 ids
  // chains 100,000 ghosts, and walking that chain for every link took minutes.
  const parents = new Set<Node>();
  const link = (child: Node, parent: Node): void => {
    if (parent === child || (parents.has(child) && closesCycle(child, parent))) return;
    child.parent = parent;
    parents.add(parent);
  };
  // Own parents, newest first.
  for (let i = real.length - 1; i >= 0; i--) {
    const node = real[i]!;
    const h = node.head!;
    const pid = h.inReplyTo ?? h.references[h.references.length - 1];
    if (!pid) continue;
    link(node, get(pid));
  }
  // References chains fill in parents nobody claimed (mostly ghosts), oldest mail first.
  for (const node of real) {
    const refs = node.head!.references;
    for (let i = 1; i < refs.length; i++) {
      const child = get(refs[i]!);
      if (child.parent || child === node) continue;
      const parent = get(refs[i - 1]!);
      // A real message without a parent of its own is only adopted by a real, not later
      // message: an RT ticket's References naming a ticket id must not bury the mail it
      // answers under a ghost (notmuch threading/ghost-root).
      if (child.head && (!parent.head || (child.head.date && parent.head.date && parent.head.date > child.head.date))) continue;
      link(child, parent);
    }
  }

  const all = [...nodes.values()];
  for (const n of all) n.parent?.children.push(n);
  pruneEmptyGhosts(all, nodes);

  // Breadth-first from the roots gives depths; its reverse visits children before parents,
  // which is what a ghost's sort position (its earliest descendant) needs.
  const roots = [...nodes.values()].filter((n) => !n.parent);
  const order: Node[] = [...roots];
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    for (const c of n.children) {
      c.depth = n.depth + 1;
      order.push(c);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    n.children.sort(before);
    if (!n.head && n.children.length) {
      n.date = n.children[0]!.date;
      n.index = n.children[0]!.index;
    }
  }
  roots.sort(before);

  const related = relatedBySubject(real);
  const messages: ThreadMessage[] = [];
  const stack = roots.slice().reverse();
  while (stack.length) {
    const n = stack.pop()!;
    messages.push({
      id: n.id,
      parent: n.parent ? n.parent.id : null,
      related: related.get(n) ?? null,
      ghost: !n.head,
      subject: n.head ? n.head.subject : '',
      from: n.head ? n.head.from : null,
      date: n.head ? n.head.date : null,
      depth: n.depth,
      children: n.children.map((c) => c.id),
    });
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return { messages, roots: roots.map((r) => r.id) };
}

/**
 * The message a cited id that no message carries means, when it is the other gmane spelling
 * of exactly one message id (see the header). The index of local parts is built on the first
 * miss that could match, so mail without gmane in it pays for none.
 */
function gmaneAliases(real: Node[], nodes: Map<string, Node>): (id: string) => Node | undefined {
  let mangledOwn: boolean | null = null;
  let byLocal: Map<string, Set<string>> | null = null;
  const memo = new Map<string, Node | undefined>();
  const local = (id: string): { part: string; mangled: boolean } => {
    const g = gmaneLocalPart(id);
    return g !== null ? { part: g, mangled: true } : { part: id.slice(0, id.lastIndexOf('@')), mangled: false };
  };
  return (id) => {
    if (memo.has(id)) return memo.get(id);
    mangledOwn ??= real.some((n) => n.head!.messageId && gmaneLocalPart(n.head!.messageId) !== null);
    const cited = local(id);
    let found: Node | undefined;
    if (cited.mangled || mangledOwn) {
      if (!byLocal) {
        byLocal = new Map();
        for (const n of real) {
          const mid = n.head!.messageId;
          if (!mid) continue;
          const k = local(mid).part;
          const set = byLocal.get(k);
          if (set) set.add(mid);
          else byLocal.set(k, new Set([mid]));
        }
      }
      const ids = byLocal.get(cited.part);
      const only = ids?.size === 1 ? ids.values().next().value! : null;
      // Both spellings plain (two domains) or both mangled (two hashes: gmane hashes the
      // domain) are two different ids, not one id twice.
      if (only !== null && local(only).mangled !== cited.mangled) found = nodes.get(only);
    }
    memo.set(id, found);
    return found;
  };
}

/** JWZ step 4, partly: a ghost nobody hangs under says nothing; drop it (and empty ghost parents). */
function pruneEmptyGhosts(all: Node[], nodes: Map<string, Node>): void {
  const queue = all.filter((n) => !n.head && n.children.length === 0);
  while (queue.length) {
    const g = queue.pop()!;
    nodes.delete(g.id);
    const p = g.parent;
    if (!p) continue;
    p.children.splice(p.children.indexOf(g), 1);
    if (!p.head && p.children.length === 0) queue.push(p);
  }
}

/**
 * Roots that lost their References but say `Re: <subject of a patch or cover>`: the message
 * they most likely answer (same subject, latest one sent before the reply).
 */
function relatedBySubject(real: Node[]): Map<Node, string> {
  const out = new Map<Node, string>();
  const orphans = real.filter((n) => !n.parent && n.head!.references.length === 0);
  if (!orphans.length) return out;
  const exact = new Map<string, Node[]>();
  const loose = new Map<string, Node[]>();
  const add = (m: Map<string, Node[]>, k: string, n: Node): void => {
    const list = m.get(k);
    if (list) list.push(n);
    else m.set(k, [n]);
  };
  for (const n of real) {
    const s = parseSubject(n.head!.subject);
    if (s.isReply || !(s.isPatch || !s.counterInferred)) continue;
    add(exact, subjectKey(n.head!.subject), n);
    add(loose, `${s.key}\n${s.version}\n${s.counter}`, n);
  }
  for (const o of orphans) {
    const s = parseSubject(o.head!.subject);
    if (!s.isReply) continue;
    const candidates = (exact.get(subjectKey(stripReplyMarkers(o.head!.subject))) ?? loose.get(`${s.key}\n${s.version}\n${s.counter}`) ?? []).filter((c) => c !== o);
    if (!candidates.length) continue;
    // real[] is sorted by date: the last one not after the reply, else the first
    let pick = candidates[0]!;
    for (const c of candidates) if (c.date <= o.date) pick = c;
    out.set(o, pick.id);
  }
  return out;
}

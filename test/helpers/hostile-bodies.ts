/**
 * The hostile message bodies of issue 16 that froze an archive tab, made at run time (never
 * committed), for the content script's unit test and its Chromium bench:
 * - `quoteRuns(n)`: n indented quote runs (" > " lines, four each, so each gets a toggle)
 *   between one-line replies: public-inbox leaves indented quotes as plain text, so the
 *   whole body is one text node cut at every run;
 * - `smallDiffs(n)`: n one-file, one-line diffs;
 * - `diffLines(n)`: one diff of about n lines whose `-` and `+` lines alternate, so each
 *   line is its own tint (the pipermail page's shape: no archive spans, every tint ours).
 * Plus `pipermailPage(body)`, the body in a Mailman 2.1 message page.
 *
 * Non-goals: realistic mail (test/helpers/corpus.ts has that); timing anything.
 */

export function quoteRuns(n: number): string {
  const out: string[] = ['On Mon, 15 Nov 2010 at 12:00, Someone Else wrote:'];
  for (let i = 0; i < n; i++) out.push(` > quoted ${i} a`, ` > quoted ${i} b`, ` > quoted ${i} c`, ` > quoted ${i} d`, `reply ${i}`);
  return out.join('\n') + '\n';
}

export function smallDiffs(n: number): string {
  const out: string[] = ['Many small patches in one message.', ''];
  for (let i = 0; i < n; i++) out.push(`diff --git a/f${i} b/f${i}`, `--- a/f${i}`, `+++ b/f${i}`, '@@ -1 +1 @@', `-old ${i}`, `+new ${i}`);
  return out.join('\n') + '\n';
}

export function diffLines(n: number): string {
  const out: string[] = ['One long patch.', '', 'diff --git a/big.c b/big.c', '--- a/big.c', '+++ b/big.c'];
  for (let at = 1; out.length < n; at += 4) {
    out.push(`@@ -${at},4 +${at},4 @@`, ` ctx ${at}`, `-old ${at}`, `+new ${at}`, ` ctx ${at + 1}`, `-old ${at + 1}`, `+new ${at + 1}`);
  }
  return out.join('\n') + '\n';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Mailman 2.1 message page holding `body` (escaped as pipermail does). */
export function pipermailPage(subject: string, body: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//EN">
<HTML>
 <HEAD>
   <TITLE> [Example-dev] ${esc(subject)}
   </TITLE>
   <LINK REL="Index" HREF="index.html" >
   <META http-equiv="Content-Type" content="text/html; charset=us-ascii">
 </HEAD>
 <BODY BGCOLOR="#ffffff">
   <H1>[Example-dev] ${esc(subject)}</H1>
    <B>Bob Example</B>
    <A HREF="mailto:example-dev%40python.org?Subject=Re%3A%20%5BExample-dev%5D&In-Reply-To=%3Chostile%40example.net%3E"
       TITLE="[Example-dev] ${esc(subject)}">bob at example.net
       </A><BR>
    <I>Mon Mar  1 09:03:55 EST 2010</I>
    <HR>
<!--beginarticle-->
<PRE>${esc(body)}</PRE>
<!--endarticle-->
    <HR>
</BODY></HTML>
`;
}

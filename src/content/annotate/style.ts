/**
 * The annotation's stylesheet, put in the page's <head> (not its body, so the body's text is
 * the archive's own) and removed on undo. Labels are drawn from `data-label` with `::before`,
 * so toggles and marks add no text to the page: copying, searching and `textContent` see the
 * mail only. A toggle is a full-width inline-block, not a block: it still takes a line of its
 * own, but adds no line break to the text a reader selects and copies. A fold and a diff tint
 * are blocks: a tint spans the <pre>'s full width rather than ending with each line's text
 * (issue 17), and a fold starts on the line after its toggle even where the <pre> does not
 * wrap (`white-space: pre`). Both hold whole lines, the last one's newline included, so the
 * browsers' copy (the selection's text, in Chromium and Firefox alike) adds no line break at
 * their edges; only `innerText`, which counts a block's edges as line breaks whatever text is
 * there, sees one. Colours are translucent tints, readable on a light or a dark archive page.
 *
 * Non-goals: the in-page "ListLens" control (control.ts styles itself inline).
 */
export const CSS = `
.listlens-fold{display:inline-block;width:100%;box-sizing:border-box;text-align:left;margin:1px 0;padding:0 6px;font:inherit;color:inherit;
background:rgba(127,127,127,.13);border:1px solid rgba(127,127,127,.45);border-radius:3px;cursor:pointer;opacity:.9}
.listlens-fold:hover{opacity:1;background:rgba(127,127,127,.22)}
.listlens-fold:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.listlens-fold::before{content:"\\25B8  " attr(data-label)}
.listlens-fold[aria-expanded=true]::before{content:"\\25BE  " attr(data-label)}
pre span.add,.listlens-add{background:rgba(46,160,67,.2)}
pre span.del,.listlens-del{background:rgba(248,81,73,.2)}
pre span.hunk,.listlens-hunk{background:rgba(84,140,255,.16)}
pre span.add,pre span.del,pre span.hunk,.listlens-add,.listlens-del,.listlens-hunk{display:block}
pre span.head{font-weight:bold}
pre span.q{color:#1d5f8a}
.listlens-mark{display:inline-block;margin-left:.6em;padding:0 4px;border-radius:3px;font-size:85%;line-height:1.3;
background:rgba(127,127,127,.16);border:1px solid rgba(127,127,127,.4);vertical-align:baseline}
.listlens-mark::before{content:attr(data-label)}
.listlens-mark[data-applied]{background:rgba(46,160,67,.22);border-color:rgba(46,160,67,.6)}
.listlens-mark[data-new]{border-color:#2563eb}
pre.listlens-new{border-left:3px solid #2563eb;padding-left:6px}
`;

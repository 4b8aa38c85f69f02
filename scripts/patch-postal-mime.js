#!/usr/bin/env node
/**
 * postinstall: make postal-mime 4.0.0 join decoded parts with a plain byte copy.
 *
 * Why: postal-mime's three content decoders end with
 * `blobToArrayBuffer(new Blob(this.chunks))`. Building a Blob and reading it back costs
 * more than all the decoding before it; copying the chunks into one Uint8Array gives
 * byte-identical output, and the whole parse of list mail gets about twice as fast (the
 * bench compares stock and patched on every run). It works in a service worker the same.
 * patches/postal-mime+4.0.0.patch is the same change as a unified diff, to offer upstream.
 *
 * Idempotent: a second run finds the patched text and does nothing. Loud: if the installed
 * version or any expected text differs (a new postal-mime, a half-applied patch), it exits
 * non-zero naming the file, so nobody silently runs the slow or a broken parser.
 *
 * Also an ES module for the bench, which builds an unpatched copy with `unpatchedText`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const EXPECTED_VERSION = '4.0.0';

const BLOB_ESM = "blobToArrayBuffer(new Blob(this.chunks, { type: 'application/octet-stream' }))";
const BLOB_CJS = "(0, decode_strings_js_1.blobToArrayBuffer)(new Blob(this.chunks, { type: 'application/octet-stream' }))";
const OLD_COMMENT = '// convert an array of arraybuffers into a blob and then back into a single arraybuffer';
const NEW_COMMENT = '// join the decoded chunks into a single arraybuffer (a plain copy, much cheaper than a Blob round trip)';

const HELPER_DOC = `/**
 * Joins decoded chunks into one ArrayBuffer. A plain copy: the result is the same bytes a
 * Blob round trip gives, without the cost of building a Blob and reading it back.
 * @param chunks Chunks as decoded
 * @returns The concatenated bytes
 */
`;
const HELPER_BODY = `    const parts = new Array(chunks.length);
    let total = 0;
    for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i];
        // the pass-through decoder pushes a '\\n' string after every line: encode it once
        const part = typeof chunk === 'string' ? (chunk === '\\n' ? NEWLINE : chunkEncoder.encode(chunk)) : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk);
        parts[i] = part;
        total += part.byteLength;
    }
    const out = new Uint8Array(total);
    let pos = 0;
    for (let i = 0; i < parts.length; i++) {
        out.set(parts[i], pos);
        pos += parts[i].byteLength;
    }
    return out.buffer;
}
`;
const HELPER_JS = `const chunkEncoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);
${HELPER_DOC}export function concatChunks(chunks) {
${HELPER_BODY}`;
const HELPER_CJS = `const chunkEncoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);
${HELPER_DOC}function concatChunks(chunks) {
${HELPER_BODY}`;
const HELPER_TS = `const chunkEncoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);
${HELPER_DOC}export function concatChunks(chunks: Array<ArrayBuffer | ArrayBufferView | string>): ArrayBuffer {
${HELPER_BODY.replace('new Array(chunks.length)', 'new Array<Uint8Array>(chunks.length)').replace('out.set(parts[i], pos);\n        pos += parts[i].byteLength;', 'const part = parts[i] as Uint8Array;\n        out.set(part, pos);\n        pos += part.byteLength;')}`;

/** Every edit as [file, original text, patched text]; each original occurs exactly once. */
export const EDITS = [
  // the helper
  ['dist/esm/decode-strings.js', 'export async function blobToArrayBuffer(blob) {', `${HELPER_JS}export async function blobToArrayBuffer(blob) {`],
  ['dist/cjs/decode-strings.js', 'exports.blobToArrayBuffer = blobToArrayBuffer;\n', 'exports.blobToArrayBuffer = blobToArrayBuffer;\nexports.concatChunks = concatChunks;\n'],
  ['dist/cjs/decode-strings.js', 'async function blobToArrayBuffer(blob) {', `${HELPER_CJS}async function blobToArrayBuffer(blob) {`],
  ['dist/esm/decode-strings.d.ts', 'export declare function blobToArrayBuffer(', 'export declare function concatChunks(chunks: Array<ArrayBuffer | ArrayBufferView | string>): ArrayBuffer;\nexport declare function blobToArrayBuffer('],
  ['dist/cjs/decode-strings.d.ts', 'export declare function blobToArrayBuffer(', 'export declare function concatChunks(chunks: Array<ArrayBuffer | ArrayBufferView | string>): ArrayBuffer;\nexport declare function blobToArrayBuffer('],
  ['src/decode-strings.ts', '/**\n * Converts a Blob into an ArrayBuffer', `${HELPER_TS}\n/**\n * Converts a Blob into an ArrayBuffer`],
  // the three decoders, ES modules
  ['dist/esm/base64-decoder.js', "import { decodeBase64, blobToArrayBuffer } from './decode-strings.js';", "import { decodeBase64, concatChunks } from './decode-strings.js';"],
  ['dist/esm/base64-decoder.js', `return ${BLOB_ESM};`, 'return Promise.resolve(concatChunks(this.chunks));'],
  ['dist/esm/qp-decoder.js', "import { blobToArrayBuffer, hexNibble } from './decode-strings.js';", "import { concatChunks, hexNibble } from './decode-strings.js';"],
  ['dist/esm/qp-decoder.js', `${OLD_COMMENT}\n        return ${BLOB_ESM};`, `${NEW_COMMENT}\n        return Promise.resolve(concatChunks(this.chunks));`],
  ['dist/esm/pass-through-decoder.js', "import { blobToArrayBuffer } from './decode-strings.js';", "import { concatChunks } from './decode-strings.js';"],
  ['dist/esm/pass-through-decoder.js', `${OLD_COMMENT}\n        return ${BLOB_ESM};`, `${NEW_COMMENT}\n        return Promise.resolve(concatChunks(this.chunks));`],
  // CommonJS
  ['dist/cjs/base64-decoder.js', `return ${BLOB_CJS};`, 'return Promise.resolve((0, decode_strings_js_1.concatChunks)(this.chunks));'],
  ['dist/cjs/qp-decoder.js', `${OLD_COMMENT}\n        return ${BLOB_CJS};`, `${NEW_COMMENT}\n        return Promise.resolve((0, decode_strings_js_1.concatChunks)(this.chunks));`],
  ['dist/cjs/pass-through-decoder.js', `${OLD_COMMENT}\n        return ${BLOB_CJS};`, `${NEW_COMMENT}\n        return Promise.resolve((0, decode_strings_js_1.concatChunks)(this.chunks));`],
  // TypeScript sources (not run; kept in step so the upstream diff is complete)
  ['src/base64-decoder.ts', "import { decodeBase64, blobToArrayBuffer } from './decode-strings.js';", "import { decodeBase64, concatChunks } from './decode-strings.js';"],
  ['src/base64-decoder.ts', `return ${BLOB_ESM};`, 'return Promise.resolve(concatChunks(this.chunks));'],
  ['src/qp-decoder.ts', "import { blobToArrayBuffer, hexNibble } from './decode-strings.js';", "import { concatChunks, hexNibble } from './decode-strings.js';"],
  ['src/qp-decoder.ts', `${OLD_COMMENT}\n        return ${BLOB_ESM};`, `${NEW_COMMENT}\n        return Promise.resolve(concatChunks(this.chunks));`],
  ['src/pass-through-decoder.ts', "import { blobToArrayBuffer } from './decode-strings.js';", "import { concatChunks } from './decode-strings.js';"],
  ['src/pass-through-decoder.ts', `${OLD_COMMENT}\n        return ${BLOB_ESM};`, `${NEW_COMMENT}\n        return Promise.resolve(concatChunks(this.chunks));`],
];

function count(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The state of one file: 'original', 'patched', or a reason it is neither. */
function stateOf(text, edits) {
  const orig = edits.every(([, from]) => count(text, from) === 1);
  const done = edits.every(([, from, to]) => count(text, to) === 1 && (to.includes(from) || count(text, from) === 0));
  if (done && text.includes('concatChunks')) return 'patched';
  if (orig && !text.includes('concatChunks')) return 'original';
  return 'unexpected';
}

function byFile() {
  const map = new Map();
  for (const edit of EDITS) {
    if (!map.has(edit[0])) map.set(edit[0], []);
    map.get(edit[0]).push(edit);
  }
  return map;
}

/** The original text of a patched file (for the bench's stock copy). */
export function unpatchedText(file, text) {
  let out = text;
  for (const [f, from, to] of [...EDITS].reverse()) if (f === file) out = out.replace(to, from);
  return out;
}

/** Applies the patch in `pkgDir`; returns 'patched' or 'already patched'; throws when unexpected. */
export function patchPostalMime(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_VERSION) {
    throw new Error(`postal-mime is ${pkg.version}, the patch is written for ${EXPECTED_VERSION}: update scripts/patch-postal-mime.js (or drop it if upstream took the fix)`);
  }
  const files = byFile();
  const states = new Map();
  for (const [file, edits] of files) {
    const path = join(pkgDir, file);
    if (!existsSync(path)) throw new Error(`postal-mime ${EXPECTED_VERSION}: ${file} is missing`);
    const state = stateOf(readFileSync(path, 'utf8'), edits);
    if (state === 'unexpected') throw new Error(`postal-mime ${EXPECTED_VERSION}: ${file} is neither the original nor the patched text; refusing to patch`);
    states.set(file, state);
  }
  const todo = [...states].filter(([, s]) => s === 'original');
  for (const [file] of todo) {
    const path = join(pkgDir, file);
    let text = readFileSync(path, 'utf8');
    for (const [, from, to] of files.get(file)) text = text.replace(from, to);
    writeFileSync(path, text);
  }
  return todo.length ? 'patched' : 'already patched';
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const pkgDir = join(root, 'node_modules', 'postal-mime');
  try {
    const result = patchPostalMime(pkgDir);
    console.log(`patch-postal-mime: ${result} (${pkgDir})`);
  } catch (err) {
    console.error(`patch-postal-mime: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

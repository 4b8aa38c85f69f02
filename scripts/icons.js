#!/usr/bin/env node
/**
 * Draws ListLens' toolbar/store icons (public/icons/icon-<size>.png) from code, so there is
 * no binary design file to keep: a rounded blue tile with three "list" lines and a lens.
 * Run by hand (`node scripts/icons.js`) when the design changes; the PNGs are committed.
 *
 * Non-goals: anti-aliasing beyond 4x4 supersampling, any image library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { crc32 } from './zip.js';

const BLUE = [37, 99, 235];
const WHITE = [255, 255, 255];

/** Colour and coverage of the design at (x, y) in a unit square, or null for transparent. */
function shade(x, y) {
  // rounded tile
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // lens: ring centred at (0.62, 0.6), handle to the lower right
  const dx = x - 0.6;
  const dy = y - 0.58;
  const d = Math.hypot(dx, dy);
  if (d > 0.17 && d < 0.25) return WHITE;
  if (x > 0.72 && y > 0.7 && Math.abs(x - y - 0.02) < 0.07 && x < 0.88) return WHITE;
  // list lines on the left
  for (const ly of [0.26, 0.42, 0.58, 0.74]) {
    const end = ly < 0.4 ? 0.78 : 0.36;
    if (Math.abs(y - ly) < 0.045 && x > 0.16 && x < end) return WHITE;
  }
  return BLUE;
}

function png(size) {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let rr = 0, gg = 0, bb = 0, aa = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          rr += c[0];
          gg += c[1];
          bb += c[2];
          aa++;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (aa) {
        raw[o] = Math.round(rr / aa);
        raw[o + 1] = Math.round(gg / aa);
        raw[o + 2] = Math.round(bb / aa);
      }
      raw[o + 3] = Math.round((aa / (ss * ss)) * 255);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(dirname(fileURLToPath(import.meta.url)), '../public/icons');
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(join(out, `icon-${size}.png`), png(size));
  console.log(`public/icons/icon-${size}.png`);
}

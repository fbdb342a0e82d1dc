// Draws the extension's icon (images/icon.png, 128×128): a small org chart — one box on top, three
// below, joined by reporting lines, one of them marked amber as a finding — on a blue rounded
// square. Plain Node: the PNG is encoded here (zlib + CRC-32), shapes are 4× supersampled.
//   node scripts/make-icon.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4; // samples per pixel side

const BLUE_TOP = [31, 78, 121];
const BLUE_BOTTOM = [43, 108, 176];
const WHITE = [255, 255, 255];
const AMBER = [246, 173, 85];

/** Inside a rounded rectangle (x, y, w, h, corner radius r)? */
function inRoundRect(px, py, x, y, w, h, r) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

const inRect = (px, py, x, y, w, h) => px >= x && py >= y && px <= x + w && py <= y + h;

/** The colour (RGBA) of one sample point, in icon coordinates (0..128). */
function sample(px, py) {
  if (!inRoundRect(px, py, 4, 4, 120, 120, 22)) return [0, 0, 0, 0];
  const t = (py - 4) / 120;
  let color = BLUE_TOP.map((c, i) => Math.round(c + (BLUE_BOTTOM[i] - c) * t));
  // Reporting lines: down from the top box, across, and down to each lower box.
  const lines = [
    [62, 44, 4, 16],
    [22, 58, 84, 4],
    [22, 58, 4, 18],
    [62, 58, 4, 18],
    [102, 58, 4, 18],
  ];
  if (lines.some(([x, y, w, h]) => inRect(px, py, x, y, w, h))) color = WHITE;
  // Boxes: the head on top, three teams below (the middle one flagged).
  if (inRoundRect(px, py, 40, 20, 48, 26, 6)) color = WHITE;
  if (inRoundRect(px, py, 8, 74, 32, 26, 5)) color = WHITE;
  if (inRoundRect(px, py, 48, 74, 32, 26, 5)) color = AMBER;
  if (inRoundRect(px, py, 88, 74, 32, 26, 5)) color = WHITE;
  return [...color, 255];
}

function render() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [r, g, b, a] = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
          // Premultiplied, so edges against transparency do not darken.
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / (SS * SS);
      const at = 1 + x * 4;
      for (let i = 0; i < 3; i++) row[at + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
      row[at + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`${path.relative(process.cwd(), out)}: ${png.length} bytes`);

// Draws the Teams app icons: manifest/color.png (192×192, accent background) and manifest/outline.png (32×32, white on
// transparent). Run `node scripts/make-icons.mjs` after changing the glyph or the accent color; commit the PNGs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));
const SUPERSAMPLING = 4;
/** @type {[number, number, number]} */
const WHITE = [255, 255, 255];

/** The letter A as three convex quads, in unit coordinates of the glyph box. */
const GLYPH = [
  [
    [0.44, 0.1],
    [0.56, 0.1],
    [0.3, 0.9],
    [0.14, 0.9],
  ],
  [
    [0.44, 0.1],
    [0.56, 0.1],
    [0.86, 0.9],
    [0.7, 0.9],
  ],
  [
    [0.3, 0.56],
    [0.7, 0.56],
    [0.7, 0.69],
    [0.3, 0.69],
  ],
];

function insideConvex(polygon, x, y) {
  let sign = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [ax, ay] = polygon[i];
    const [bx, by] = polygon[(i + 1) % polygon.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

function glyphCoverage(px, py, size, margin) {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++) {
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      const x = ((px + (sx + 0.5) / SUPERSAMPLING) / size - margin) / (1 - 2 * margin);
      const y = ((py + (sy + 0.5) / SUPERSAMPLING) / size - margin) / (1 - 2 * margin);
      if (GLYPH.some((polygon) => insideConvex(polygon, x, y))) hits++;
    }
  }
  return hits / SUPERSAMPLING ** 2;
}

/**
 * @param {{ size: number, margin: number, background?: [number, number, number] }} icon
 */
function drawIcon({ size, margin, background }) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = glyphCoverage(x, y, size, margin);
      const offset = (y * size + x) * 4;
      const blend = (/** @type {number} */ channel) => Math.round(channel + (255 - channel) * coverage);
      const [r, g, b] = background ? [blend(background[0]), blend(background[1]), blend(background[2])] : WHITE;
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = background ? 255 : Math.round(255 * coverage);
    }
  }
  return PNG.sync.write(png);
}

/** @returns {[number, number, number]} */
function accentColor() {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', `file://${MANIFEST_DIR}`), 'utf8'));
  const hex = manifest.accentColor.slice(1);
  const channel = (/** @type {number} */ start) => Number.parseInt(hex.slice(start, start + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

writeFileSync(`${MANIFEST_DIR}color.png`, drawIcon({ size: 192, margin: 0.2, background: accentColor() }));
writeFileSync(`${MANIFEST_DIR}outline.png`, drawIcon({ size: 32, margin: 0.06 }));
process.stdout.write('wrote manifest/color.png and manifest/outline.png\n');

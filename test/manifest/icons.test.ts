import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_DIR } from '../../scripts/lib/teams-app.mjs';

function readPng(name: string): PNG {
  return PNG.sync.read(readFileSync(`${MANIFEST_DIR}${name}`));
}

function pixels(png: PNG): { r: number; g: number; b: number; a: number }[] {
  return Array.from({ length: png.width * png.height }, (_, index) => {
    const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(index * 4, index * 4 + 4);
    return { r, g, b, a };
  });
}

describe('the Teams app icons', () => {
  it('has a fully opaque 192×192 color icon', () => {
    const color = readPng('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(pixels(color).every((pixel) => pixel.a === 255)).toBe(true);
  });

  it('has a 32×32 outline icon that is white on transparent', () => {
    const outline = readPng('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const all = pixels(outline);
    const drawn = all.filter((pixel) => pixel.a > 0);
    expect(drawn.every((pixel) => pixel.r === 255 && pixel.g === 255 && pixel.b === 255)).toBe(true);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(all.length / 2);
  });
});

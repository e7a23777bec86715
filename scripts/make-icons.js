#!/usr/bin/env node
/**
 * Draws the Rotation Desk icons into assets/: two crossing lines, one rising and one falling,
 * on a rounded square in Office green. Anti-aliased by supersampling each pixel.
 *
 *   node scripts/make-icons.js            writes assets/icon-{16,32,64,80,128}.png
 *   node scripts/make-icons.js out-dir    writes them somewhere else
 *
 * The output is deterministic, so re-running it on an unchanged script changes no file.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { PNG } = require("pngjs");

const SIZES = [16, 32, 64, 80, 128];
/** Samples per pixel along each axis (SAMPLES² per pixel). */
const SAMPLES = 8;

const GREEN = [0x10, 0x7c, 0x41]; // Office/Excel green
const RISING = [0xff, 0xff, 0xff]; // white, drawn on top
const FALLING = [0x9f, 0xe0, 0xb8]; // pale green, drawn underneath

/**
 * The design in unit coordinates (0..1, y pointing down). Line widths grow a little at small
 * sizes so the 16 px icon keeps lines about 2 px wide.
 */
function design(size) {
  const margin = size <= 16 ? 0.5 / size : 1 / 16;
  const lineWidth = Math.max(0.115, 2.1 / size);
  return {
    square: { x0: margin, y0: margin, x1: 1 - margin, y1: 1 - margin, radius: 0.2 },
    // A falling line that eases off, and a rising one that dips once and then breaks out:
    // two price lines crossing, the rotation the add-in measures.
    falling: {
      points: [
        [0.22, 0.28],
        [0.5, 0.45],
        [0.78, 0.7],
      ],
      halfWidth: (lineWidth * 0.85) / 2,
    },
    rising: {
      points: [
        [0.22, 0.76],
        [0.44, 0.55],
        [0.57, 0.63],
        [0.79, 0.26],
      ],
      halfWidth: lineWidth / 2,
    },
  };
}

function insideRoundedSquare(x, y, s) {
  const cx = Math.min(Math.max(x, s.x0 + s.radius), s.x1 - s.radius);
  const cy = Math.min(Math.max(y, s.y0 + s.radius), s.y1 - s.radius);
  if (x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1) return false;
  return (x - cx) ** 2 + (y - cy) ** 2 <= s.radius ** 2;
}

/** Inside a segment from a to b with round caps ("capsule") of the given half width. */
function insideSegment(x, y, [ax, ay], [bx, by], halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  const px = ax + t * dx - x;
  const py = ay + t * dy - y;
  return px * px + py * py <= halfWidth * halfWidth;
}

/** Inside a polyline with round joins and caps. */
function insideLine(x, y, line) {
  for (let i = 1; i < line.points.length; i++) {
    if (insideSegment(x, y, line.points[i - 1], line.points[i], line.halfWidth)) return true;
  }
  return false;
}

/** Colour (or null for transparent) of one point of the design. */
function colourAt(x, y, d) {
  if (!insideRoundedSquare(x, y, d.square)) return null;
  if (insideLine(x, y, d.rising)) return RISING;
  if (insideLine(x, y, d.falling)) return FALLING;
  return GREEN;
}

function drawIcon(size) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const d = design(size);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, d);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      // Colour is the mean over covered samples (un-premultiplied); alpha is the coverage.
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((255 * covered) / n);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, drawIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file) || file} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { drawIcon, SIZES };

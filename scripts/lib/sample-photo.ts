/**
 * Deterministic photo-like pictures for the sample site, fixtures and the benchmark corpus: a sky
 * gradient, a horizon of blocks and film grain, so encoders see photographic detail rather than a
 * flat colour (which would make image timings meaninglessly fast).
 */
import sharp from 'sharp';

/** Small seeded PRNG (mulberry32): the same seed always gives the same picture. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SamplePhotoOptions {
  width: number;
  height: number;
  seed: number;
  /** JPEG quality, default 80. */
  quality?: number;
}

export async function samplePhoto({ width, height, seed, quality = 80 }: SamplePhotoOptions): Promise<Buffer> {
  const random = seededRandom(seed);
  const top = [40 + random() * 80, 90 + random() * 80, 150 + random() * 90];
  const bottom = [200 + random() * 55, 150 + random() * 70, 90 + random() * 80];
  const horizon = Math.floor(height * (0.45 + random() * 0.25));
  const blocks = Array.from({ length: 6 + Math.floor(random() * 10) }, () => ({
    x: Math.floor(random() * width),
    w: Math.floor(width * (0.05 + random() * 0.2)),
    h: Math.floor(height * (0.1 + random() * 0.35)),
    shade: 30 + random() * 90,
  }));
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / height;
    for (let x = 0; x < width; x++) {
      let r = top[0]! + (bottom[0]! - top[0]!) * t;
      let g = top[1]! + (bottom[1]! - top[1]!) * t;
      let b = top[2]! + (bottom[2]! - top[2]!) * t;
      if (y > horizon) {
        r *= 0.55;
        g *= 0.6;
        b *= 0.5;
      }
      for (const block of blocks) {
        if (x >= block.x && x < block.x + block.w && y > horizon - block.h && y <= horizon) {
          r = g = b = block.shade + ((x * 7 + y * 3) % 23);
        }
      }
      const grain = (random() - 0.5) * 28;
      const i = (y * width + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, r + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, g + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, b + grain));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality, mozjpeg: true }).toBuffer();
}

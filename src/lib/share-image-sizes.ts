/**
 * Sizes of the share images made from a hero. Google asks for article images in 16:9, 4:3 and
 * 1:1, at least 50,000 pixels each; social cards use the widest one. Never larger than the
 * source: an enlarged photo only gets blurrier.
 */
export interface Size {
  width: number;
  height: number;
}

export const SHARE_RATIOS = [
  [16, 9],
  [4, 3],
  [1, 1],
] as const;

/** The largest crop of each ratio that fits in the source and in `maxWidth`. */
export function shareCropSizes(source: Size, maxWidth: number): Size[] {
  return SHARE_RATIOS.map(([w, h]) => {
    let width = Math.min(maxWidth, source.width);
    let height = Math.round((width * h) / w);
    if (height > source.height) {
      height = source.height;
      width = Math.round((height * w) / h);
    }
    return { width, height };
  });
}

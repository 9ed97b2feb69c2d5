/**
 * The picture inside the generated media files: colour bars that slide one step per frame,
 * as packed 24-bit pixels. Uncompressed on purpose, so the files weigh a few hundred KB and a
 * download has something to report progress on.
 * @module
 */

/** Width of every generated frame, in pixels. */
export const FRAME_WIDTH = 160;
/** Height of every generated frame, in pixels. */
export const FRAME_HEIGHT = 128;
/** Frames in every generated file. */
export const FRAME_COUNT = 5;

const BARS: ReadonlyArray<readonly [number, number, number]> = [
  [192, 192, 192],
  [192, 192, 0],
  [0, 192, 192],
  [0, 192, 0],
  [192, 0, 192],
  [192, 0, 0],
  [0, 0, 192],
  [16, 16, 16],
];

/**
 * One frame of colour bars, 3 bytes per pixel.
 * @param frame frame number; the bars move right by 8 pixels per frame.
 * @param order `rgb` top row first (MP4 `raw `), or `bgr` bottom row first (FLV screen video).
 */
export function testPatternFrame(frame: number, order: 'rgb' | 'bgr'): Uint8Array {
  const pixels = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 3);
  const barWidth = FRAME_WIDTH / BARS.length;
  for (let row = 0; row < FRAME_HEIGHT; row++) {
    const line = order === 'rgb' ? row : FRAME_HEIGHT - 1 - row;
    for (let column = 0; column < FRAME_WIDTH; column++) {
      const bar = BARS[Math.floor(((column + frame * 8) % FRAME_WIDTH) / barWidth)] as readonly number[];
      // A lighter band across the bottom quarter, so up and down are visible.
      const lift = row >= (FRAME_HEIGHT * 3) / 4 ? 48 : 0;
      const offset = (line * FRAME_WIDTH + column) * 3;
      const [red, green, blue] = bar.map((value) => Math.min(255, value + lift)) as [number, number, number];
      pixels[offset] = order === 'rgb' ? red : blue;
      pixels[offset + 1] = green;
      pixels[offset + 2] = order === 'rgb' ? blue : red;
    }
  }
  return pixels;
}

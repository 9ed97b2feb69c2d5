/**
 * A small, valid MP4 file (the modern archive format): `ftyp`, `mdat`, `moov` with one video
 * track of uncompressed 24-bit RGB frames (sample entry `raw `), which ISO BMFF readers and
 * ffmpeg's demuxer accept.
 * @module
 */
import { FRAME_COUNT, FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

export const TIMESCALE = 1000;
export const UNITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

export function box(type: string, ...content: Buffer[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + content.reduce((sum, part) => sum + part.length, 0));
  header.write(type, 4, 'ascii');
  return Buffer.concat([header, ...content]);
}

export function fullBox(type: string, version: number, flags: number, ...content: Buffer[]): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff));
  return box(type, prefix, ...content);
}

export function u32(...values: number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 4);
  for (const [index, value] of values.entries()) bytes.writeUInt32BE(value >>> 0, index * 4);
  return bytes;
}

export function u16(...values: number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 2);
  for (const [index, value] of values.entries()) bytes.writeUInt16BE(value & 0xffff, index * 2);
  return bytes;
}

export function sampleEntry(): Buffer {
  const name = Buffer.alloc(32);
  const label = 'opentok-emulator';
  name[0] = label.length;
  name.write(label, 1, 'ascii');
  return box(
    'raw ',
    Buffer.alloc(6), // reserved
    u16(1), // data_reference_index
    Buffer.alloc(16), // pre_defined, reserved, pre_defined[3]
    u16(FRAME_WIDTH, FRAME_HEIGHT),
    u32(0x00480000, 0x00480000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    name,
    u16(24, 0xffff), // depth, pre_defined = -1
  );
}

function movie(durationMs: number, chunkOffset: number, frameSize: number): Buffer {
  const header = fullBox(
    'mvhd',
    0,
    0,
    u32(0, 0, TIMESCALE, durationMs, 0x00010000), // times, timescale, duration, rate 1.0
    u16(0x0100, 0), // volume 1.0, reserved
    u32(0, 0, ...UNITY_MATRIX, 0, 0, 0, 0, 0, 0, 2), // reserved, matrix, pre_defined, next_track_ID
  );
  const track = box(
    'trak',
    fullBox(
      'tkhd',
      0,
      3,
      u32(0, 0, 1, 0, durationMs, 0, 0),
      u16(0, 0, 0, 0),
      u32(...UNITY_MATRIX),
      u32(FRAME_WIDTH << 16, FRAME_HEIGHT << 16),
    ),
    box(
      'mdia',
      fullBox('mdhd', 0, 0, u32(0, 0, TIMESCALE, durationMs), u16(0x55c4, 0)), // language "und"
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide', 'ascii'), u32(0, 0, 0), Buffer.from('VideoHandler\0', 'ascii')),
      box(
        'minf',
        fullBox('vmhd', 0, 1, u16(0, 0, 0, 0)),
        box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
        box(
          'stbl',
          fullBox('stsd', 0, 0, u32(1), sampleEntry()),
          fullBox('stts', 0, 0, u32(1, FRAME_COUNT, Math.floor(durationMs / FRAME_COUNT))),
          fullBox('stsc', 0, 0, u32(1, 1, FRAME_COUNT, 1)),
          fullBox('stsz', 0, 0, u32(frameSize, FRAME_COUNT)),
          fullBox('stco', 0, 0, u32(1, chunkOffset)),
        ),
      ),
    ),
  );
  return box('moov', header, track);
}

/**
 * Builds the MP4 file of one archive.
 * @param durationMs the length the file claims; the frames are spread evenly over it.
 * @example
 * const mp4 = createMp4(62000) // Buffer whose bytes 4..8 are 'ftyp'
 */
export function createMp4(durationMs: number): Buffer {
  const duration = Math.max(1000, Math.round(durationMs)) - (Math.max(1000, Math.round(durationMs)) % FRAME_COUNT);
  const fileType = box('ftyp', Buffer.from('isom', 'ascii'), u32(0x200), Buffer.from('isomiso2mp41', 'ascii'));
  const frames = Array.from({ length: FRAME_COUNT }, (_, frame) => Buffer.from(testPatternFrame(frame, 'rgb')));
  const data = box('mdat', ...frames);
  return Buffer.concat([fileType, data, movie(duration, fileType.length + 8, (frames[0] as Buffer).length)]);
}

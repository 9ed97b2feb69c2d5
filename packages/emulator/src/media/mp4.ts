/**
 * A small, valid MP4 file (the modern archive format), as the service's are: `ftyp`, `moov`
 * first (so a player starts without range requests), then `mdat` with one H.264 video track
 * (sample entry `avc1`) of the test pattern, which browsers and every player play, then a
 * `free` box up to {@link MP4_BYTES}. The box helpers are shared with the HLS segments.
 * @module
 */
import {
  H264_COMPATIBILITY,
  H264_LEVEL,
  H264_PROFILE,
  idrSlice,
  pictureParameterSet,
  rgbToYuv420,
  sequenceParameterSet,
} from './h264.js';
import { FRAME_COUNT, FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

export const TIMESCALE = 1000;
/** Size in bytes of every archive MP4 (the size the uncompressed files of earlier versions had). */
export const MP4_BYTES = 307_803;
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

/** The `raw ` (uncompressed RGB) sample entry of the HLS segments. */
export function sampleEntry(): Buffer {
  return visualSampleEntry('raw ');
}

/** A VisualSampleEntry of the test pattern's size, with `extra` boxes (`avcC`). */
function visualSampleEntry(type: string, ...extra: Buffer[]): Buffer {
  const name = Buffer.alloc(32);
  const label = 'opentok-emulator';
  name[0] = label.length;
  name.write(label, 1, 'ascii');
  return box(
    type,
    Buffer.alloc(6), // reserved
    u16(1), // data_reference_index
    Buffer.alloc(16), // pre_defined, reserved, pre_defined[3]
    u16(FRAME_WIDTH, FRAME_HEIGHT),
    u32(0x00480000, 0x00480000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    name,
    u16(24, 0xffff), // depth, pre_defined = -1
    ...extra,
  );
}

/** The `avc1` sample entry with its `avcC` (parameter sets, 4-byte NAL lengths). */
function avcSampleEntry(sps: Buffer, pps: Buffer): Buffer {
  const config = Buffer.concat([
    Buffer.from([1, H264_PROFILE, H264_COMPATIBILITY, H264_LEVEL, 0xff, 0xe1]),
    u16(sps.length),
    sps,
    Buffer.from([1]),
    u16(pps.length),
    pps,
  ]);
  return visualSampleEntry('avc1', box('avcC', config));
}

function movie(durationMs: number, chunkOffset: number, entry: Buffer, sizes: number[]): Buffer {
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
          fullBox('stsd', 0, 0, u32(1), entry),
          fullBox('stts', 0, 0, u32(1, sizes.length, Math.floor(durationMs / sizes.length))),
          fullBox('stsc', 0, 0, u32(1, 1, sizes.length, 1)),
          fullBox('stsz', 0, 0, u32(0, sizes.length, ...sizes)),
          fullBox('stco', 0, 0, u32(1, chunkOffset)),
        ),
      ),
    ),
  );
  return box('moov', header, track);
}

/** The frames of the test pattern, each an IDR picture as a 4-byte-length-prefixed NAL unit. */
function pictures(): Buffer[] {
  return Array.from({ length: FRAME_COUNT }, (_, frame) => {
    const picture = rgbToYuv420(testPatternFrame(frame, 'rgb'), FRAME_WIDTH, FRAME_HEIGHT);
    const slice = idrSlice(picture, frame % 2);
    return Buffer.concat([u32(slice.length), slice]);
  });
}

/**
 * Builds the MP4 file of one archive.
 * @param durationMs the length the file claims; the frames are spread evenly over it.
 * @example
 * const mp4 = createMp4(62000) // Buffer whose bytes 4..8 are 'ftyp'
 */
export function createMp4(durationMs: number): Buffer {
  const rounded = Math.max(1000, Math.round(durationMs));
  const duration = rounded - (rounded % FRAME_COUNT);
  const fileType = box('ftyp', Buffer.from('isom', 'ascii'), u32(0x200), Buffer.from('isomiso2avc1mp41', 'ascii'));
  const entry = avcSampleEntry(sequenceParameterSet(FRAME_WIDTH, FRAME_HEIGHT), pictureParameterSet());
  const frames = pictures();
  const sizes = frames.map((frame) => frame.length);
  // The moov's size does not depend on the offset it holds: measure it, then point at mdat.
  const moovSize = movie(duration, 0, entry, sizes).length;
  const moov = movie(duration, fileType.length + moovSize + 8, entry, sizes);
  const media = Buffer.concat([fileType, moov, box('mdat', ...frames)]);
  // A `free` box (which readers skip) brings it to the size archives have always had, so that
  // downloads keep something to report progress on and sizes stay as documented.
  return Buffer.concat([media, box('free', Buffer.alloc(Math.max(0, MP4_BYTES - media.length - 8)))]);
}

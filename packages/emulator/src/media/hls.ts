/**
 * HLS of a broadcast: a media playlist whose segments are the test pattern as fragmented MP4
 * (an init segment with the track, then `moof` + `mdat` segments of five frames each), which
 * HLS readers such as ffmpeg's accept. While the broadcast runs, the playlist is live (a window
 * of the latest segments, or every segment from the start with DVR); once it stopped, it ends
 * with `#EXT-X-ENDLIST`.
 * @module
 */
import { box, fullBox, sampleEntry, TIMESCALE, UNITY_MATRIX, u16, u32 } from './mp4.js';
import { FRAME_COUNT, FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

/** Length of one segment, in milliseconds. */
export const SEGMENT_MS = 2000;
/** Segments in a live playlist without DVR. */
const WINDOW = 3;

/** The init segment: `ftyp` and a `moov` with one video track and `mvex`, no samples. */
export function initSegment(): Buffer {
  const fileType = box('ftyp', Buffer.from('iso6', 'ascii'), u32(0), Buffer.from('iso6isommp41', 'ascii'));
  const header = fullBox(
    'mvhd',
    0,
    0,
    u32(0, 0, TIMESCALE, 0, 0x00010000),
    u16(0x0100, 0),
    u32(0, 0, ...UNITY_MATRIX, 0, 0, 0, 0, 0, 0, 2),
  );
  const empty = (type: string, ...fields: number[]) => fullBox(type, 0, 0, u32(...fields));
  const track = box(
    'trak',
    fullBox(
      'tkhd',
      0,
      3,
      u32(0, 0, 1, 0, 0, 0, 0),
      u16(0, 0, 0, 0),
      u32(...UNITY_MATRIX),
      u32(FRAME_WIDTH << 16, FRAME_HEIGHT << 16),
    ),
    box(
      'mdia',
      fullBox('mdhd', 0, 0, u32(0, 0, TIMESCALE, 0), u16(0x55c4, 0)),
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide', 'ascii'), u32(0, 0, 0), Buffer.from('VideoHandler\0', 'ascii')),
      box(
        'minf',
        fullBox('vmhd', 0, 1, u16(0, 0, 0, 0)),
        box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
        box(
          'stbl',
          fullBox('stsd', 0, 0, u32(1), sampleEntry()),
          empty('stts', 0),
          empty('stsc', 0),
          empty('stsz', 0, 0),
          empty('stco', 0),
        ),
      ),
    ),
  );
  const movieExtends = box('mvex', fullBox('trex', 0, 0, u32(1, 1, 0, 0, 0)));
  return Buffer.concat([fileType, box('moov', header, track, movieExtends)]);
}

/** Media segment `sequence` (0-based): the five test-pattern frames over {@link SEGMENT_MS}. */
export function mediaSegment(sequence: number): Buffer {
  const frames = Array.from({ length: FRAME_COUNT }, (_, frame) => Buffer.from(testPatternFrame(frame, 'rgb')));
  const frameMs = SEGMENT_MS / FRAME_COUNT;
  const decodeTime = Buffer.alloc(8);
  decodeTime.writeBigUInt64BE(BigInt(sequence) * BigInt(SEGMENT_MS));
  const samples = frames.flatMap((frame) => [frameMs, frame.length]);
  const build = (dataOffset: number) =>
    box(
      'moof',
      fullBox('mfhd', 0, 0, u32(sequence + 1)),
      box(
        'traf',
        fullBox('tfhd', 0, 0x020000, u32(1)), // default-base-is-moof
        fullBox('tfdt', 1, 0, decodeTime),
        fullBox('trun', 0, 0x000301, u32(FRAME_COUNT, dataOffset, ...samples)), // data offset, duration, size
      ),
    );
  const size = build(0).length;
  return Buffer.concat([build(size + 8), box('mdat', ...frames)]);
}

/**
 * The media playlist of a broadcast that has run `elapsedMs`.
 * @param ended the broadcast stopped: every segment, then `#EXT-X-ENDLIST`.
 * @param dvr keep every segment from the start instead of a window of the latest.
 */
export function mediaPlaylist(elapsedMs: number, ended: boolean, dvr: boolean): string {
  const available = Math.max(1, Math.floor(elapsedMs / SEGMENT_MS) + (ended ? 1 : 0));
  const first = ended || dvr ? 0 : Math.max(0, available - WINDOW);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.ceil(SEGMENT_MS / 1000)}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
  ];
  if (dvr || ended) lines.push(`#EXT-X-PLAYLIST-TYPE:${ended ? 'VOD' : 'EVENT'}`);
  lines.push('#EXT-X-MAP:URI="init.mp4"');
  for (let sequence = first; sequence < available; sequence++) {
    lines.push(`#EXTINF:${(SEGMENT_MS / 1000).toFixed(3)},`, `segment-${sequence}.m4s`);
  }
  if (ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

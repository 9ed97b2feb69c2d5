/**
 * A small, valid FLV file (the legacy archive format): an `onMetaData` script tag and a few
 * Screen Video (codec 3) key frames, each a single zlib block of uncompressed BGR pixels.
 * @module
 */
import { deflateSync } from 'node:zlib';
import { FRAME_COUNT, FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

const SCRIPT_TAG = 18;
const VIDEO_TAG = 9;
const SCREEN_VIDEO_KEY_FRAME = 0x13; // frame type 1 (key frame) << 4 | codec 3 (Screen Video)

function amfString(text: string): Buffer {
  const bytes = Buffer.from(text, 'ascii');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function amfNumber(value: number): Buffer {
  const bytes = Buffer.alloc(9);
  bytes[0] = 0x00;
  bytes.writeDoubleBE(value, 1);
  return bytes;
}

function metadata(durationSeconds: number): Buffer {
  const properties: Array<[string, number]> = [
    ['duration', durationSeconds],
    ['width', FRAME_WIDTH],
    ['height', FRAME_HEIGHT],
    ['framerate', FRAME_COUNT / durationSeconds],
    ['videocodecid', 3],
  ];
  const count = Buffer.alloc(5);
  count[0] = 0x08; // ECMA array
  count.writeUInt32BE(properties.length, 1);
  return Buffer.concat([
    Buffer.from([0x02]),
    amfString('onMetaData'),
    count,
    ...properties.flatMap(([name, value]) => [amfString(name), amfNumber(value)]),
    Buffer.from([0x00, 0x00, 0x09]),
  ]);
}

function tag(type: number, timestamp: number, data: Buffer): Buffer {
  const header = Buffer.alloc(11);
  header[0] = type;
  header.writeUIntBE(data.length, 1, 3);
  header.writeUIntBE(timestamp & 0xffffff, 4, 3);
  header[7] = (timestamp >>> 24) & 0xff;
  header.writeUIntBE(0, 8, 3);
  const previousSize = Buffer.alloc(4);
  previousSize.writeUInt32BE(11 + data.length);
  return Buffer.concat([header, data, previousSize]);
}

function screenVideoFrame(frame: number): Buffer {
  const block = deflateSync(testPatternFrame(frame, 'bgr'), { level: 0 });
  const packet = Buffer.alloc(7);
  packet[0] = SCREEN_VIDEO_KEY_FRAME;
  // One block covering the whole image: block size is (n + 1) * 16 pixels.
  packet.writeUInt16BE(((FRAME_WIDTH / 16 - 1) << 12) | FRAME_WIDTH, 1);
  packet.writeUInt16BE(((FRAME_HEIGHT / 16 - 1) << 12) | FRAME_HEIGHT, 3);
  packet.writeUInt16BE(block.length, 5);
  return Buffer.concat([packet, block]);
}

/**
 * Builds the FLV file of one legacy archive video.
 * @param durationMs the length the file claims; frames are spread evenly over it.
 * @example
 * const flv = createFlv(18734) // Buffer starting with 'FLV'
 */
export function createFlv(durationMs: number): Buffer {
  const duration = Math.max(1000, Math.round(durationMs));
  const header = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x01, 0, 0, 0, 9, 0, 0, 0, 0]);
  const tags = [tag(SCRIPT_TAG, 0, metadata(duration / 1000))];
  for (let frame = 0; frame < FRAME_COUNT; frame++) {
    tags.push(tag(VIDEO_TAG, Math.floor((frame * duration) / FRAME_COUNT), screenVideoFrame(frame)));
  }
  return Buffer.concat([header, ...tags]);
}

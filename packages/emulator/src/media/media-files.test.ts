import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createFlv } from './flv.js';
import { rgbToYuv420 } from './h264.js';
import { archiveMp4, MP4_SIZE, videoFlv } from './media-files.js';
import { createMp4 } from './mp4.js';
import { FRAME_COUNT, FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

const FRAME_BYTES = FRAME_WIDTH * FRAME_HEIGHT * 3;

/** Walks ISO BMFF boxes: [type, start, end] of each child between start and end. */
function boxes(file: Buffer, start: number, end: number): Array<[string, number, number]> {
  const result: Array<[string, number, number]> = [];
  for (let at = start; at < end; ) {
    const size = file.readUInt32BE(at);
    expect(size).toBeGreaterThanOrEqual(8);
    result.push([file.toString('ascii', at + 4, at + 8), at, at + size]);
    at += size;
    expect(at).toBeLessThanOrEqual(end);
  }
  return result;
}

function child(file: Buffer, parent: [string, number, number], path: string[], fullBox = 0): [string, number, number] {
  let current = parent;
  for (const type of path) {
    const found = boxes(file, current[1] + 8 + fullBox, current[2]).find(([name]) => name === type);
    if (!found) throw new Error(`no ${type} box`);
    current = found;
  }
  return current;
}

describe('createMp4', () => {
  it('is ftyp, moov, mdat, free whose sizes add up (moov first, so a player needs no range request)', () => {
    const file = createMp4(62000);
    const top = boxes(file, 0, file.length);
    expect(top.map(([type]) => type)).toEqual(['ftyp', 'moov', 'mdat', 'free']);
    expect(file.length).toBe(307_803); // as before: download sizes and progress stay as documented
    expect(file.toString('ascii', 8, 12)).toBe('isom');
  });

  it('is H.264 (avc1 with avcC) and describes its samples truthfully: stsz adds up to mdat, stco points at it', () => {
    const file = createMp4(62000);
    const [, moov, mdat] = boxes(file, 0, file.length) as Array<[string, number, number]>;
    const stbl = child(file, moov!, ['trak', 'mdia', 'minf', 'stbl']);
    const tables = Object.fromEntries(boxes(file, stbl[1] + 8, stbl[2]).map((entry) => [entry[0], entry]));
    const stsz = tables.stsz!;
    expect(file.readUInt32BE(stsz[1] + 12)).toBe(0); // sizes per sample
    expect(file.readUInt32BE(stsz[1] + 16)).toBe(FRAME_COUNT);
    const sizes = Array.from({ length: FRAME_COUNT }, (_, index) => file.readUInt32BE(stsz[1] + 20 + index * 4));
    expect(mdat![2] - mdat![1] - 8).toBe(sizes.reduce((sum, size) => sum + size, 0));
    expect(file.readUInt32BE(tables.stco![1] + 16)).toBe(mdat![1] + 8);
    // Each sample is one length-prefixed IDR NAL unit.
    let at = mdat![1] + 8;
    for (const size of sizes) {
      expect(file.readUInt32BE(at)).toBe(size - 4);
      expect((file[at + 4] as number) & 0x1f).toBe(5);
      at += size;
    }
    const stsd = tables.stsd!;
    expect(file.toString('ascii', stsd[1] + 20, stsd[1] + 24)).toBe('avc1');
    const avcC = file.indexOf('avcC', stsd[1]);
    expect([...file.subarray(avcC + 4, avcC + 8)]).toEqual([1, 66, 0xc0, 30]); // Constrained Baseline 3.0
    const mvhd = child(file, moov!, ['mvhd']);
    expect(mvhd[2] - mvhd[1]).toBe(108);
    expect(file.readUInt32BE(mvhd[1] + 20)).toBe(1000); // timescale
    expect(file.readUInt32BE(mvhd[1] + 24)).toBe(62000); // duration in ms
  });

  it('has the same size whatever the duration, so an archive can report it in advance', () => {
    expect(createMp4(1000).length).toBe(MP4_SIZE);
    expect(createMp4(3_600_000).length).toBe(MP4_SIZE);
    expect(archiveMp4(5000)).toBe(archiveMp4(5000)); // cached
  });
});

describe('createFlv', () => {
  it('is an FLV header, onMetaData and one Screen Video key frame per frame', () => {
    const file = createFlv(18734);
    expect(file.toString('ascii', 0, 3)).toBe('FLV');
    expect(file[3]).toBe(1);
    expect(file.readUInt32BE(5)).toBe(9);
    expect(file.readUInt32BE(9)).toBe(0);
    const tags: Array<{ type: number; timestamp: number; data: Buffer }> = [];
    for (let at = 13; at < file.length; ) {
      const type = file[at] as number;
      const size = file.readUIntBE(at + 1, 3);
      const timestamp = file.readUIntBE(at + 4, 3) | ((file[at + 7] as number) << 24);
      tags.push({ type, timestamp, data: file.subarray(at + 11, at + 11 + size) });
      expect(file.readUInt32BE(at + 11 + size)).toBe(11 + size); // PreviousTagSize
      at += 11 + size + 4;
    }
    expect(tags.map(({ type }) => type)).toEqual([18, ...Array(FRAME_COUNT).fill(9)]);
    expect(tags[0]!.data.includes(Buffer.from('onMetaData'))).toBe(true);
    for (const [index, { data, timestamp }] of tags.slice(1).entries()) {
      expect(timestamp).toBe(Math.floor((index * 18734) / FRAME_COUNT));
      expect(data[0]).toBe(0x13);
      expect(data.readUInt16BE(1) & 0xfff).toBe(FRAME_WIDTH);
      expect(data.readUInt16BE(3) & 0xfff).toBe(FRAME_HEIGHT);
      const block = data.subarray(7, 7 + data.readUInt16BE(5));
      expect(inflateSync(block).length).toBe(FRAME_BYTES);
    }
    expect(file.length).toBeGreaterThan(200_000);
    expect(videoFlv(18734).length).toBe(file.length);
  });
});

// A second opinion from ffmpeg where it is installed (`apt-get install ffmpeg`); CI machines
// may lack it, so the test says so instead of failing.
const ffprobe = ['/usr/bin/ffprobe', '/usr/local/bin/ffprobe'].find((path) => existsSync(path));
describe.skipIf(!ffprobe)('ffprobe on the generated files', () => {
  it('reads the MP4 as H.264 Constrained Baseline 160x128, 5 frames, and the FLV as Screen Video', () => {
    const directory = mkdtempSync(join(tmpdir(), 'emulator-media-'));
    try {
      writeFileSync(join(directory, 'a.mp4'), createMp4(62000));
      writeFileSync(join(directory, 'a.flv'), createFlv(18734));
      const probe = (file: string) =>
        execFileSync(
          ffprobe!,
          ['-v', 'error', '-count_frames', '-show_streams', '-show_format', join(directory, file)],
          {
            encoding: 'utf8',
          },
        );
      const mp4 = probe('a.mp4');
      expect(mp4).toMatch(/codec_name=h264[\s\S]*profile=Constrained Baseline/);
      expect(mp4).toMatch(/width=160[\s\S]*height=128[\s\S]*pix_fmt=yuv420p/);
      expect(mp4).toMatch(/duration=62\.0/);
      expect(mp4).toContain('nb_read_frames=5');
      expect(mp4).toMatch(/format_name=mov,mp4/);
      const flv = probe('a.flv');
      expect(flv).toContain('codec_name=flashsv');
      expect(flv).toContain('nb_read_frames=5');
      expect(flv).toContain('duration=18.734');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('decodes the MP4 to exactly the pixels written (I_PCM is lossless)', () => {
    const ffmpeg = ffprobe!.replace(/ffprobe$/, 'ffmpeg');
    const directory = mkdtempSync(join(tmpdir(), 'emulator-media-'));
    try {
      writeFileSync(join(directory, 'a.mp4'), createMp4(5000));
      const decoded = execFileSync(
        ffmpeg,
        ['-v', 'error', '-i', join(directory, 'a.mp4'), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const expected = Buffer.concat(
        Array.from({ length: FRAME_COUNT }, (_, frame) => {
          const { y, cb, cr } = rgbToYuv420(testPatternFrame(frame, 'rgb'), FRAME_WIDTH, FRAME_HEIGHT);
          return Buffer.concat([y, cb, cr]);
        }),
      );
      expect(decoded.length).toBe(expected.length);
      expect(decoded.equals(expected)).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
if (!ffprobe) {
  console.warn(
    '[emulator media tests] ffprobe not found: the ffmpeg cross-check is SKIPPED; install it with apt-get install -y --no-install-recommends ffmpeg',
  );
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitWriter, idrSlice, nalUnit, rgbToYuv420 } from './h264.js';
import { FRAME_HEIGHT, FRAME_WIDTH, testPatternFrame } from './test-pattern.js';

/** Reads what BitWriter wrote: bits most significant first, Exp-Golomb codes. */
function reader(bytes: Uint8Array) {
  let position = 0;
  const bit = () => {
    const value = ((bytes[position >> 3] as number) >> (7 - (position & 7))) & 1;
    position += 1;
    return value;
  };
  const bits = (width: number) => {
    let value = 0;
    for (let index = 0; index < width; index++) value = value * 2 + bit();
    return value;
  };
  const ue = () => {
    let zeros = 0;
    while (bit() === 0) zeros += 1;
    return 2 ** zeros - 1 + bits(zeros);
  };
  const se = () => {
    const code = ue();
    return code % 2 === 1 ? (code + 1) / 2 : code === 0 ? 0 : -code / 2;
  };
  return { bits, ue, se };
}

/** Removes emulation_prevention_three_byte (the decoder's side of §7.4.1). */
function unescapeNal(nal: Uint8Array): number[] {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of nal.subarray(1)) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out;
}

describe('BitWriter', () => {
  it('writes ue(v), se(v) and fixed fields that read back the same', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('ue' as const), value: fc.integer({ min: 0, max: 1 << 20 }) }),
            fc.record({ kind: fc.constant('se' as const), value: fc.integer({ min: -(1 << 19), max: 1 << 19 }) }),
            fc.record({ kind: fc.constant('u8' as const), value: fc.integer({ min: 0, max: 255 }) }),
          ),
        ),
        (fields) => {
          const writer = new BitWriter();
          for (const { kind, value } of fields) {
            if (kind === 'u8') writer.bits(value, 8);
            else writer[kind](value);
          }
          const read = reader(writer.finish());
          for (const { kind, value } of fields) expect(kind === 'u8' ? read.bits(8) : read[kind]()).toBe(value);
          expect(read.bits(1)).toBe(1); // rbsp_stop_one_bit
        },
      ),
    );
  });
});

describe('nalUnit', () => {
  it('escapes every 00 00 0x so no start code appears, and unescapes to the RBSP', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).map((bytes) => bytes.map((byte) => byte & 3)),
        (rbsp) => {
          const nal = nalUnit(3, 5, rbsp);
          expect(nal[0]).toBe(0x65);
          for (let index = 1; index + 2 < nal.length; index++) {
            if (nal[index] === 0 && nal[index + 1] === 0) expect(nal[index + 2]).toBe(3);
          }
          expect(unescapeNal(nal)).toEqual([...rbsp]);
        },
      ),
    );
  });
});

describe('idrSlice', () => {
  it('holds one byte-aligned I_PCM macroblock of 384 samples per 16×16 block', () => {
    const picture = rgbToYuv420(testPatternFrame(0, 'rgb'), FRAME_WIDTH, FRAME_HEIGHT);
    const rbsp = unescapeNal(idrSlice(picture, 0));
    const macroblocks = (FRAME_WIDTH / 16) * (FRAME_HEIGHT / 16);
    // header (4 bytes) + per macroblock: mb_type 25 padded to 2 bytes, 384 samples; + trailing byte.
    expect(rbsp.length).toBe(4 + macroblocks * (2 + 384) - 2 + 1);
    const read = reader(Uint8Array.from(rbsp));
    expect([read.ue(), read.ue(), read.ue(), read.bits(4), read.ue()]).toEqual([0, 7, 0, 0, 0]);
  });
});

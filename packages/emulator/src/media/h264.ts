/**
 * A tiny H.264 writer for the test pattern: Constrained Baseline parameter sets and IDR
 * pictures made only of `I_PCM` macroblocks, which carry their samples uncompressed. No
 * prediction, no transform, no entropy coding of samples: a decoder copies the bytes out, so
 * every player (browsers, phones, desktop players, ffmpeg) shows exactly the pixels written.
 * @module
 */

/** `profile_idc` of the stream: Baseline (with constraint_set0/1, Constrained Baseline). */
export const H264_PROFILE = 66;
/** `constraint_set0_flag` and `constraint_set1_flag`: Constrained Baseline. */
export const H264_COMPATIBILITY = 0xc0;
/** `level_idc`: 3.0, which every decoder supports. */
export const H264_LEVEL = 30;

/** `mb_type` of an `I_PCM` macroblock in an I slice. */
const I_PCM = 25;
/** `log2_max_frame_num_minus4` in the SPS (frame_num takes 4 bits). */
const LOG2_MAX_FRAME_NUM_MINUS4 = 0;

/** Writes bits most significant first, with Exp-Golomb codes (ITU-T H.264 §9.1). */
export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  /** Writes the `width` low bits of `value`. */
  bits(value: number, width: number): this {
    for (let bit = width - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >>> bit) & 1);
      this.count += 1;
      if (this.count === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.count = 0;
      }
    }
    return this;
  }

  /** One flag. */
  flag(value: boolean): this {
    return this.bits(value ? 1 : 0, 1);
  }

  /** Unsigned Exp-Golomb `ue(v)`. */
  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    return this.bits(0, length).bits(code, length + 1);
  }

  /** Signed Exp-Golomb `se(v)`. */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Zero bits up to the next byte boundary (`pcm_alignment_zero_bit`). */
  align(): this {
    if (this.count > 0) this.bits(0, 8 - this.count);
    return this;
  }

  /** Whole bytes; the writer must be byte aligned. */
  raw(data: Uint8Array): this {
    if (this.count !== 0) throw new Error('BitWriter.raw needs a byte-aligned position');
    for (const byte of data) this.bytes.push(byte);
    return this;
  }

  /** `rbsp_trailing_bits`: a one bit, then zeros to the byte boundary; returns the bytes. */
  finish(): Uint8Array {
    this.bits(1, 1).align();
    return Uint8Array.from(this.bytes);
  }
}

/**
 * A NAL unit from its header fields and RBSP: inserts `emulation_prevention_three_byte`
 * wherever two zero bytes are followed by a byte of 0–3 (§7.4.1).
 */
export function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Buffer {
  const out: number[] = [((refIdc & 3) << 5) | (type & 31)];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

/** The sequence parameter set of a `width`×`height` picture (multiples of 16). */
export function sequenceParameterSet(width: number, height: number): Buffer {
  const rbsp = new BitWriter()
    .bits(H264_PROFILE, 8)
    .bits(H264_COMPATIBILITY, 8)
    .bits(H264_LEVEL, 8)
    .ue(0) // seq_parameter_set_id
    .ue(LOG2_MAX_FRAME_NUM_MINUS4)
    .ue(2) // pic_order_cnt_type 2: output order is decoding order
    .ue(1) // max_num_ref_frames
    .flag(false) // gaps_in_frame_num_value_allowed_flag
    .ue(width / 16 - 1) // pic_width_in_mbs_minus1
    .ue(height / 16 - 1) // pic_height_in_map_units_minus1
    .flag(true) // frame_mbs_only_flag
    .flag(true) // direct_8x8_inference_flag
    .flag(false) // frame_cropping_flag
    .flag(false) // vui_parameters_present_flag
    .finish();
  return nalUnit(3, 7, rbsp);
}

/** The picture parameter set: CAVLC, one slice group, deblocking control present. */
export function pictureParameterSet(): Buffer {
  const rbsp = new BitWriter()
    .ue(0) // pic_parameter_set_id
    .ue(0) // seq_parameter_set_id
    .flag(false) // entropy_coding_mode_flag: CAVLC
    .flag(false) // bottom_field_pic_order_in_frame_present_flag
    .ue(0) // num_slice_groups_minus1
    .ue(0) // num_ref_idx_l0_default_active_minus1
    .ue(0) // num_ref_idx_l1_default_active_minus1
    .flag(false) // weighted_pred_flag
    .bits(0, 2) // weighted_bipred_idc
    .se(0) // pic_init_qp_minus26
    .se(0) // pic_init_qs_minus26
    .se(0) // chroma_qp_index_offset
    .flag(true) // deblocking_filter_control_present_flag
    .flag(false) // constrained_intra_pred_flag
    .flag(false) // redundant_pic_cnt_present_flag
    .finish();
  return nalUnit(3, 8, rbsp);
}

/** A picture in 4:2:0 planes: `y` is width×height, `cb` and `cr` a quarter of that each. */
export interface YuvPicture {
  width: number;
  height: number;
  y: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
}

/**
 * One IDR picture as a single slice of `I_PCM` macroblocks.
 * @param idrPicId differs between two IDR pictures in a row (0 and 1 alternately will do).
 */
export function idrSlice(picture: YuvPicture, idrPicId: number): Buffer {
  const { width, height, y, cb, cr } = picture;
  const writer = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(7) // slice_type: I, all slices of the picture I
    .ue(0) // pic_parameter_set_id
    .bits(0, LOG2_MAX_FRAME_NUM_MINUS4 + 4) // frame_num
    .ue(idrPicId)
    .flag(false) // no_output_of_prior_pics_flag
    .flag(false) // long_term_reference_flag
    .se(0) // slice_qp_delta
    .ue(1); // disable_deblocking_filter_idc: off
  const block = new Uint8Array(384);
  for (let mbY = 0; mbY < height / 16; mbY++) {
    for (let mbX = 0; mbX < width / 16; mbX++) {
      writer.ue(I_PCM).align();
      for (let row = 0; row < 16; row++) {
        block.set(y.subarray((mbY * 16 + row) * width + mbX * 16, (mbY * 16 + row) * width + mbX * 16 + 16), row * 16);
      }
      const half = width / 2;
      for (let row = 0; row < 8; row++) {
        const from = (mbY * 8 + row) * half + mbX * 8;
        block.set(cb.subarray(from, from + 8), 256 + row * 8);
        block.set(cr.subarray(from, from + 8), 320 + row * 8);
      }
      writer.raw(block);
    }
  }
  return nalUnit(3, 5, writer.finish());
}

/** Converts packed RGB (top row first) to 4:2:0 studio-range YCbCr (BT.601). */
export function rgbToYuv420(rgb: Uint8Array, width: number, height: number): YuvPicture {
  const y = new Uint8Array(width * height);
  const cb = new Uint8Array((width / 2) * (height / 2));
  const cr = new Uint8Array((width / 2) * (height / 2));
  const pixel = (column: number, row: number): [number, number, number] => {
    const at = (row * width + column) * 3;
    return [rgb[at] as number, rgb[at + 1] as number, rgb[at + 2] as number];
  };
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const [r, g, b] = pixel(column, row);
      y[row * width + column] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let row = 0; row < height / 2; row++) {
    for (let column = 0; column < width / 2; column++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const [pr, pg, pb] = pixel(column * 2 + dx, row * 2 + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      cb[row * (width / 2) + column] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      cr[row * (width / 2) + column] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  return { width, height, y, cb, cr };
}

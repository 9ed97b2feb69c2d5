import * as sdk from 'opentok';
import { describe, expect, it } from 'vitest';
import * as choices from './choices.js';

describe('choices', () => {
  it('are the SDK lists, in the same order', () => {
    expect(choices.ROLES).toEqual(sdk.ROLES);
    expect(choices.ARCHIVE_STATUSES).toEqual(sdk.ARCHIVE_STATUSES);
    expect(choices.BROADCAST_STATUSES).toEqual(sdk.BROADCAST_STATUSES);
    expect(choices.LAYOUT_TYPES).toEqual(sdk.LAYOUT_TYPES);
    expect(choices.SCREENSHARE_LAYOUT_TYPES).toEqual(sdk.SCREENSHARE_LAYOUT_TYPES);
    expect(choices.RESOLUTIONS).toEqual(sdk.RESOLUTIONS);
    expect(choices.STREAM_MODES).toEqual(sdk.STREAM_MODES);
    expect(choices.OUTPUT_MODES).toEqual(sdk.ARCHIVE_OUTPUT_MODES);
    expect(choices.RENDER_STATUSES).toEqual(sdk.RENDER_STATUSES);
    expect(choices.AUDIO_RATES.map(Number)).toEqual(sdk.AUDIO_RATES);
  });
});

/**
 * Validation of the broadcast start body (docs/protocol.md §6.3), lenient as the newer routes
 * are: unknown keys ignored, `null` as absent, `"true"`/`"false"` for booleans.
 * @module
 */
import { parseLayout, RESOLUTIONS } from './archive-options.js';
import type { RtmpTarget } from './model.js';
import { badRequest } from './problem.js';
import { lenientBoolean, optionalChoice, optionalInteger, optionalString } from './request-body.js';
import { type BroadcastStartOptions, RTMP_LIMIT } from './stores/broadcast-store.js';

export { type BroadcastStartOptions, RTMP_LIMIT } from './stores/broadcast-store.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseRtmp(value: unknown, index: number): RtmpTarget {
  if (!isObject(value)) throw badRequest('Each outputs.rtmp entry must be an object.');
  const serverUrl = optionalString(value, 'serverUrl', 2048);
  if (serverUrl === undefined || !/^rtmps?:\/\/[^\s/]+/i.test(serverUrl)) {
    throw badRequest('Each RTMP target needs a serverUrl starting with rtmp:// or rtmps://.');
  }
  const streamName = optionalString(value, 'streamName', 1000);
  if (!streamName?.trim()) throw badRequest('Each RTMP target needs a streamName.');
  const id = optionalString(value, 'id', 1000);
  if (id !== undefined && id.trim() === '') throw badRequest('An RTMP target id must not be blank.');
  return { id: id ?? `rtmp-${index + 1}`, serverUrl, streamName };
}

/** Validates the body of `POST /v2/project/{apiKey}/broadcast` (the session is checked by the store). */
export function parseBroadcastStart(body: Record<string, unknown>): BroadcastStartOptions {
  const outputs = body.outputs;
  if (!isObject(outputs)) throw badRequest('outputs must be an object with hls or rtmp.');
  let hls: BroadcastStartOptions['hls'];
  if (outputs.hls !== undefined && outputs.hls !== null) {
    if (!isObject(outputs.hls)) throw badRequest('outputs.hls must be an object.');
    const dvr = lenientBoolean(outputs.hls, 'dvr') ?? false;
    const lowLatency = lenientBoolean(outputs.hls, 'lowLatency') ?? false;
    if (dvr && lowLatency) throw badRequest('outputs.hls cannot have both dvr and lowLatency.');
    hls = { dvr, lowLatency };
  }
  const rtmpList = outputs.rtmp ?? [];
  if (!Array.isArray(rtmpList)) throw badRequest('outputs.rtmp must be an array.');
  if (rtmpList.length > RTMP_LIMIT) throw badRequest(`A broadcast has at most ${RTMP_LIMIT} RTMP targets.`);
  const rtmp = rtmpList.map(parseRtmp);
  if (new Set(rtmp.map(({ id }) => id)).size !== rtmp.length) throw badRequest('RTMP target ids must be unique.');
  if (hls === undefined && rtmp.length === 0) throw badRequest('outputs needs hls or at least one rtmp target.');
  const hasAudio = lenientBoolean(body, 'hasAudio') ?? true;
  const hasVideo = lenientBoolean(body, 'hasVideo') ?? true;
  if (!hasAudio && !hasVideo) throw badRequest('A broadcast needs at least one of hasAudio and hasVideo.');
  const layout =
    body.layout === undefined || body.layout === null ? { type: 'bestFit' } : parseLayout(body.layout, true);
  return {
    maxDuration: optionalInteger(body, 'maxDuration', 60, 36000) ?? 14400,
    maxBitrate: optionalInteger(body, 'maxBitrate', 100_000, 6_000_000),
    resolution: optionalChoice(body, 'resolution', RESOLUTIONS) ?? '640x480',
    hasAudio,
    hasVideo,
    streamMode: optionalChoice(body, 'streamMode', ['auto', 'manual'] as const) ?? 'auto',
    layout,
    multiBroadcastTag: optionalString(body, 'multiBroadcastTag', 1000),
    hls,
    rtmp,
  };
}

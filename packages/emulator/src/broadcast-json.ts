/**
 * The broadcast object of the REST API (docs/protocol.md §6.3).
 * @module
 */
import type { BroadcastRecord } from './model.js';
import { type BroadcastTimings, hlsStatus, lastTransition, rtmpStatus } from './stores/broadcast-store.js';

/** The project ID as the service writes it: a number when it fits one. */
function projectNumber(apiKey: string): number | string {
  const number = Number(apiKey);
  return Number.isSafeInteger(number) ? number : apiKey;
}

/** Where the emulator serves a broadcast's HLS playlist. */
export const playlistPath = (broadcast: BroadcastRecord): string =>
  `/_emulator/media/broadcast/${broadcast.id}/playlist.m3u8`;

/**
 * The JSON broadcast object. `origin` (such as `http://127.0.0.1:4010`) prefixes the HLS URL;
 * `broadcastUrls` is `null` once stopped.
 */
export function broadcastJson(
  broadcast: BroadcastRecord,
  origin: string,
  now: number,
  timings: BroadcastTimings,
): Record<string, unknown> {
  const stopped = broadcast.status === 'stopped';
  const body: Record<string, unknown> = {
    id: broadcast.id,
    sessionId: broadcast.sessionId,
    projectId: projectNumber(broadcast.apiKey),
    partnerId: projectNumber(broadcast.apiKey),
    createdAt: broadcast.createdAt,
    updatedAt: lastTransition(broadcast, now, timings),
    status: stopped ? 'stopped' : 'started',
    event: 'broadcast',
    resolution: broadcast.resolution,
    maxDuration: broadcast.maxDuration,
    hasAudio: broadcast.hasAudio,
    hasVideo: broadcast.hasVideo,
    streamMode: broadcast.streamMode,
  };
  if (broadcast.maxBitrate !== undefined) body.maxBitrate = broadcast.maxBitrate;
  if (broadcast.multiBroadcastTag !== undefined) body.multiBroadcastTag = broadcast.multiBroadcastTag;
  if (!stopped && broadcast.streamMode === 'manual') {
    body.streams = [...broadcast.manualStreams].map(([streamId, tracks]) => ({ streamId, ...tracks }));
  }
  if (broadcast.hls) body.settings = { hls: { ...broadcast.hls } };
  if (stopped) {
    body.broadcastUrls = null;
  } else {
    const urls: Record<string, unknown> = {};
    if (broadcast.hls) {
      urls.hls = origin + playlistPath(broadcast) + (broadcast.hls.dvr ? '?DVR' : '');
      urls.hlsStatus = hlsStatus(broadcast, now, timings);
    }
    const status = rtmpStatus(broadcast, now, timings);
    urls.rtmp = broadcast.rtmp.map((target) => ({ ...target, status }));
    body.broadcastUrls = urls;
  }
  return body;
}

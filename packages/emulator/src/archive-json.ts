/**
 * The archive object of the modern API (docs/protocol.md §6.2) and the legacy XML manifest (§5.2).
 * @module
 */
import { MP4_SIZE } from './media/media-files.js';
import type { ArchiveRecord } from './model.js';
import { escapeXml } from './respond.js';
import { archiveDuration, videoLength } from './stores/archive-store.js';

/** The project ID as the service writes it: a number when it fits one. */
function projectNumber(apiKey: string): number | string {
  const number = Number(apiKey);
  return Number.isSafeInteger(number) ? number : apiKey;
}

/** Where the emulator serves an archive's MP4. */
export const archiveMediaPath = (archive: ArchiveRecord): string => `/_emulator/media/${archive.id}/archive.mp4`;

/** Where the emulator serves one legacy video's FLV. */
export const videoMediaPath = (archive: ArchiveRecord, videoId: string): string =>
  `/_emulator/media/${archive.id}/${videoId}.flv`;

/**
 * The JSON archive object. `origin` (such as `http://127.0.0.1:4010`) prefixes the download URL.
 */
export function archiveJson(archive: ArchiveRecord, origin: string): Record<string, unknown> {
  const available = archive.status === 'available';
  // An uploaded archive has its file, in the project's storage: a size, but no URL here.
  const processed = available || archive.status === 'uploaded';
  const body: Record<string, unknown> = {
    id: archive.id,
    status: archive.status,
    name: archive.name,
    reason: archive.reason,
    sessionId: archive.sessionId,
    projectId: projectNumber(archive.apiKey),
    partnerId: projectNumber(archive.apiKey),
    createdAt: archive.createdAt,
    updatedAt: archive.updatedAt,
    size: processed ? MP4_SIZE : 0,
    duration: archiveDuration(archive),
    outputMode: archive.outputMode,
    hasAudio: archive.hasAudio,
    hasVideo: archive.hasVideo,
    streamMode: archive.streamMode,
    streams: [...archive.manualStreams].map(([streamId, tracks]) => ({ streamId, ...tracks })),
    sha256sum: '',
    password: '',
    event: 'archive',
    url: available ? origin + archiveMediaPath(archive) : null,
  };
  if (archive.resolution !== undefined) body.resolution = archive.resolution;
  if (archive.maxBitrate !== undefined) body.maxBitrate = archive.maxBitrate;
  if (archive.quantizationParameter !== undefined) body.quantizationParameter = archive.quantizationParameter;
  return body;
}

/**
 * The legacy manifest: one `video` per recorded stream, attributes in the order `id`,
 * `length`, `name`, double-quoted (node 0.x splits the text on `"`), then one `PLAY` event per video.
 */
export function manifestXml(archive: ArchiveRecord, now: number): string {
  const title = archive.name ?? String(archive.createdAt);
  const videos = archive.videos.map(
    (video) => `    <video id="${video.id}" length="${videoLength(archive, video, now)}" name=""/>\n`,
  );
  const events = [...archive.videos]
    .sort((first, second) => first.offset - second.offset)
    .map((video) => `    <event type="PLAY" id="${video.id}" offset="${video.offset}" data="" />\n`);
  return (
    `<manifest version="0.1" archiveid="${archive.id}" title="${escapeXml(title)}">\n` +
    `    <resources>\n${videos.join('')}    </resources>\n` +
    `    <timeline>\n${events.join('')}    </timeline>\n</manifest>\n\n`
  );
}

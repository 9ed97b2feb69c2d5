/**
 * The download URLs of archives: the emulator serves a small generated MP4 (modern) or FLV
 * (legacy video) with its `Content-Length`, so downloads and progress can be tested for real.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { transcriptDocument } from '../archive-transcription.js';
import { initSegment, mediaPlaylist, mediaSegment, SEGMENT_MS } from '../media/hls.js';
import { archiveMp4, videoFlv } from '../media/media-files.js';
import { EmulatorProblem } from '../problem.js';
import { uuidParameter } from '../request-body.js';
import { archiveDuration, type EmulatorState, videoLength } from '../state.js';

const notFound = () => new EmulatorProblem(404, 'Media not found');

function mediaResponse(file: Buffer, type: string, method: string): Response {
  const headers = { 'Content-Type': type, 'Content-Length': String(file.length), 'Cache-Control': 'no-store' };
  return new Response(method === 'HEAD' ? null : new Uint8Array(file), { status: 200, headers });
}

/** Media routes, mounted at `/_emulator/media`. */
export function mediaRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const findArchive = (id: string | undefined) => {
    const archive = state.archives.find(uuidParameter(id, 'archive'));
    if (!archive) throw notFound();
    return archive;
  };

  // HLS of broadcasts: the playlist, the init segment, the media segments published so far.
  const broadcastOf = (id: string | undefined) => {
    const broadcast = state.broadcasts.find(id ?? '');
    if (!broadcast?.hls) throw notFound();
    const end = broadcast.stoppedAt ?? state.now();
    return { broadcast, elapsed: end - broadcast.createdAt, ended: broadcast.status === 'stopped' };
  };
  routes.get('/broadcast/:broadcastId/playlist.m3u8', (context) => {
    const { broadcast, elapsed, ended } = broadcastOf(context.req.param('broadcastId'));
    return context.body(mediaPlaylist(elapsed, ended, broadcast.hls?.dvr ?? false), 200, {
      'Content-Type': 'application/vnd.apple.mpegurl',
      'Cache-Control': 'no-store',
    });
  });
  routes.get('/broadcast/:broadcastId/init.mp4', (context) => {
    broadcastOf(context.req.param('broadcastId'));
    return mediaResponse(initSegment(), 'video/mp4', 'GET');
  });
  routes.get('/broadcast/:broadcastId/:segment{segment-\\d{1,9}\\.m4s}', (context) => {
    const { elapsed, ended } = broadcastOf(context.req.param('broadcastId'));
    const sequence = Number(context.req.param('segment').slice(8, -4));
    const available = Math.floor(elapsed / SEGMENT_MS) + (ended ? 1 : 0);
    if (sequence >= Math.max(1, available)) throw notFound();
    return mediaResponse(mediaSegment(sequence), 'video/iso.segment', 'GET');
  });

  routes.on(['GET', 'HEAD'], '/:archiveId/archive.mp4', (context) => {
    const archive = findArchive(context.req.param('archiveId'));
    if (archive.status !== 'available') throw notFound();
    return mediaResponse(archiveMp4(archiveDuration(archive) * 1000), 'video/mp4', context.req.method);
  });

  routes.get('/:archiveId/transcription.json', (context) => {
    const transcript = transcriptDocument(findArchive(context.req.param('archiveId')));
    if (!transcript) throw notFound();
    return context.json(transcript);
  });

  routes.on(['GET', 'HEAD'], '/:archiveId/:file{[0-9a-fA-F-]{36}\\.flv}', (context) => {
    const archive = findArchive(context.req.param('archiveId'));
    const videoId = uuidParameter(context.req.param('file').slice(0, -4), 'video');
    const video = archive.videos.find((candidate) => candidate.id === videoId);
    // Only a stopped or available archive has its videos here (an uploaded one's are in the
    // project's storage, a failed one has none).
    if (!video || (archive.status !== 'stopped' && archive.status !== 'available')) throw notFound();
    return mediaResponse(videoFlv(videoLength(archive, video, state.now())), 'video/x-flv', context.req.method);
  });
  return routes;
}

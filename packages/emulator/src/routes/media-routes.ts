/**
 * The download URLs of archives: the emulator serves a small generated MP4 (modern) or FLV
 * (legacy video) with its `Content-Length`, so downloads and progress can be tested for real.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
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

  routes.on(['GET', 'HEAD'], '/:archiveId/archive.mp4', (context) => {
    const archive = findArchive(context.req.param('archiveId'));
    if (archive.status !== 'available') throw notFound();
    return mediaResponse(archiveMp4(archiveDuration(archive) * 1000), 'video/mp4', context.req.method);
  });

  routes.on(['GET', 'HEAD'], '/:archiveId/:file{[0-9a-fA-F-]{36}\\.flv}', (context) => {
    const archive = findArchive(context.req.param('archiveId'));
    const videoId = uuidParameter(context.req.param('file').slice(0, -4), 'video');
    const video = archive.videos.find((candidate) => candidate.id === videoId);
    if (!video || archive.status === 'deleted' || archive.status === 'started' || archive.status === 'paused') {
      throw notFound();
    }
    return mediaResponse(videoFlv(videoLength(archive, video, state.now())), 'video/x-flv', context.req.method);
  });
  return routes;
}

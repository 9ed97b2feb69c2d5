/**
 * The OpenTok 1.0 (Flash) archive calls: the XML manifest and the download URL of one video
 * (docs/protocol.md §5.2, §5.3). Served for every archive, whichever API started it.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { isApplication } from '../applications.js';
import { manifestXml, videoMediaPath } from '../archive-json.js';
import { authenticateRequest } from '../auth.js';
import { EmulatorProblem } from '../problem.js';
import { uuidParameter } from '../request-body.js';
import type { EmulatorState } from '../state.js';

/** Routes of the legacy archive API. */
export function legacyArchiveRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const legacyArchive = (context: Context<EmulatorEnv>) => {
    const project = authenticateRequest((name) => context.req.header(name), state);
    // The 1.0 API predates Vonage applications: `video.api.vonage.com` does not serve it.
    if (isApplication(project)) {
      throw new EmulatorProblem(403, 'The OpenTok 1.0 archive API takes a project, not a Vonage application.', {
        code: -1,
      });
    }
    const archive = state.archives.get(project.apiKey, uuidParameter(context.req.param('archiveId'), 'archive'));
    if (archive.status === 'deleted') throw new EmulatorProblem(404, `Archive ${archive.id} not found`);
    return archive;
  };
  const manifest = (context: Context<EmulatorEnv>) => {
    const archive = legacyArchive(context);
    return context.body(manifestXml(archive, state.now()), 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  };
  const downloadUrl = (context: Context<EmulatorEnv>) => {
    const archive = legacyArchive(context);
    const videoId = uuidParameter(context.req.param('videoId'), 'video');
    if (!archive.videos.some((video) => video.id === videoId))
      throw new EmulatorProblem(404, `Video ${videoId} not found`);
    if (archive.status === 'started' || archive.status === 'paused') {
      throw new EmulatorProblem(409, 'Conflict. The archive is still recording.');
    }
    if (archive.status === 'failed' || archive.status === 'uploaded') {
      throw new EmulatorProblem(409, `Conflict. The archive is "${archive.status}": it has no download here.`);
    }
    return context.body(state.origin + videoMediaPath(archive, videoId), 200, {
      'Content-Type': 'text/html; charset=utf-8',
    });
  };
  routes.get('/archive/getmanifest/:archiveId', manifest);
  routes.get('/hl/archive/getmanifest/:archiveId', manifest);
  routes.get('/hl/archive/url/:archiveId/:videoId', downloadUrl);
  routes.get('/archive/url/:archiveId/:videoId', downloadUrl);
  return routes;
}

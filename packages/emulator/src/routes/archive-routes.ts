/**
 * The modern archive API under `/v2/project/{apiKey}/archive` (and the 2013 beta's
 * `/v2/partner/{apiKey}/archive`): start, stop, get, list, delete, layout, streams
 * (docs/protocol.md §6.2).
 * @module
 */
import { decodeSessionId } from '@opentok/token';
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { archiveJson } from '../archive-json.js';
import { parseArchiveStart, parseLayout } from '../archive-options.js';
import { parseTranscription, rememberTranscription } from '../archive-transcription.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { optionalBoolean, readJsonObject, rejectUnknown, uuidParameter } from '../request-body.js';
import type { EmulatorState } from '../state.js';

function nonNegativeInteger(value: string | undefined, name: string, fallback: number, maximum: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) > maximum) {
    throw badRequest(`${name} must be a whole number from 0 to ${maximum}.`);
  }
  return Number(value);
}

function sessionIdField(body: Record<string, unknown>): string {
  const { sessionId } = body;
  if (typeof sessionId !== 'string' || sessionId === '') throw badRequest('sessionId is required.');
  try {
    decodeSessionId(sessionId);
  } catch {
    throw badRequest('Invalid session ID.');
  }
  return sessionId;
}

/**
 * Routes of the modern archive API, mounted at `/v2/project/:apiKey/archive` behind the
 * project authentication middleware (`projectAuthentication`).
 */
export function archiveRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const archiveId = (context: Context<EmulatorEnv>) => uuidParameter(context.req.param('archiveId'), 'archive');

  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const sessionId = sessionIdField(body);
    const options = parseArchiveStart(body);
    const transcription = parseTranscription(body, options.outputMode, options.hasAudio);
    const session = state.sessions.find(sessionId);
    if (!session || session.apiKey !== context.get('project').apiKey) {
      throw new EmulatorProblem(404, 'Not found. No clients are actively connected to the OpenTok session.');
    }
    const archive = state.archives.start(session, options);
    if (transcription) rememberTranscription(archive, transcription, state.now);
    return context.json(archiveJson(archive, state.origin));
  });

  routes.get('/', (context) => {
    const offset = nonNegativeInteger(context.req.query('offset'), 'offset', 0, 1_000_000_000);
    const count = nonNegativeInteger(context.req.query('count'), 'count', 50, 1000);
    const sessionId = context.req.query('sessionId') || undefined;
    const archives = state.archives.list(context.get('project').apiKey, sessionId);
    const items = archives.slice(offset, offset + count).map((archive) => archiveJson(archive, state.origin));
    return context.json({ count: archives.length, items });
  });

  routes.get('/:archiveId', (context) =>
    context.json(archiveJson(state.archives.get(context.get('project').apiKey, archiveId(context)), state.origin)),
  );

  routes.post('/:archiveId/stop', (context) => {
    readJsonObject(context);
    const archive = state.archives.stopArchive(context.get('project').apiKey, archiveId(context));
    return context.json(archiveJson(archive, state.origin));
  });

  routes.delete('/:archiveId', (context) => {
    state.archives.delete(context.get('project').apiKey, archiveId(context));
    return context.body(null, 204);
  });

  routes.put('/:archiveId/layout', (context) => {
    const layout = parseLayout(readJsonObject(context));
    state.archives.setLayout(context.get('project').apiKey, archiveId(context), layout);
    return context.body(null, 200);
  });

  routes.patch('/:archiveId/streams', (context) => {
    const body = readJsonObject(context);
    rejectUnknown(body, ['addStream', 'removeStream', 'hasAudio', 'hasVideo']);
    const { addStream, removeStream } = body;
    if ((addStream === undefined) === (removeStream === undefined)) {
      throw badRequest('Send exactly one of addStream and removeStream.');
    }
    const streamId = addStream ?? removeStream;
    if (typeof streamId !== 'string' || streamId === '') throw badRequest('The stream ID must be a non-empty string.');
    const id = archiveId(context);
    const change =
      addStream === undefined
        ? { remove: streamId }
        : {
            add: streamId,
            hasAudio: optionalBoolean(body, 'hasAudio') ?? true,
            hasVideo: optionalBoolean(body, 'hasVideo') ?? true,
          };
    state.archives.patchStreams(context.get('project').apiKey, id, change);
    return context.body(null, 204);
  });

  return routes;
}

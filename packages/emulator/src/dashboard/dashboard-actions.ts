/**
 * What the dashboard's buttons do. Each action calls the same functions as the REST and
 * control routes (`parseSessionForm` + the session store, `joinSession`, `sendSignal`,
 * `parseArchiveStart` + the archive store, `failArchive`, `parseFault`…), so the dashboard can
 * do nothing the API could not. They are served under `/_emulator/dashboard/actions/` and so
 * sit behind the control API's guard (`control-access.ts`): same origin, JSON bodies, `Host`.
 * @module
 */
import { generateToken } from '@opentok/token';
import { archiveJson } from '../archive-json.js';
import { parseArchiveStart } from '../archive-options.js';
import { parseBroadcastStart } from '../broadcast-options.js';
import { joinSession, leaveSession, sessionIdParameter } from '../clients.js';
import { faultJson, parseFault } from '../faults.js';
import type { SessionRecord, VideoType } from '../model.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { optionalString, rejectUnknown } from '../request-body.js';
import { failArchive } from '../routes/control-routes.js';
import { publishStream } from '../routes/roster-routes.js';
import { parseSignal } from '../routes/session-control-routes.js';
import { parseSessionForm } from '../session-form.js';
import type { EmulatorState } from '../state.js';
import { muteStream, sendSignal } from '../stores/session-control.js';

/** One dashboard action: a checked JSON body in, a JSON answer out. */
export type DashboardAction = (state: EmulatorState, body: Record<string, unknown>) => Record<string, unknown>;

const ROLES = ['publisher', 'moderator', 'subscriber'] as const;
/** What a joining client publishes, as the join form and `opentok session join --publish` name it. */
const PUBLISH = { none: undefined, 'audio,video': [true, true], audio: [true, false], video: [false, true] } as const;

function sessionOf(state: EmulatorState, value: unknown): SessionRecord {
  return state.sessions.get(sessionIdParameter(value));
}

function text(body: Record<string, unknown>, name: string, limit = 1000): string | undefined {
  const value = optionalString(body, name, limit);
  return value === '' ? undefined : value;
}

/** The project of a session, which must sign with a secret (a Vonage application cannot be joined here). */
function secretOf(state: EmulatorState, session: SessionRecord): string {
  const project = state.projects.get(session.apiKey);
  if (!project?.apiSecret) {
    throw new EmulatorProblem(409, 'The dashboard joins clients to projects with an API secret only.', {
      reason: 'application',
    });
  }
  return project.apiSecret;
}

/** Creates a session as `POST /session/create` does, with the same form fields. */
const createSession: DashboardAction = (state, body) => {
  rejectUnknown(body, ['apiKey', 'mediaMode', 'archiveMode', 'e2ee']);
  const apiKey = text(body, 'apiKey') ?? state.projects.keys().next().value;
  if (apiKey === undefined || !state.projects.has(apiKey))
    throw badRequest('apiKey must be a project of the emulator.');
  const form = new URLSearchParams();
  form.set('p2p.preference', body.mediaMode === 'relayed' ? 'enabled' : 'disabled');
  if (typeof body.archiveMode === 'string') form.set('archiveMode', body.archiveMode);
  if (body.e2ee === true || body.e2ee === 'true' || body.e2ee === 'on') form.set('e2ee', 'true');
  const session = state.sessions.create(apiKey, parseSessionForm(form));
  return { sessionId: session.id, apiKey };
};

/**
 * Joins a client with a token signed for it (role, connection data), then publishes what was
 * asked (`audio,video`, `audio`, `video` or `screen`), as a client's SDK would.
 */
const joinClient: DashboardAction = (state, body) => {
  rejectUnknown(body, ['sessionId', 'role', 'data', 'publish', 'name']);
  const session = sessionOf(state, body.sessionId);
  const role = text(body, 'role') ?? 'publisher';
  if (!(ROLES as readonly string[]).includes(role)) throw badRequest(`role must be one of: ${ROLES.join(', ')}.`);
  const publish = text(body, 'publish') ?? 'none';
  if (publish !== 'screen' && !(publish in PUBLISH)) {
    throw badRequest('publish must be one of: none, audio,video, audio, video, screen.');
  }
  const data = text(body, 'data');
  const token = generateToken({ apiKey: session.apiKey, apiSecret: secretOf(state, session) }, session.id, {
    role: role as (typeof ROLES)[number],
    data,
  });
  const joined = joinSession(state, session.id, token, { publish: false });
  if (publish === 'none') return { ...joined };
  const flags = publish === 'screen' ? [false, true] : PUBLISH[publish as 'audio,video' | 'audio' | 'video'];
  const videoType: VideoType = publish === 'screen' ? 'screen' : 'camera';
  const { streamId } = publishStream(state, session.id, joined.connectionId, {
    name: text(body, 'name'),
    videoType,
    hasAudio: flags[0],
    hasVideo: flags[1],
  });
  return { connectionId: joined.connectionId, streamId };
};

const disconnectClient: DashboardAction = (state, body) => {
  rejectUnknown(body, ['sessionId', 'connectionId']);
  leaveSession(state, sessionIdParameter(body.sessionId), String(body.connectionId ?? ''));
  return {};
};

const signal: DashboardAction = (state, body) => {
  rejectUnknown(body, ['sessionId', 'connectionId', 'type', 'data']);
  const session = sessionOf(state, body.sessionId);
  const to = text(body, 'connectionId');
  sendSignal(state.sessions, session, parseSignal({ type: body.type ?? '', data: body.data }), to);
  return {};
};

const mute: DashboardAction = (state, body) => {
  rejectUnknown(body, ['sessionId', 'streamId']);
  muteStream(state.sessions, sessionOf(state, body.sessionId), String(body.streamId ?? ''));
  return {};
};

const startArchive: DashboardAction = (state, body) => {
  const session = sessionOf(state, body.sessionId);
  const options: Record<string, unknown> = { sessionId: session.id };
  const name = text(body, 'name');
  if (name !== undefined) options.name = name;
  if (body.outputMode === 'individual') options.outputMode = 'individual';
  return archiveJson(state.archives.start(session, parseArchiveStart(options)), state.origin);
};

const stopArchive: DashboardAction = (state, body) => {
  const archive = state.archives.find(String(body.archiveId ?? ''));
  if (!archive) throw new EmulatorProblem(404, 'Archive not found');
  return archiveJson(state.archives.stopArchive(archive.apiKey, archive.id), state.origin);
};

const failArchiveAction: DashboardAction = (state, body) =>
  archiveJson(failArchive(state, String(body.archiveId ?? ''), text(body, 'reason')), state.origin);

const startBroadcast: DashboardAction = (state, body) => {
  const session = sessionOf(state, body.sessionId);
  const rtmp = text(body, 'rtmpUrl', 2048);
  const outputs = rtmp === undefined ? { hls: {} } : { hls: {}, rtmp: [{ serverUrl: rtmp, streamName: 'live' }] };
  return { id: state.broadcasts.start(session, parseBroadcastStart({ outputs })).id };
};

const stopBroadcast: DashboardAction = (state, body) => {
  const broadcast = state.broadcasts.find(String(body.broadcastId ?? ''));
  if (!broadcast) throw new EmulatorProblem(404, 'Broadcast not found');
  return { id: state.broadcasts.stopBroadcast(broadcast.apiKey, broadcast.id).id };
};

const addFault: DashboardAction = (state, body) => {
  const fault = parseFault(body);
  state.faults.add(fault);
  return faultJson(fault);
};

const clearFaults: DashboardAction = (state) => {
  state.faults.clear();
  return {};
};

/** The credentials of a project, shown only when asked for (the page never holds them). */
const credentials: DashboardAction = (state, body) => {
  const project = state.projects.get(String(body.apiKey ?? ''));
  if (!project) throw new EmulatorProblem(404, 'Project not found');
  return { apiKey: project.apiKey, apiSecret: project.apiSecret, apiUrl: state.origin };
};

/** The actions by name: `POST /_emulator/dashboard/actions/{name}`. */
export const DASHBOARD_ACTIONS: Readonly<Record<string, DashboardAction>> = {
  'create-session': createSession,
  join: joinClient,
  disconnect: disconnectClient,
  signal,
  mute,
  'start-archive': startArchive,
  'stop-archive': stopArchive,
  'fail-archive': failArchiveAction,
  'start-broadcast': startBroadcast,
  'stop-broadcast': stopBroadcast,
  'add-fault': addFault,
  'clear-faults': clearFaults,
  credentials,
};

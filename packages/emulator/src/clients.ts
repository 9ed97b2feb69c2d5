/**
 * Clients joining and leaving sessions, and the JSON view of the whole state: shared by the
 * control API (`/_emulator/…`) and the methods of a running emulator.
 * @module
 */
import { decodeSessionId, decodeToken, OpenTokError, type TokenClaims, verifyToken } from '@opentok/token';
import { archiveJson } from './archive-json.js';
import { broadcastJson } from './broadcast-json.js';
import { faultJson } from './faults.js';
import type { UploadTarget, VideoType } from './model.js';
import { badRequest, EmulatorProblem } from './problem.js';
import { type EmulatorState, videoLength } from './state.js';
import { audioConnectorView } from './stores/audio-connector-store.js';
import { captionsJson } from './stores/captions-store.js';
import type { AudioConnectorView, CaptionsView, SipCallView } from './stores/connector-events.js';
import { renderView } from './stores/render-store.js';
import { sipCallView } from './stores/sip-store.js';
import { clientTokenFromFuture } from './token-rules.js';

/** How a client joins: whether it publishes, and its stream's name and video type. */
export interface JoinOptions {
  /** Publish a stream after joining (a subscriber token may not). @default false */
  publish: boolean;
  /** The stream's name. @default '' */
  name?: string | undefined;
  /** The stream's video type. @default 'camera' */
  videoType?: VideoType | undefined;
}

const VIDEO_TYPES: readonly VideoType[] = ['camera', 'screen', 'custom'];

/**
 * Checks the stream options of a join (shared by the control API and `RunningEmulator.connect`).
 * @throws {EmulatorProblem} 400 for a name that is not a string of at most 1000 characters or an unknown video type.
 */
export function joinOptions(publish: unknown, name: unknown, videoType: unknown): JoinOptions {
  if (publish !== undefined && publish !== null && typeof publish !== 'boolean') {
    throw badRequest('publish must be true or false.');
  }
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > 1000)) {
    throw badRequest('name must be a string of at most 1000 characters.');
  }
  if (videoType !== undefined && videoType !== null && !VIDEO_TYPES.includes(videoType as VideoType)) {
    throw badRequest(`videoType must be one of: ${VIDEO_TYPES.join(', ')}.`);
  }
  return {
    publish: publish === true,
    name: (name as string | null | undefined) ?? undefined,
    videoType: (videoType as VideoType | null | undefined) ?? undefined,
  };
}

/** What a client that joined gets back: its connection, and its stream when it publishes. */
export interface JoinedClient {
  /** The connection's ID (a UUID). */
  connectionId: string;
  /** The stream's ID (a UUID), present when the client publishes. */
  streamId?: string;
}

const refused = (reason: string, message: string) => new EmulatorProblem(403, message, { reason });

/** Verifies a client token as the media server would, for this session (also used for the tokens in connector bodies). */
export function admit(state: EmulatorState, sessionId: string, token: string, publish: boolean): TokenClaims {
  let claims: TokenClaims;
  try {
    claims = decodeToken(token);
    const project = state.projects.get(claims.apiKey);
    if (!project) throw refused('api-key', 'Token was issued for an API key this emulator does not know');
    claims = verifyToken(token, project, { now: state.now() / 1000 });
  } catch (error) {
    if (error instanceof EmulatorProblem) throw error;
    if (OpenTokError.isInstance(error)) {
      throw refused((error as { reason?: string }).reason ?? 'malformed', error.message);
    }
    throw error;
  }
  if (clientTokenFromFuture(claims.createTime, state.tokenRules, state.now() / 1000)) {
    throw refused('claims', 'Token issue time (create_time) is in the future');
  }
  if (claims.sessionId !== sessionId) throw refused('session', 'Token was issued for another session');
  if (publish && claims.role === 'subscriber') throw refused('role', 'A subscriber may not publish');
  return claims;
}

/**
 * Checks a session ID's shape.
 * @throws {EmulatorProblem} 400 when it is not a session ID.
 */
export function sessionIdParameter(value: unknown): string {
  try {
    if (typeof value !== 'string') throw 0;
    decodeSessionId(value);
  } catch {
    throw badRequest('Invalid session ID.');
  }
  return value;
}

/**
 * A client joins a session with a token, and publishes a stream if asked.
 * @throws {EmulatorProblem} 400 for a malformed session ID, 404 for an unknown session, 403
 * (with a `reason`) for a token the media server would refuse.
 */
export function joinSession(
  state: EmulatorState,
  sessionId: string,
  token: unknown,
  options: JoinOptions,
): JoinedClient {
  const session = state.sessions.get(sessionIdParameter(sessionId));
  if (typeof token !== 'string' || token === '') throw badRequest('token is required.');
  const claims = admit(state, session.id, token, options.publish);
  const stream = options.publish
    ? {
        name: options.name ?? '',
        videoType: options.videoType ?? 'camera',
        layoutClassList: claims.initialLayoutClassList ?? [],
      }
    : undefined;
  const connection = state.sessions.connect(session, claims.role, claims.data, stream);
  return connection.streamId
    ? { connectionId: connection.id, streamId: connection.streamId }
    : { connectionId: connection.id };
}

/**
 * A client leaves: its stream ends; when nobody is left, recordings pause.
 * @throws {EmulatorProblem} 400 for a malformed session ID, 404 for an unknown session or connection.
 */
export function leaveSession(state: EmulatorState, sessionId: string, connectionId: string): void {
  state.sessions.disconnect(state.sessions.get(sessionIdParameter(sessionId)), connectionId);
}

/** The whole state as `GET /_emulator/state` answers it (no secrets). */
export function stateJson(state: EmulatorState): EmulatorStateView {
  const now = state.now();
  return {
    projects: [...state.projects.values()].map(({ apiKey, uploadTarget }) => ({
      apiKey,
      ...(uploadTarget && { uploadTarget }),
    })),
    sessions: state.sessions.all().map((session) => ({
      sessionId: session.id,
      apiKey: session.apiKey,
      mediaMode: session.mediaMode,
      archiveMode: session.archiveMode,
      e2ee: session.e2ee,
      location: session.location ?? null,
      createdAt: session.createdAt,
      forceMute: {
        active: session.forceMute.active,
        excludedStreamIds: [...session.forceMute.excludedStreamIds],
      },
      connections: [...session.connections.values()].map((connection) => ({
        connectionId: connection.id,
        kind: connection.kind,
        role: connection.role,
        data: connection.data ?? null,
        createdAt: connection.createdAt,
        streamId: connection.streamId ?? null,
      })),
      streams: [...session.streams.values()].map((stream) => ({
        streamId: stream.id,
        connectionId: stream.connectionId,
        createdAt: stream.createdAt,
        name: stream.name,
        videoType: stream.videoType,
        layoutClassList: [...stream.layoutClassList],
        hasAudio: stream.hasAudio,
        hasVideo: stream.hasVideo,
        audioMuted: stream.audioMuted,
      })),
    })),
    archives: state.archives.all().map((archive) => ({
      ...archiveJson(archive, state.origin),
      videos: archive.videos.map((video) => ({
        videoId: video.id,
        streamId: video.streamId,
        offset: video.offset,
        length: videoLength(archive, video, now),
      })),
    })),
    broadcasts: state.broadcasts
      .all()
      .map((broadcast) => broadcastJson(broadcast, state.origin, now, state.broadcasts.timings)),
    sipCalls: state.sip.all().map(sipCallView),
    renders: state.renders.all().map(renderView),
    captions: state.captions.all().map((captions) => captionsJson(captions, now)),
    audioConnections: state.audioConnectors.all().map(audioConnectorView),
    faults: state.faults.all().map(faultJson),
  };
}

/** The emulator's state as `GET /_emulator/state` and `RunningEmulator.state()` show it. */
export interface EmulatorStateView {
  /** The projects: keys, and the upload target of those that have one (never a secret). */
  projects: Array<{ apiKey: string; uploadTarget?: UploadTarget }>;
  /** Every session, with its connected clients and their streams. */
  sessions: Array<{
    sessionId: string;
    apiKey: string;
    mediaMode: 'routed' | 'relayed';
    archiveMode: 'manual' | 'always';
    e2ee: boolean;
    location: string | null;
    /** Milliseconds since the epoch. */
    createdAt: number;
    /** Mute all: while active, streams published later arrive muted unless excluded. */
    forceMute: { active: boolean; excludedStreamIds: string[] };
    connections: Array<{
      connectionId: string;
      /** `client`, or the connector that made it (`sip`, `render`, `audioConnector`). */
      kind: string;
      role: string;
      data: string | null;
      createdAt: number;
      streamId: string | null;
    }>;
    streams: Array<{
      streamId: string;
      connectionId: string;
      createdAt: number;
      name: string;
      videoType: VideoType;
      layoutClassList: string[];
      hasAudio: boolean;
      hasVideo: boolean;
      /** Muted by a moderator. */
      audioMuted: boolean;
    }>;
  }>;
  /** Every archive as the archive API shows it, plus its videos (legacy manifest). */
  archives: Array<
    Record<string, unknown> & {
      videos: Array<{ videoId: string; streamId: string; offset: number; length: number }>;
    }
  >;
  /** Every broadcast as the broadcast API shows it (stopped ones too). */
  broadcasts: Array<Record<string, unknown>>;
  /** Every SIP call (ended ones too, `state: 'HANGUP'`), with the DTMF digits played to it. */
  sipCalls: SipCallView[];
  /** Every Experience Composer render as the render API shows it, its URLs redacted (`***`). */
  renders: Array<Record<string, unknown>>;
  /** Every live captions job as the captions status API shows it. */
  captions: CaptionsView[];
  /** Every Audio Connector, with its status and the frames sent and received. */
  audioConnections: AudioConnectorView[];
  /** The queued faults. */
  faults: Array<Record<string, unknown>>;
}

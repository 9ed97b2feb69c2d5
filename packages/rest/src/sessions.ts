/**
 * Session creation: `POST /session/create` with a form body (docs/protocol.md §6.1). Asks for
 * JSON; also reads the XML answer of the original endpoint (§5.1), chosen by content type.
 * @module
 */
import { decodeSessionId } from '@opentok/token';
import { isJson, isXml, readJson, readXml } from './body.js';
import { type CallOptions, defineOperation } from './operation.js';
import type { Answer } from './request.js';
import { fail, oneOf, optionalBoolean, optionalIpv4, optionalString, requireOptions } from './validate.js';
import {
  ARCHIVE_MODES,
  type ArchiveMode,
  MEDIA_MODES,
  type MediaMode,
  RESOLUTIONS,
  type Resolution,
} from './values.js';
import { child, findText, text } from './xml.js';

export type { ArchiveMode, MediaMode } from './values.js';

/** Options of `client.createSession`. */
export interface CreateSessionOptions {
  /** An IPv4 address near the expected participants, as a location hint. */
  location?: string | undefined;
  /** @default 'relayed' (as the service and the official SDKs) */
  mediaMode?: MediaMode | undefined;
  /** `always` requires `mediaMode: 'routed'`. @default 'manual' */
  archiveMode?: ArchiveMode | undefined;
  /** End-to-end encryption; requires `mediaMode: 'routed'` and `archiveMode: 'manual'`. */
  e2ee?: boolean | undefined;
  /** Shorthand for the media mode: `true` is `relayed`, `false` is `routed`. Must agree with `mediaMode`. */
  p2p?: boolean | undefined;
  /** Name of automatic archives (1 to 80 characters); only with `archiveMode: 'always'`. */
  archiveName?: string | undefined;
  /** Resolution of automatic archives; only with `archiveMode: 'always'`. */
  archiveResolution?: Resolution | undefined;
}

/** A session the service created. */
export interface Session {
  /** The session ID to hand to clients and to sign tokens for. */
  sessionId: string;
  /** The project API key it belongs to. */
  apiKey: string;
  /** Creation time in milliseconds since the epoch (from the ID or the answer; else the time of the answer). */
  createTime: number;
  mediaMode: MediaMode;
  archiveMode: ArchiveMode;
  /** The location hint, when one was given. */
  location?: string;
}

/** Validates the options and builds the form body. */
function toForm(input: CreateSessionOptions | undefined): {
  form: Record<string, string>;
  mediaMode: MediaMode;
  archiveMode: ArchiveMode;
  location: string | undefined;
} {
  const options = requireOptions('options', input, [
    'location',
    'mediaMode',
    'archiveMode',
    'e2ee',
    'p2p',
    'archiveName',
    'archiveResolution',
  ]);
  const location = optionalIpv4('location', options.location);
  const chosen = oneOf('mediaMode', options.mediaMode, MEDIA_MODES);
  const p2p = optionalBoolean('p2p', options.p2p);
  const fromP2p: MediaMode | undefined = p2p === undefined ? undefined : p2p ? 'relayed' : 'routed';
  if (chosen && fromP2p && chosen !== fromP2p) fail('p2p', `p2p: ${p2p} contradicts mediaMode: '${chosen}'`);
  const mediaMode = chosen ?? fromP2p ?? 'relayed';
  const archiveMode = oneOf('archiveMode', options.archiveMode, ARCHIVE_MODES) ?? 'manual';
  const e2ee = optionalBoolean('e2ee', options.e2ee);
  const archiveName = optionalString('archiveName', options.archiveName, 80);
  const archiveResolution = oneOf('archiveResolution', options.archiveResolution, RESOLUTIONS);
  if (archiveMode === 'always' && mediaMode !== 'routed') {
    fail('archiveMode', "archiveMode 'always' needs mediaMode 'routed'");
  }
  if (e2ee && mediaMode !== 'routed') fail('e2ee', "e2ee needs mediaMode 'routed'");
  if (e2ee && archiveMode === 'always') fail('e2ee', "e2ee cannot be combined with archiveMode 'always'");
  if ((archiveName !== undefined || archiveResolution !== undefined) && archiveMode !== 'always') {
    fail(archiveName === undefined ? 'archiveResolution' : 'archiveName', "only allowed with archiveMode 'always'");
  }
  if (archiveName === '') fail('archiveName', 'archiveName must not be empty');
  const form: Record<string, string> = {
    archiveMode,
    'p2p.preference': mediaMode === 'relayed' ? 'enabled' : 'disabled',
  };
  if (location !== undefined) form.location = location;
  if (e2ee) form.e2ee = 'true';
  if (archiveName !== undefined) form.archiveName = archiveName;
  if (archiveResolution !== undefined) form.archiveResolution = archiveResolution;
  return { form, mediaMode, archiveMode, location };
}

/** The session ID and `create_dt` of a JSON or XML answer. */
export async function readSessionAnswer(
  answer: Answer,
): Promise<{ sessionId: string; createDate: string | undefined }> {
  const body = answer.body.trimStart();
  const json = isJson(answer) || (!isXml(answer) && (body.startsWith('[') || body.startsWith('{')));
  if (json) {
    const parsed = readJson(answer);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    const record = (typeof first === 'object' && first !== null ? first : {}) as Record<string, unknown>;
    const sessionId = record.session_id;
    if (typeof sessionId !== 'string' || sessionId === '') throw answer.parseError('the answer holds no session_id');
    return { sessionId, createDate: typeof record.create_dt === 'string' ? record.create_dt : undefined };
  }
  if (isXml(answer) || body.startsWith('<')) {
    const document = await readXml(answer);
    const session = child(document.sessions ?? document.Sessions, 'Session');
    const sessionId = text(session, 'session_id') ?? findText(document, 'session_id');
    if (!sessionId) throw answer.parseError('the answer holds no session_id');
    return { sessionId, createDate: text(session, 'create_dt') ?? findText(document, 'create_dt') };
  }
  throw answer.parseError(`expected JSON or XML, got ${answer.contentType || 'no content type'}`);
}

/** Creation time from the session ID, else from `create_dt`, else now. */
function createTimeOf(sessionId: string, createDate: string | undefined): number {
  try {
    const fromId = decodeSessionId(sessionId).createTime;
    if (fromId !== undefined) return fromId;
  } catch {
    // An ID in an unknown format: fall back to the answer's date.
  }
  const parsed = createDate === undefined ? Number.NaN : Date.parse(createDate);
  return Number.isNaN(parsed) ? Date.now() : parsed;
}

/** The session calls. */
export interface Sessions {
  /**
   * Creates a session: relayed (peer to peer) unless `mediaMode: 'routed'`, as the service and
   * the official SDKs default; archives and broadcasts need a routed session.
   * @throws {InvalidArgumentError} for contradictory or malformed options.
   * @throws {AuthenticationError} for wrong credentials; other `RequestError`s for other failures.
   * @example
   * const { sessionId } = await client.sessions.create({ mediaMode: 'routed' })
   */
  create(options?: CreateSessionOptions, callOptions?: CallOptions): Promise<Session>;
}

/** The session API, one definition per REST call. */
export const sessionOperations = {
  create: defineOperation({
    method: 'POST',
    path: '/session/create',
    arity: 1,
    build: ([options]: [CreateSessionOptions?]) => ({ form: toForm(options).form, accept: 'application/json' }),
    decode: async (answer, context, [options]): Promise<Session> => {
      const { mediaMode, archiveMode, location } = toForm(options);
      const { sessionId, createDate } = await readSessionAnswer(answer);
      const session: Session = {
        sessionId,
        apiKey: context.apiKey,
        createTime: createTimeOf(sessionId, createDate),
        mediaMode,
        archiveMode,
      };
      if (location !== undefined) session.location = location;
      return session;
    },
    // A session answer is a few hundred bytes; 64 KiB is ample and bounds what a broken server can send.
    maxBytes: 65536,
  }),
};

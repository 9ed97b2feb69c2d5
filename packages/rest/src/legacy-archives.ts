/**
 * The original (OpenTok 1.0) archive API: the XML manifest and the download URL of one
 * video (docs/protocol.md §5.2, §5.3), authenticated with a moderator T1 token.
 * @module
 */
import { readXml } from './body.js';
import { type CallOptions, defineOperation, type LegacyTokenSigner } from './operation.js';
import type { Answer } from './request.js';
import { requireId, requireOptions } from './validate.js';
import { child, children, type XmlElement } from './xml.js';

/** Options of `client.getArchiveManifest` and `client.getArchiveDownloadUrl`. */
export interface LegacyArchiveOptions {
  /**
   * A moderator T1 token to send as `X-TB-TOKEN-AUTH`. When absent, one is signed with the
   * client's credentials for `sessionId`.
   */
  token?: string | undefined;
  /**
   * The archived session, used only to sign the token when none is given. When absent the
   * token is signed for a session ID made with `encodeSessionId` for the client's API key.
   */
  sessionId?: string | undefined;
}

/** One recorded video of a legacy archive. */
export interface ArchiveResource {
  /** The video ID, to pass to `getArchiveDownloadUrl`. */
  id: string;
  /** Stream name, often empty. */
  name: string;
  /** Duration (milliseconds, as far as the recordings show). */
  length: number;
}

/** One timeline event of a legacy archive. */
export interface ArchiveEvent {
  /** `PLAY` in every recording seen. */
  type: string;
  /** The video ID the event refers to. */
  id: string;
  /** Time from the archive's start (milliseconds, as far as the recordings show). */
  offset: number;
}

/** The manifest of a legacy archive. */
export interface ArchiveManifest {
  archiveId: string;
  title: string;
  resources: ArchiveResource[];
  timeline: ArchiveEvent[];
}

const ACCEPT = 'text/xml, application/xml, text/html;q=0.9, text/plain;q=0.9, application/json;q=0.5';

function attribute(answer: Answer, element: XmlElement, name: string): string {
  const value = element[name];
  if (typeof value !== 'string') throw answer.parseError(`the manifest lacks the attribute ${name}`);
  return value;
}

function number(answer: Answer, element: XmlElement, name: string): number {
  const value = Number(attribute(answer, element, name));
  if (!Number.isFinite(value)) throw answer.parseError(`the manifest's ${name} is not a number`);
  return value;
}

/** Reads a manifest document (docs/protocol.md §5.2). */
export async function readManifest(answer: Answer): Promise<ArchiveManifest> {
  const manifest = child(await readXml(answer), 'manifest');
  if (!manifest) throw answer.parseError('the answer is not an archive manifest');
  return {
    archiveId: attribute(answer, manifest, 'archiveid'),
    title: typeof manifest.title === 'string' ? manifest.title : '',
    resources: children(child(manifest, 'resources'), 'video').map((video) => ({
      id: attribute(answer, video, 'id'),
      name: typeof video.name === 'string' ? video.name : '',
      length: number(answer, video, 'length'),
    })),
    timeline: children(child(manifest, 'timeline'), 'event').map((event) => ({
      type: attribute(answer, event, 'type'),
      id: attribute(answer, event, 'id'),
      offset: number(answer, event, 'offset'),
    })),
  };
}

const LEGACY_KEYS = ['token', 'sessionId'] as const;

/** The token given, else one signed for the session given (or a placeholder session). */
function tokenOf(sign: LegacyTokenSigner, options: Partial<LegacyArchiveOptions>): string {
  if (options.token !== undefined) return requireId('token', options.token);
  return sign(options.sessionId === undefined ? undefined : requireId('sessionId', options.sessionId));
}

/** The 1.0 archive calls, under `client.legacy`. */
export interface LegacyArchives {
  /**
   * Reads the XML manifest of a legacy (OpenTok 1.0) archive.
   * @throws {NotFoundError} for an unknown archive. @throws {ResponseParseError} for a bad manifest.
   * @example
   * const { resources } = await client.legacy.getArchiveManifest(archiveId, { sessionId })
   */
  getArchiveManifest(
    archiveId: string,
    options?: LegacyArchiveOptions,
    callOptions?: CallOptions,
  ): Promise<ArchiveManifest>;
  /**
   * Asks for the download URL of one video of a legacy archive.
   * @throws {NotFoundError} for an unknown archive or video.
   * @example
   * const url = await client.legacy.getArchiveDownloadUrl(archiveId, manifest.resources[0].id)
   */
  getArchiveDownloadUrl(
    archiveId: string,
    videoId: string,
    options?: LegacyArchiveOptions,
    callOptions?: CallOptions,
  ): Promise<string>;
}

/** The 1.0 archive API, one definition per REST call. */
export const legacyOperations = {
  /** `GET /archive/getmanifest/{archiveId}`. */
  getArchiveManifest: defineOperation({
    method: 'GET',
    path: '/archive/getmanifest/{archiveId}',
    params: ['archiveId'],
    arity: 2,
    build: ([, options]: [string, LegacyArchiveOptions?], { sign }) => ({
      accept: ACCEPT,
      tokenAuth: tokenOf(sign, requireOptions('options', options, LEGACY_KEYS)),
    }),
    decode: readManifest,
  }),
  /** `GET /hl/archive/url/{archiveId}/{videoId}`: the body is the URL. */
  getArchiveDownloadUrl: defineOperation({
    method: 'GET',
    path: '/hl/archive/url/{archiveId}/{videoId}',
    params: ['archiveId', 'videoId'],
    arity: 3,
    build: ([, , options]: [string, string, LegacyArchiveOptions?], { sign }) => ({
      accept: ACCEPT,
      tokenAuth: tokenOf(sign, requireOptions('options', options, LEGACY_KEYS)),
    }),
    decode: async (answer): Promise<string> => {
      const url = answer.body.trim();
      if (url.startsWith('<')) await readXml(answer); // a legacy <Errors> document sent with 200
      if (!/^https?:\/\/\S+$/.test(url)) throw answer.parseError('the answer is not a URL');
      return url;
    },
    maxBytes: 16 * 1024,
  }),
};

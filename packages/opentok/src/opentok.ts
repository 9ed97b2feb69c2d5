/**
 * The modern front door: one object that binds a project's credentials once and delegates
 * to `@opentok/token` (signing) and `@opentok/rest` (HTTP). It adds no HTTP or crypto.
 * @module
 */
import {
  type ArchiveManifest,
  type Archives,
  type AudioConnector,
  type Broadcasts,
  type Client,
  type ClientOptions,
  type Connections,
  type CreateSessionOptions,
  createClient,
  type LegacyArchiveOptions,
  type LiveCaptions,
  type Renders,
  type Session,
  type SessionControl,
  type Sessions,
  type Sip,
  type Streams,
} from '@opentok/rest';
import {
  acceptsAnyApiKey,
  allowAnyApiKey,
  createTokenGenerator,
  InvalidArgumentError,
  InvalidSessionIdError,
  type TokenGenerator,
} from '@opentok/token';

/**
 * Options of {@link OpenTok}: everything `createClient` of `@opentok/rest` takes except the
 * credentials, such as `apiUrl` (default: `OPENTOK_API_URL` from the environment, else
 * `https://api.opentok.com`), `timeout`, `retry`, `fetch`, `userAgent` and `hooks`.
 */
export type OpenTokOptions = Omit<ClientOptions, 'apiKey' | 'apiSecret' | 'applicationId' | 'privateKey'>;

/** A Vonage application's credentials: its ID (a UUID) and RSA private key (PEM PKCS #8). */
export interface OpenTokApplication {
  applicationId: string;
  privateKey: string;
}

const APPLICATION_ID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A project's OpenTok API: sessions, client tokens and archives, with promises and types.
 * The secret is held only inside the token generator and the REST client; it never shows
 * in `util.inspect`, `JSON.stringify` or an error message.
 *
 * @throws {InvalidArgumentError} when the API key is not a string of digits, the secret is
 * empty, or an option is malformed (thrown by the layers this class delegates to).
 * @example
 * import OpenTok from 'opentok'
 *
 * const opentok = new OpenTok(process.env.OPENTOK_API_KEY, process.env.OPENTOK_API_SECRET)
 * const { sessionId } = await opentok.createSession({ mediaMode: 'routed' })
 * const token = opentok.generateToken(sessionId, { role: 'moderator' })
 */
export class OpenTok {
  /** The project API key, as a string of digits (the application ID for a Vonage application). */
  readonly apiKey: string;

  /** The Vonage application's ID, when made with an application's credentials. */
  readonly applicationId: string | undefined;

  /**
   * Signs a client token for a session of this project: synchronous, offline, with the
   * per-key work done once in the constructor. Returns a JWT unless `format: 't1'`.
   * @throws {InvalidSessionIdError} `Null or empty session ID is not valid`, or
   * `An invalid session ID was passed` for an ID of another project or no ID at all.
   * @throws {InvalidArgumentError} for a bad role, expiry, data or class list.
   * @example
   * const token = opentok.generateToken(sessionId, { role: 'subscriber', data: 'userId:42' })
   */
  readonly generateToken: TokenGenerator;

  readonly #client: Client;

  /**
   * A project's `(apiKey, apiSecret)`, or a Vonage application's: `({ applicationId, privateKey })`,
   * or `(applicationId, privateKey)` detected as the official 2.23 does (a UUID and a key that
   * starts with `-----BEGIN PRIVATE KEY`). An application's calls go to
   * `https://video.api.vonage.com` with RS256 Bearer tokens, its client tokens are RS256 JWTs.
   */
  constructor(apiKey: string | number, apiSecret: string, options?: OpenTokOptions);
  constructor(application: OpenTokApplication, options?: OpenTokOptions);
  constructor(
    first: string | number | OpenTokApplication,
    second?: string | OpenTokOptions,
    third: OpenTokOptions = {},
  ) {
    const explicit = typeof first === 'object' && first !== null;
    const options = (explicit ? (second ?? {}) : third) as OpenTokOptions;
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('options', '[opentok] options must be an object such as { apiUrl, timeout }');
    }
    const apiKey = explicit ? first.applicationId : first;
    const apiSecret = (explicit ? first.privateKey : second) as string;
    const application =
      explicit ||
      (typeof apiKey === 'string' &&
        APPLICATION_ID.test(apiKey) &&
        `${apiSecret}`.startsWith('-----BEGIN PRIVATE KEY'));
    // Options marked by `allowAnyApiKey` (the 2.x class) take any non-empty key, as 2.x does.
    const anyApiKey = !application && acceptsAnyApiKey(options);
    const mark = <T extends object>(value: T): T => (anyApiKey ? allowAnyApiKey(value) : value);
    const credentials = application
      ? { applicationId: apiKey as string, privateKey: apiSecret }
      : mark({ apiKey, apiSecret });
    const sign = createTokenGenerator(credentials);
    this.apiKey = String(apiKey);
    this.applicationId = application ? this.apiKey : undefined;
    this.generateToken = (sessionId, tokenOptions) => {
      // Checked here as well: a generator's first call must not treat a missing ID as "seen".
      // Other non-strings (a Promise, 2.x's Session) get @opentok/token's message, which says what to pass.
      if (sessionId == null || sessionId === '') {
        throw new InvalidSessionIdError('sessionId', 'Null or empty session ID is not valid');
      }
      return sign(sessionId, tokenOptions);
    };
    this.#client = createClient(mark({ ...options, ...credentials, ...(application ? {} : { apiKey: this.apiKey }) }));
  }

  /**
   * The archive calls of the modern REST API: `start`, `stop`, `get`, `list`, `all`,
   * `delete`, `setLayout`, `addStream`, `removeStream` (see `@opentok/rest`).
   * @example
   * const archive = await opentok.archives.start(sessionId, { name: 'lesson 1' })
   * await opentok.archives.stop(archive.id)
   */
  get archives(): Archives {
    return this.#client.archives;
  }

  /**
   * The session calls of the REST API: `create`, and on a running session `signal` (to
   * everyone, or `{ connectionId }`), `muteAll` (`{ excludedStreamIds }`; streams published
   * later arrive muted) and `disableForceMute` (see `@opentok/rest`).
   * @example
   * await opentok.sessions.signal(sessionId, { type: 'notice', data: 'We start in 5 minutes' })
   * await opentok.sessions.muteAll(sessionId, { excludedStreamIds: [presenterStreamId] })
   */
  get sessions(): Sessions & SessionControl {
    return this.#client.sessions;
  }

  /**
   * The connections of a running session: `list`, `disconnect`, `signal` (see `@opentok/rest`).
   * @example
   * const { items } = await opentok.connections.list(sessionId)
   * await opentok.connections.disconnect(sessionId, items[0].connectionId)
   */
  get connections(): Connections {
    return this.#client.connections;
  }

  /**
   * The streams of a running session: `list`, `get`, `setClassLists`, `mute` (see `@opentok/rest`).
   * @example
   * await opentok.streams.setClassLists(sessionId, [{ id: streamId, layoutClassList: ['full'] }])
   */
  get streams(): Streams {
    return this.#client.streams;
  }

  /**
   * The broadcast calls of the REST API (live streaming to HLS and RTMP): `start`, `stop`,
   * `get`, `list`, `all`, `setLayout`, `addStream`, `removeStream` (see `@opentok/rest`).
   * @example
   * const broadcast = await opentok.broadcasts.start(sessionId, { outputs: { hls: {} } })
   * await opentok.broadcasts.stop(broadcast.id)
   */
  get broadcasts(): Broadcasts {
    return this.#client.broadcasts;
  }

  /**
   * SIP interconnect: `dial` a phone line or SIP endpoint into a routed session, `playDtmf`
   * (see `@opentok/rest`).
   * @example
   * const call = await opentok.sip.dial(sessionId, opentok.generateToken(sessionId), { uri: 'sip:+15551234567@sip.example.com' })
   * await opentok.sip.playDtmf(sessionId, '1234#', { connectionId: call.connectionId })
   */
  get sip(): Sip {
    return this.#client.sip;
  }

  /**
   * Experience Composer, a web page published into a session as a stream: `start`, `get`,
   * `list`, `all`, `stop` (see `@opentok/rest`).
   * @example
   * const render = await opentok.renders.start({ sessionId, token, url: 'https://example.com/stage' })
   * await opentok.renders.stop(render.id)
   */
  get renders(): Renders {
    return this.#client.renders;
  }

  /**
   * Live captions of a routed session (a moderator token): `start`, `stop`, `get` (see `@opentok/rest`).
   * @example
   * const { captionsId } = await opentok.captions.start(sessionId, opentok.generateToken(sessionId, { role: 'moderator' }))
   * await opentok.captions.stop(captionsId)
   */
  get captions(): LiveCaptions {
    return this.#client.captions;
  }

  /**
   * Audio Connector, the audio of a session sent to your WebSocket server: `start`, `stop`
   * (see `@opentok/rest`).
   * @example
   * const { id } = await opentok.audioConnector.start(sessionId, token, { uri: 'wss://example.com/audio' })
   * await opentok.audioConnector.stop(id)
   */
  get audioConnector(): AudioConnector {
    return this.#client.audioConnector;
  }

  /** The underlying `@opentok/rest` client, for the REST resources not bound here yet. */
  get client(): Client {
    return this.#client;
  }

  /**
   * Creates a session. Routed (through the media router, needed for archives) or relayed
   * (peer to peer); without options, relayed, as the service does. See docs/protocol.md §9.7 for the naming.
   * @throws {OpenTokError} a subclass from `@opentok/rest` for a rejected or failed request.
   * @example
   * const session = await opentok.createSession({ mediaMode: 'routed', archiveMode: 'always' })
   */
  createSession(options: CreateSessionOptions = {}): Promise<Session> {
    return this.#client.createSession(options);
  }

  /**
   * Reads the manifest of an OpenTok 1.0 archive: its video resources and timeline. A
   * moderator T1 token is made from the credentials unless `options.token` is given.
   * @throws {OpenTokError} a subclass from `@opentok/rest` for a rejected or failed request.
   * @example
   * const manifest = await opentok.getArchiveManifest(archiveId)
   * const url = await opentok.getArchiveDownloadUrl(archiveId, manifest.resources[0].id)
   */
  getArchiveManifest(archiveId: string, options?: LegacyArchiveOptions): Promise<ArchiveManifest> {
    return this.#client.getArchiveManifest(archiveId, options);
  }

  /**
   * The download URL of one video of an OpenTok 1.0 archive.
   * @throws {OpenTokError} a subclass from `@opentok/rest` for a rejected or failed request.
   * @example
   * const url = await opentok.getArchiveDownloadUrl(archiveId, videoId)
   */
  getArchiveDownloadUrl(archiveId: string, videoId: string, options?: LegacyArchiveOptions): Promise<string> {
    return this.#client.getArchiveDownloadUrl(archiveId, videoId, options);
  }

  /** What `JSON.stringify` shows: the API key only. */
  toJSON(): { apiKey: string } {
    return { apiKey: this.apiKey };
  }

  /** What `util.inspect` and `console.log` show in Node: the API key only. */
  [INSPECT](): string {
    return `OpenTok { apiKey: '${this.apiKey}' }`;
  }
}

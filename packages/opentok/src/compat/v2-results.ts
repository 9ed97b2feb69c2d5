/**
 * The result objects the official `opentok` 2.x module hands out, as exported classes with its
 * field names and our types: {@link Session}, {@link Archive}, {@link Broadcast},
 * {@link SipInterconnect}, {@link Render}, {@link Callback}, {@link Stream}.
 * @module
 */
import type {
  ArchiveMode,
  ArchiveOutputMode,
  ArchiveStatus,
  Broadcast as BroadcastFields,
  BroadcastUrls,
  CallbackRegistration,
  MediaMode,
  Render as RenderFields,
  Archive as RestArchive,
  SipCall,
  Stream as StreamFields,
  VideoType,
} from '@opentok/rest';
import type { TokenOptions } from '@opentok/token';

/**
 * An error-first callback, as every 2.x method takes last: `result` is `undefined` when
 * `error` is set (typed as `@types/opentok` types it). Its parameters are checked
 * bivariantly, so a callback written for `@types/opentok` (`(err: Error, archive: Archive) => …`)
 * is accepted as it is.
 */
export type V2Callback<T> = { bivarianceHack(error: Error | null, result: T): void }['bivarianceHack'];

/** What a 2.x result object needs from the {@link OpenTok} that made it. */
export interface ResultOwner {
  generateToken(sessionId: string, options?: V2TokenOptions, t1?: boolean): string;
  stopArchive(archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined;
  deleteArchive(archiveId: string, callback?: V2Callback<void>): Promise<void> | undefined;
  stopBroadcast(broadcastId: string, callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined;
  unregisterCallback(callbackId: string, callback?: V2Callback<void>): Promise<void> | undefined;
}

/** Token options as 2.x takes them: `initialLayoutClassList` may be one space-separated string. */
export type V2TokenOptions = Omit<TokenOptions, 'initialLayoutClassList' | 'expireTime'> & {
  /** Seconds since the epoch (rounded, as 2.x does), or a `Date`. */
  expireTime?: number | string | Date | undefined;
  initialLayoutClassList?: readonly string[] | string | undefined;
};

/** Owners are kept off the enumerable fields, so results print and serialize as plain data. */
function hideOwner(target: object, owner: ResultOwner): void {
  Object.defineProperty(target, 'ot', { value: owner, enumerable: false, writable: false });
}

/**
 * A session as 2.x's `createSession` passes it: `sessionId`, the options it was created with
 * (`mediaMode`, `archiveMode`, `location`, and any other given), and `generateToken`.
 */
export class Session {
  /** The session ID, for clients and tokens. */
  readonly sessionId: string;
  /** The media mode it was created with. */
  declare mediaMode: MediaMode;
  /** The archive mode it was created with. */
  declare archiveMode: ArchiveMode;
  /** The location hint, when one was given. */
  declare location?: string;
  /** The project API key (object form only). */
  declare apiKey: string;
  /** Creation time in milliseconds since the epoch (object form only). */
  declare createTime: number;
  /** `mediaMode`, `archiveMode` and `location` together (object form only). */
  declare readonly properties: { mediaMode: MediaMode; archiveMode: ArchiveMode; location?: string };
  /** The {@link OpenTok} that created it (not enumerable). */
  declare readonly ot: ResultOwner;

  /**
   * As 2.x: `new Session(ot, sessionId, properties)` sets `sessionId` and copies each own
   * property of `properties`, nothing more. Or `new Session(ot, fields)` with the fields of a
   * created session (`sessionId`, `apiKey`, `createTime`, `mediaMode`, `archiveMode`, `location`).
   */
  constructor(owner: ResultOwner, sessionId: string, properties?: object | null);
  constructor(
    owner: ResultOwner,
    fields: {
      sessionId: string;
      apiKey: string;
      createTime: number;
      mediaMode: MediaMode;
      archiveMode: ArchiveMode;
      location?: string;
    },
  );
  constructor(
    owner: ResultOwner,
    second:
      | string
      | {
          sessionId: string;
          apiKey: string;
          createTime: number;
          mediaMode: MediaMode;
          archiveMode: ArchiveMode;
          location?: string;
        },
    properties?: object | null,
  ) {
    hideOwner(this, owner);
    if (typeof second !== 'object' || second === null) {
      this.sessionId = second;
      for (const name of Object.keys(Object(properties))) {
        (this as Record<string, unknown>)[name] = (properties as Record<string, unknown>)[name];
      }
      return;
    }
    const fields = second;
    this.sessionId = fields.sessionId;
    this.apiKey = fields.apiKey;
    this.createTime = fields.createTime;
    this.mediaMode = fields.mediaMode;
    this.archiveMode = fields.archiveMode;
    if (fields.location !== undefined) this.location = fields.location;
    const kept: { mediaMode: MediaMode; archiveMode: ArchiveMode; location?: string } = {
      mediaMode: fields.mediaMode,
      archiveMode: fields.archiveMode,
    };
    if (fields.location !== undefined) kept.location = fields.location;
    Object.defineProperty(this, 'properties', { value: kept, enumerable: true });
  }

  /** Signs a client token for this session: `ot.generateToken(sessionId, options)`. */
  generateToken(options?: V2TokenOptions, t1?: boolean): string {
    return this.ot.generateToken(this.sessionId, options, t1);
  }
}

/**
 * An archive as 2.x hands it out: the service's fields, with `stop()` and `delete()`. As
 * `@types/opentok` declares them, `url` and `name` are typed as strings; the service still
 * sends `null` until the recording is uploaded (`url`) or when no name was given (`name`), and
 * that `null` is handed on as 2.x does.
 */
export interface Archive extends Omit<RestArchive, 'url' | 'name'> {
  /** The download URL of an `available` archive (`null` at run time before that). */
  url: string;
  /** The name given at start (`null` at run time when none was). */
  name: string;
}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class Archive {
  declare readonly ot: ResultOwner;
  declare id: string;
  declare status: ArchiveStatus;
  declare outputMode: ArchiveOutputMode;

  constructor(owner: ResultOwner, fields: RestArchive) {
    hideOwner(this, owner);
    Object.assign(this, fields);
  }

  /** Stops this archive; the callback (or the promise) gets the stopped archive. */
  stop(callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return this.ot.stopArchive(this.id, callback);
  }

  /** Deletes this archive's recording. */
  delete(callback?: V2Callback<void>): Promise<void> | undefined {
    return this.ot.deleteArchive(this.id, callback);
  }
}

/**
 * A broadcast as 2.x hands it out (without `event` and `partnerId`), with `stop()`. As
 * `@types/opentok` declares it, `broadcastUrls` is typed as always present; the service sends
 * `null` once the broadcast has stopped, and that `null` is handed on as 2.x does.
 */
export interface Broadcast extends Omit<BroadcastFields, 'event' | 'partnerId' | 'broadcastUrls'> {
  /** Where the running broadcast can be watched (`null` at run time once it has stopped). */
  broadcastUrls: BroadcastUrls;
}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class Broadcast {
  declare readonly ot: ResultOwner;
  declare id: string;

  constructor(owner: ResultOwner, fields: BroadcastFields) {
    hideOwner(this, owner);
    const { event: _event, partnerId: _partnerId, ...kept } = fields;
    Object.assign(this, kept);
  }

  /** Stops this broadcast; the callback (or the promise) gets the stopped broadcast. */
  stop(callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined {
    return this.ot.stopBroadcast(this.id, callback);
  }
}

/** A SIP call as 2.x's `dial` passes it: `id`, `connectionId`, `streamId`. */
export interface SipInterconnect extends SipCall {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class SipInterconnect {
  constructor(fields: SipCall) {
    Object.assign(this, fields);
  }
}

/** An Experience Composer render as 2.x passes it: the service's fields. */
export interface Render extends RenderFields {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class Render {
  constructor(fields: RenderFields) {
    Object.assign(this, fields);
  }
}

/**
 * A stream as 2.x's `getStream` and `listStreams` pass it: `id`, `videoType`, `name`,
 * `layoutClassList`.
 */
export interface Stream extends Omit<StreamFields, 'videoType'> {
  /**
   * `camera`, `screen` or `custom`, typed as always present as `@types/opentok` declares it;
   * absent at run time for an audio-only stream.
   */
  videoType: VideoType | string;
}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class Stream {
  constructor(fields: StreamFields) {
    Object.assign(this, fields);
  }
}

/** A registered callback URL as 2.x passes it, with `unregister()`. */
export interface Callback extends CallbackRegistration {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every field of the service's answer (Object.assign).
export class Callback {
  declare readonly ot: ResultOwner;
  declare id: string;

  constructor(owner: ResultOwner, fields: CallbackRegistration) {
    hideOwner(this, owner);
    Object.assign(this, fields);
  }

  /** Unregisters this callback URL. */
  unregister(callback?: V2Callback<void>): Promise<void> | undefined {
    return this.ot.unregisterCallback(this.id, callback);
  }
}

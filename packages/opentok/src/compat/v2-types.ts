/**
 * The type names of `@types/opentok` 2.14.4's `OpenTok` namespace, each as this package means
 * it: an alias of the type our 2.x methods take or hand out, or of the REST type where the two
 * agree. {@link OpenTok} (compat/v2-namespace.ts) gathers them as its namespace, so that code
 * written as `OpenTok.ArchiveOptions`, `OpenTok.Archive`, … compiles unchanged.
 *
 * Where the modern API uses one of these names for another shape (`Archive`, `Broadcast`,
 * `DialOptions`, `SignalOptions`), the named export keeps the modern meaning and the namespace
 * member has the 2.x one (see the README's migration section).
 * @module
 */
import type * as rest from '@opentok/rest';
import type * as token from '@opentok/token';
import type { OpenTokEnvironment, V2DialOptions } from './v2.js';
import type * as results from './v2-results.js';

/** `composed` (one mixed file) or `individual` (one file per stream). */
export type OutputMode = rest.ArchiveOutputMode;
/** Where an archive is in its life. */
export type ArchiveStatus = rest.ArchiveStatus;
/** An archive as the 2.x methods hand it out, with `stop()` and `delete()`. */
export type Archive = results.Archive;
/** The options of `startArchive`. */
export type ArchiveOptions = rest.StartArchiveOptions;
/** A layout type other than `custom`. */
export type PredefinedLayoutType = Exclude<rest.LayoutType, 'custom'>;
/** A predefined layout of a composed archive. */
export interface PredefinedArchiveLayoutOptions {
  type: PredefinedLayoutType;
}
/** A custom layout of a composed archive: CSS for its streams. */
export interface CustomArchiveLayoutOptions {
  type: 'custom';
  stylesheet: string;
}
/** `bestFit` with another layout while a screen is shared. */
export interface ScreenshareArchiveLayoutOptions {
  type: 'bestFit';
  screenshareType?: rest.ScreenshareLayoutType | undefined;
}
/** The `layout` of {@link ArchiveOptions}. */
export type ArchiveLayoutOptions =
  | PredefinedArchiveLayoutOptions
  | CustomArchiveLayoutOptions
  | ScreenshareArchiveLayoutOptions;
/** `routed` or `relayed`. */
export type MediaMode = rest.MediaMode;
/** `manual` or `always`. */
export type ArchiveMode = rest.ArchiveMode;
/** The options of `createSession`. */
export type SessionOptions = rest.CreateSessionOptions;
/** A stream as `getStream` and `listStreams` hand it out (`videoType` typed as present, as 2.x). */
export type Stream = results.Stream;
/** Which media of a stream an archive or a broadcast takes (`addArchiveStream`, …). */
export type PatchStream = rest.AddStreamOptions;
/** A session as `createSession` hands it out (`sessionId`, …). */
export type Session = rest.Session;
/** A client token, as `generateToken` returns it. */
export type Token = string;
/** The options of `dial` as 2.x takes them (no `uri`: it is an argument). */
export type DialOptions = V2DialOptions;
/** A client role. */
export type Role = token.Role;
/** The options of `generateToken`. */
export type TokenOptions = token.TokenOptions;
/** The options of `listArchives`. */
export type ListArchivesOptions = rest.ListArchivesOptions;
/** A predefined layout type of a broadcast. */
export type BroadcastLayoutType = PredefinedLayoutType;
/** A predefined layout of a broadcast. */
export interface BroadcastLayoutOptions {
  type: BroadcastLayoutType;
}
/** A custom layout of a broadcast: CSS for its streams. */
export interface CustomBroadcastLayoutOptions {
  type: 'custom';
  stylesheet: string;
}
/** The `layout` of {@link BroadcastOptions}. */
export type BroadcastLayout = BroadcastLayoutOptions | CustomBroadcastLayoutOptions | ScreenshareArchiveLayoutOptions;
/** One RTMP target of a broadcast. */
export interface BroadcastOutputOptionsRtmp extends rest.RtmpOutput {
  /** The target's state, as a running broadcast reports it. */
  status?: string | undefined;
}
/** The `outputs` of {@link BroadcastOptions}: HLS, RTMP targets, or both. */
export type BroadcastOutputOptions = rest.StartBroadcastOptions['outputs'];
/** The options of `startBroadcast`. */
export type BroadcastOptions = rest.StartBroadcastOptions;
/** The options of `listBroadcasts`. */
export type ListBroadcastsOptions = rest.ListBroadcastsOptions;
/** Where a running broadcast can be watched (`broadcast.broadcastUrls`). */
export type BroadcastUrlsResponse = rest.BroadcastUrls;
/** A broadcast as the 2.x methods hand it out, with `stop()`. */
export type Broadcast = results.Broadcast;
/** The fields of the broadcast `stopBroadcast` hands out that 2.x declares. */
export type BroadcastStopResponse = Pick<
  results.Broadcast,
  'id' | 'sessionId' | 'projectId' | 'createdAt' | 'updatedAt' | 'resolution'
>;
/** The payload of `signal`: its type and its text. */
export interface SignalOptions {
  type: string;
  data: string;
}
/** A SIP call as `dial` hands it out. */
export type SipInterconnect = results.SipInterconnect;
/** A stream ID. */
export type StreamId = string;
/** The third argument of `new OpenTok(key, secret, env)` as an object (`apiUrl`, `timeout`, `uaAddendum`, …). */
export type Env = Exclude<OpenTokEnvironment, string>;

/**
 * Every name above under one key each: the namespace in compat/v2-namespace.ts reads its members
 * from here (`V2TypeNames['Archive']`), so that no member refers to a declaration of its own name
 * once the declarations are bundled into one file (`type ArchiveMode = ArchiveMode` would refer
 * to itself).
 */
export interface V2TypeNames {
  Archive: Archive;
  ArchiveLayoutOptions: ArchiveLayoutOptions;
  ArchiveMode: ArchiveMode;
  ArchiveOptions: ArchiveOptions;
  ArchiveStatus: ArchiveStatus;
  Broadcast: Broadcast;
  BroadcastLayout: BroadcastLayout;
  BroadcastLayoutOptions: BroadcastLayoutOptions;
  BroadcastLayoutType: BroadcastLayoutType;
  BroadcastOptions: BroadcastOptions;
  BroadcastOutputOptions: BroadcastOutputOptions;
  BroadcastOutputOptionsRtmp: BroadcastOutputOptionsRtmp;
  BroadcastStopResponse: BroadcastStopResponse;
  BroadcastUrlsResponse: BroadcastUrlsResponse;
  CustomArchiveLayoutOptions: CustomArchiveLayoutOptions;
  CustomBroadcastLayoutOptions: CustomBroadcastLayoutOptions;
  DialOptions: DialOptions;
  Env: Env;
  ListArchivesOptions: ListArchivesOptions;
  ListBroadcastsOptions: ListBroadcastsOptions;
  MediaMode: MediaMode;
  OutputMode: OutputMode;
  PatchStream: PatchStream;
  PredefinedArchiveLayoutOptions: PredefinedArchiveLayoutOptions;
  Role: Role;
  ScreenshareArchiveLayoutOptions: ScreenshareArchiveLayoutOptions;
  Session: Session;
  SessionOptions: SessionOptions;
  SignalOptions: SignalOptions;
  SipInterconnect: SipInterconnect;
  Stream: Stream;
  StreamId: StreamId;
  Token: Token;
  TokenOptions: TokenOptions;
}

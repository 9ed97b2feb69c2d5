/**
 * {@link OpenTok}, the class of `import OpenTok from 'opentok'`, together with the namespace of
 * the 2.x type names (`OpenTok.ArchiveOptions`, `OpenTok.Archive`, …) that `@types/opentok`
 * declares, so that an ES module reads them from the default export as CommonJS code does from
 * `require('opentok')`. The namespace holds types only; the value is the class of compat/v2.ts.
 * @module
 */
import { OpenTok as CallableOpenTok, type OpenTokV2 } from './v2.js';
import type { V2TypeNames } from './v2-types.js';

/**
 * The class of `require('opentok')` and `import OpenTok from 'opentok'`, callable without `new`
 * as in 2.x, and the namespace of the 2.x type names.
 * @example
 * import OpenTok from 'opentok';
 * const opentok = new OpenTok(apiKey, apiSecret);
 * const options: OpenTok.ArchiveOptions = { name: 'demo' };
 */
export const OpenTok: typeof CallableOpenTok = CallableOpenTok;
/** An instance of {@link OpenTok}. */
export type OpenTok = OpenTokV2;

/** The type names of `@types/opentok`'s `OpenTok` namespace, with this package's types (compat/v2-types.ts). */
export declare namespace OpenTok {
  export type Archive = V2TypeNames['Archive'];
  export type ArchiveLayoutOptions = V2TypeNames['ArchiveLayoutOptions'];
  export type ArchiveMode = V2TypeNames['ArchiveMode'];
  export type ArchiveOptions = V2TypeNames['ArchiveOptions'];
  export type ArchiveStatus = V2TypeNames['ArchiveStatus'];
  export type Broadcast = V2TypeNames['Broadcast'];
  export type BroadcastLayout = V2TypeNames['BroadcastLayout'];
  export type BroadcastLayoutOptions = V2TypeNames['BroadcastLayoutOptions'];
  export type BroadcastLayoutType = V2TypeNames['BroadcastLayoutType'];
  export type BroadcastOptions = V2TypeNames['BroadcastOptions'];
  export type BroadcastOutputOptions = V2TypeNames['BroadcastOutputOptions'];
  export type BroadcastOutputOptionsRtmp = V2TypeNames['BroadcastOutputOptionsRtmp'];
  export type BroadcastStopResponse = V2TypeNames['BroadcastStopResponse'];
  export type BroadcastUrlsResponse = V2TypeNames['BroadcastUrlsResponse'];
  export type CustomArchiveLayoutOptions = V2TypeNames['CustomArchiveLayoutOptions'];
  export type CustomBroadcastLayoutOptions = V2TypeNames['CustomBroadcastLayoutOptions'];
  export type DialOptions = V2TypeNames['DialOptions'];
  export type Env = V2TypeNames['Env'];
  export type ListArchivesOptions = V2TypeNames['ListArchivesOptions'];
  export type ListBroadcastsOptions = V2TypeNames['ListBroadcastsOptions'];
  export type MediaMode = V2TypeNames['MediaMode'];
  export type OutputMode = V2TypeNames['OutputMode'];
  export type PatchStream = V2TypeNames['PatchStream'];
  export type PredefinedArchiveLayoutOptions = V2TypeNames['PredefinedArchiveLayoutOptions'];
  export type Role = V2TypeNames['Role'];
  export type ScreenshareArchiveLayoutOptions = V2TypeNames['ScreenshareArchiveLayoutOptions'];
  export type Session = V2TypeNames['Session'];
  export type SessionOptions = V2TypeNames['SessionOptions'];
  export type SignalOptions = V2TypeNames['SignalOptions'];
  export type SipInterconnect = V2TypeNames['SipInterconnect'];
  export type Stream = V2TypeNames['Stream'];
  export type StreamId = V2TypeNames['StreamId'];
  export type Token = V2TypeNames['Token'];
  export type TokenOptions = V2TypeNames['TokenOptions'];
}

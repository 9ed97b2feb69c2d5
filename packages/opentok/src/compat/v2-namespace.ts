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
  /** `@types/opentok`'s `OpenTok.Archive`, as this package types it (see compat/v2-types.ts). */
  export type Archive = V2TypeNames['Archive'];
  /** `@types/opentok`'s `OpenTok.ArchiveLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type ArchiveLayoutOptions = V2TypeNames['ArchiveLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.ArchiveMode`, as this package types it (see compat/v2-types.ts). */
  export type ArchiveMode = V2TypeNames['ArchiveMode'];
  /** `@types/opentok`'s `OpenTok.ArchiveOptions`, as this package types it (see compat/v2-types.ts). */
  export type ArchiveOptions = V2TypeNames['ArchiveOptions'];
  /** `@types/opentok`'s `OpenTok.ArchiveStatus`, as this package types it (see compat/v2-types.ts). */
  export type ArchiveStatus = V2TypeNames['ArchiveStatus'];
  /** `@types/opentok`'s `OpenTok.Broadcast`, as this package types it (see compat/v2-types.ts). */
  export type Broadcast = V2TypeNames['Broadcast'];
  /** `@types/opentok`'s `OpenTok.BroadcastLayout`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastLayout = V2TypeNames['BroadcastLayout'];
  /** `@types/opentok`'s `OpenTok.BroadcastLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastLayoutOptions = V2TypeNames['BroadcastLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.BroadcastLayoutType`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastLayoutType = V2TypeNames['BroadcastLayoutType'];
  /** `@types/opentok`'s `OpenTok.BroadcastOptions`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastOptions = V2TypeNames['BroadcastOptions'];
  /** `@types/opentok`'s `OpenTok.BroadcastOutputOptions`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastOutputOptions = V2TypeNames['BroadcastOutputOptions'];
  /** `@types/opentok`'s `OpenTok.BroadcastOutputOptionsRtmp`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastOutputOptionsRtmp = V2TypeNames['BroadcastOutputOptionsRtmp'];
  /** `@types/opentok`'s `OpenTok.BroadcastStopResponse`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastStopResponse = V2TypeNames['BroadcastStopResponse'];
  /** `@types/opentok`'s `OpenTok.BroadcastUrlsResponse`, as this package types it (see compat/v2-types.ts). */
  export type BroadcastUrlsResponse = V2TypeNames['BroadcastUrlsResponse'];
  /** `@types/opentok`'s `OpenTok.CustomArchiveLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type CustomArchiveLayoutOptions = V2TypeNames['CustomArchiveLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.CustomBroadcastLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type CustomBroadcastLayoutOptions = V2TypeNames['CustomBroadcastLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.DialOptions`, as this package types it (see compat/v2-types.ts). */
  export type DialOptions = V2TypeNames['DialOptions'];
  /** `@types/opentok`'s `OpenTok.Env`, as this package types it (see compat/v2-types.ts). */
  export type Env = V2TypeNames['Env'];
  /** `@types/opentok`'s `OpenTok.ListArchivesOptions`, as this package types it (see compat/v2-types.ts). */
  export type ListArchivesOptions = V2TypeNames['ListArchivesOptions'];
  /** `@types/opentok`'s `OpenTok.ListBroadcastsOptions`, as this package types it (see compat/v2-types.ts). */
  export type ListBroadcastsOptions = V2TypeNames['ListBroadcastsOptions'];
  /** `@types/opentok`'s `OpenTok.MediaMode`, as this package types it (see compat/v2-types.ts). */
  export type MediaMode = V2TypeNames['MediaMode'];
  /** `@types/opentok`'s `OpenTok.OutputMode`, as this package types it (see compat/v2-types.ts). */
  export type OutputMode = V2TypeNames['OutputMode'];
  /** `@types/opentok`'s `OpenTok.PatchStream`, as this package types it (see compat/v2-types.ts). */
  export type PatchStream = V2TypeNames['PatchStream'];
  /** `@types/opentok`'s `OpenTok.PredefinedArchiveLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type PredefinedArchiveLayoutOptions = V2TypeNames['PredefinedArchiveLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.Role`, as this package types it (see compat/v2-types.ts). */
  export type Role = V2TypeNames['Role'];
  /** `@types/opentok`'s `OpenTok.ScreenshareArchiveLayoutOptions`, as this package types it (see compat/v2-types.ts). */
  export type ScreenshareArchiveLayoutOptions = V2TypeNames['ScreenshareArchiveLayoutOptions'];
  /** `@types/opentok`'s `OpenTok.Session`, as this package types it (see compat/v2-types.ts). */
  export type Session = V2TypeNames['Session'];
  /** `@types/opentok`'s `OpenTok.SessionOptions`, as this package types it (see compat/v2-types.ts). */
  export type SessionOptions = V2TypeNames['SessionOptions'];
  /** `@types/opentok`'s `OpenTok.SignalOptions`, as this package types it (see compat/v2-types.ts). */
  export type SignalOptions = V2TypeNames['SignalOptions'];
  /** `@types/opentok`'s `OpenTok.SipInterconnect`, as this package types it (see compat/v2-types.ts). */
  export type SipInterconnect = V2TypeNames['SipInterconnect'];
  /** `@types/opentok`'s `OpenTok.Stream`, as this package types it (see compat/v2-types.ts). */
  export type Stream = V2TypeNames['Stream'];
  /** `@types/opentok`'s `OpenTok.StreamId`, as this package types it (see compat/v2-types.ts). */
  export type StreamId = V2TypeNames['StreamId'];
  /** `@types/opentok`'s `OpenTok.Token`, as this package types it (see compat/v2-types.ts). */
  export type Token = V2TypeNames['Token'];
  /** `@types/opentok`'s `OpenTok.TokenOptions`, as this package types it (see compat/v2-types.ts). */
  export type TokenOptions = V2TypeNames['TokenOptions'];
}

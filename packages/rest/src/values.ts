/**
 * Every list of allowed values, defined once. The TypeScript types are derived from these
 * arrays, and the validators and the docs read the same arrays, so they cannot drift apart.
 * @module
 */
import type { CallbackEvent } from './callbacks.js';

/** Video resolutions of composed archives and broadcasts. */
export const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;
/** A resolution of a composed archive or a broadcast, such as `1280x720`. */
export type Resolution = (typeof RESOLUTIONS)[number];

/** Layout types of composed archives and broadcasts. */
export const LAYOUT_TYPES = ['bestFit', 'pip', 'verticalPresentation', 'horizontalPresentation', 'custom'] as const;
/** Layout types of composed archives and broadcasts. */
export type LayoutType = (typeof LAYOUT_TYPES)[number];

/** Layouts allowed while a screen is shared (`screenshareType`): every type but `custom`. */
export const SCREENSHARE_LAYOUT_TYPES = ['bestFit', 'pip', 'verticalPresentation', 'horizontalPresentation'] as const;
/** A layout type allowed while a screen is shared. */
export type ScreenshareLayoutType = (typeof SCREENSHARE_LAYOUT_TYPES)[number];

/** `auto` records or streams every stream; `manual` only those added with `addStream`. */
export const STREAM_MODES = ['auto', 'manual'] as const;
/** `auto` records or streams every stream; `manual` only those added with `addStream`. */
export type StreamMode = (typeof STREAM_MODES)[number];

/** `composed`: one mixed video; `individual`: a zip of one file per stream. */
export const ARCHIVE_OUTPUT_MODES = ['composed', 'individual'] as const;
/** `composed`: one mixed video; `individual`: a zip of one file per stream. */
export type ArchiveOutputMode = (typeof ARCHIVE_OUTPUT_MODES)[number];

/** Where an archive is in its life. */
export const ARCHIVE_STATUSES = [
  'started',
  'paused',
  'stopped',
  'uploaded',
  'available',
  'expired',
  'failed',
  'deleted',
] as const;
/** Where an archive is in its life. */
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

/** How media flows: `routed` through the OpenTok media router, or `relayed` peer to peer. */
export const MEDIA_MODES = ['routed', 'relayed'] as const;
/** How media flows: `routed` through the OpenTok media router, or `relayed` peer to peer. */
export type MediaMode = (typeof MEDIA_MODES)[number];

/** `always` records every routed session automatically; `manual` only on request. */
export const ARCHIVE_MODES = ['manual', 'always'] as const;
/** `always` records every routed session automatically; `manual` only on request. */
export type ArchiveMode = (typeof ARCHIVE_MODES)[number];

/** Where a broadcast is in its life. */
export const BROADCAST_STATUSES = ['started', 'stopped'] as const;
/** Where a broadcast is in its life. */
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** States of a broadcast's HLS output. */
export const HLS_STATUSES = ['connecting', 'ready', 'live', 'ended', 'error'] as const;
/** States of a broadcast's HLS output. */
export type HlsStatus = (typeof HLS_STATUSES)[number];

/** States of one RTMP output of a broadcast. */
export const RTMP_STATUSES = ['connecting', 'live', 'offline', 'error'] as const;
/** States of one RTMP output of a broadcast. */
export type RtmpStatus = (typeof RTMP_STATUSES)[number];

/** Sample rates of the linear PCM the Audio Connector sends, in Hz. */
export const AUDIO_RATES = [8000, 16000, 24000] as const;
/** How the Audio Connector's audio travels on the WebSocket: binary frames, or JSON text messages with base64 audio. */
export const AUDIO_TRANSPORTS = ['binary', 'json'] as const;
/** A sample rate of the Audio Connector, in Hz. */
export type AudioRate = (typeof AUDIO_RATES)[number];

/** Where a captioning job is: `started`, `stopped`, `paused` (no audio) or `failed`. */
export const CAPTIONS_STATUSES = ['started', 'stopped', 'paused', 'failed'] as const;
/** Where a captioning job is. */
export type CaptionsStatus = (typeof CAPTIONS_STATUSES)[number];

/** Where a render is in its life: `starting` → `started` → `stopped`, or `failed`. */
export const RENDER_STATUSES = ['starting', 'started', 'stopped', 'failed'] as const;
/** Where a render is in its life. */
export type RenderStatus = (typeof RENDER_STATUSES)[number];

/** Every `event` value `parseCallback` knows. */
export const CALLBACK_EVENTS: readonly CallbackEvent[] = Object.freeze([
  'archive',
  'broadcast',
  'sessionCreated',
  'sessionDestroyed',
  'connectionCreated',
  'connectionDestroyed',
  'streamCreated',
  'streamDestroyed',
  'callCreated',
  'callUpdated',
  'callDestroyed',
  'muteForced',
  'render',
  'captions',
]);

/** Largest `type` of a signal, in UTF-8 bytes. */
export const SIGNAL_TYPE_MAX_BYTES = 128;
/** Largest `data` of a signal, in UTF-8 bytes. */
export const SIGNAL_DATA_MAX_BYTES = 8192;

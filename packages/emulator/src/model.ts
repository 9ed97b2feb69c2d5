/**
 * The emulator's in-memory records. Everything lives in one {@link EmulatorState} per
 * running emulator; nothing is shared between instances.
 * @module
 */

import type { Glob } from './glob.js';

/** A project the emulator knows: requests signed with its secret are accepted. */
export interface EmulatorProject {
  /** The API key, a string of digits. */
  apiKey: string;
  /** The API secret. Never sent back by the emulator, never logged. */
  apiSecret: string;
  /**
   * Set for a Vonage application (then `apiKey` holds the same ID and `apiSecret` is empty):
   * it authenticates with RS256 tokens verified with {@link EmulatorProject.publicKey}.
   */
  applicationId?: string | undefined;
  /** The application's RSA public key. */
  publicKey?: import('node:crypto').KeyObject | undefined;
  /**
   * Where the project's archives are uploaded (an S3 bucket or an Azure container), when it has
   * an upload target: its archives end `uploaded` (no download URL) instead of `available`.
   */
  uploadTarget?: UploadTarget | undefined;
}

/** The kinds of archive upload target a project can have. */
export const UPLOAD_TARGETS = ['s3', 'azure'] as const;
/** An archive upload target: Amazon S3 or Azure blob storage. */
export type UploadTarget = (typeof UPLOAD_TARGETS)[number];

/**
 * What made a connection: `client` for a client that joined with a token (control API);
 * connectors (SIP calls, renders, audio connectors) add their own kinds.
 */
export type ConnectionKind = 'client' | 'sip' | 'render' | 'audioConnector';

/** A connection to a session: a client that joined through the control API, or a connector. */
export interface ConnectionRecord {
  id: string;
  sessionId: string;
  kind: ConnectionKind;
  role: string;
  data: string | undefined;
  createdAt: number;
  /** The connection's first stream, while it publishes one. */
  streamId: string | undefined;
}

/** What a stream carries: the camera, a shared screen, or a custom source. */
export type VideoType = 'camera' | 'screen' | 'custom';

/** A stream published by a connection. */
export interface StreamRecord {
  id: string;
  connectionId: string;
  sessionId: string;
  createdAt: number;
  /** The publisher's name for the stream; `''` when none was set. */
  name: string;
  videoType: VideoType;
  /** Starts as the token's `initial_layout_class_list`. */
  layoutClassList: string[];
  hasAudio: boolean;
  hasVideo: boolean;
  /** Muted by a moderator (one stream, or mute all); stays muted after force mute ends. */
  audioMuted: boolean;
}

/** A session's force-mute state: while active, streams published later arrive muted unless excluded. */
export interface ForceMuteState {
  active: boolean;
  excludedStreamIds: Set<string>;
}

/** A session created through `/session/create`. */
export interface SessionRecord {
  id: string;
  apiKey: string;
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  e2ee: boolean;
  location: string | undefined;
  createdAt: number;
  archiveName: string | undefined;
  archiveResolution: string | undefined;
  connections: Map<string, ConnectionRecord>;
  streams: Map<string, StreamRecord>;
  forceMute: ForceMuteState;
}

/** One stream's part of an archive: a `video` resource of the legacy manifest. */
export interface VideoRecord {
  /** The video (resource) ID passed to `/hl/archive/url/{archiveId}/{videoId}`. */
  id: string;
  streamId: string;
  /** When the stream entered the archive, in ms since the archive started. */
  offset: number;
  /** When the stream left the archive (ms since the epoch), if it did before the stop. */
  endedAt: number | undefined;
}

/**
 * Archive status values of the modern API (docs/protocol.md §6.2) that the emulator produces:
 * `uploaded` for a project with an upload target, `failed` through the control API.
 */
export type ArchiveStatus = 'started' | 'paused' | 'stopped' | 'uploaded' | 'available' | 'failed' | 'deleted';

/** A layout of a composed archive. */
export interface ArchiveLayout {
  type: string;
  stylesheet?: string;
  screenshareType?: string;
}

/** An archive, whatever API started it. */
export interface ArchiveRecord {
  id: string;
  apiKey: string;
  sessionId: string;
  name: string | null;
  status: ArchiveStatus;
  reason: string;
  createdAt: number;
  updatedAt: number;
  pausedAt: number | undefined;
  stoppedAt: number | undefined;
  outputMode: 'composed' | 'individual';
  hasAudio: boolean;
  hasVideo: boolean;
  resolution: string | undefined;
  streamMode: 'auto' | 'manual';
  layout: ArchiveLayout;
  multiArchiveTag: string | undefined;
  maxBitrate: number | undefined;
  quantizationParameter: number | undefined;
  /** Streams chosen in `manual` stream mode, with their tracks. */
  manualStreams: Map<string, { hasAudio: boolean; hasVideo: boolean }>;
  videos: VideoRecord[];
}

/**
 * A fault queued through `POST /_emulator/faults` (validated by `parseFault`). The next
 * `remaining` requests matching `method` and `pattern` wait `delayMs`, then either have their
 * connection reset, or get the fault's `status` and `body`, or (with `truncateAfterBytes`) an
 * answer cut short; a fault with only `delayMs` lets the request through.
 * @example
 * // POST /_emulator/faults {"method":"GET","path":"/_emulator/media/*","truncateAfterBytes":1000}
 * // the next download sends its status, headers and full Content-Length, 1000 bytes, then closes.
 */
export interface FaultRecord {
  id: string;
  /** An HTTP method in capitals, or `*`. */
  method: string;
  /** The path as given: exact, or a glob where `*` matches any run of characters. */
  path: string;
  /** The compiled `path`, matched in linear time (see `glob.ts`). */
  pattern: Glob;
  /** The status to answer with; absent, the real handler answers (after the delay). */
  status: number | undefined;
  delayMs: number;
  /** Destroys the connection without any answer. */
  reset: boolean;
  body: string | undefined;
  contentType: string | undefined;
  /** Extra headers of the fault's answer; a `Content-Length` here overrides the real one. */
  headers: Record<string, string>;
  /**
   * When set, the answer (the fault's own `status` and `body`, or without a `status` the real
   * one) starts normally, status and headers with the full `Content-Length`, then the
   * connection is closed after this many body bytes (0 to 1e9; a body no longer than that is
   * sent whole before the close). Cannot be combined with `reset`.
   */
  truncateAfterBytes: number | undefined;
  /** Uses left; the fault is removed at 0. */
  remaining: number;
}

/** One RTMP target of a broadcast. */
export interface RtmpTarget {
  /** The caller's ID for the target (`id` of the start body), or one the emulator made. */
  id: string;
  serverUrl: string;
  streamName: string;
}

/** A broadcast (live streaming to HLS and RTMP). */
export interface BroadcastRecord {
  id: string;
  apiKey: string;
  sessionId: string;
  /** `started`, `paused` (nobody connected; shown as `started`) or `stopped`. */
  status: 'started' | 'paused' | 'stopped';
  createdAt: number;
  updatedAt: number;
  pausedAt: number | undefined;
  stoppedAt: number | undefined;
  /** Seconds after which it stops by itself. */
  maxDuration: number;
  maxBitrate: number | undefined;
  resolution: string;
  hasAudio: boolean;
  hasVideo: boolean;
  streamMode: 'auto' | 'manual';
  layout: ArchiveLayout;
  multiBroadcastTag: string | undefined;
  /** The HLS output's settings, when HLS was asked for. */
  hls: { dvr: boolean; lowLatency: boolean } | undefined;
  rtmp: RtmpTarget[];
  /** Streams chosen in `manual` stream mode, with their tracks. */
  manualStreams: Map<string, { hasAudio: boolean; hasVideo: boolean }>;
}

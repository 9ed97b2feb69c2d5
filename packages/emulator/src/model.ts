/**
 * The emulator's in-memory records. Everything lives in one {@link EmulatorState} per
 * running emulator; nothing is shared between instances.
 * @module
 */

/** A project the emulator knows: requests signed with its secret are accepted. */
export interface EmulatorProject {
  /** The API key, a string of digits. */
  apiKey: string;
  /** The API secret. Never sent back by the emulator, never logged. */
  apiSecret: string;
}

/** A client connected to a session through the control API. */
export interface ConnectionRecord {
  id: string;
  sessionId: string;
  role: string;
  data: string | undefined;
  createdAt: number;
  streamId: string | undefined;
}

/** A stream published by a connection. */
export interface StreamRecord {
  id: string;
  connectionId: string;
  sessionId: string;
  createdAt: number;
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

/** Archive status values of the modern API (protocol.md §6.2). */
export type ArchiveStatus = 'started' | 'paused' | 'stopped' | 'available' | 'deleted';

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

/** A fault queued through `POST /_emulator/faults`. */
export interface FaultRecord {
  id: string;
  method: string;
  path: string;
  pattern: RegExp;
  status: number | undefined;
  delayMs: number;
  reset: boolean;
  body: string | undefined;
  contentType: string | undefined;
  headers: Record<string, string>;
  remaining: number;
}

/**
 * The values options may take, for help, validation and completion. Written out here, checked
 * against the SDK's types, so that `--help`, `completion` and `profile` run without loading
 * the SDK (`eval "$(opentok completion bash)"` runs at every shell start).
 * @module
 */
import type {
  ArchiveOutputMode,
  ArchiveStatus,
  AudioRate,
  BroadcastStatus,
  LayoutType,
  RenderStatus,
  Resolution,
  Role,
  ScreenshareLayoutType,
  StreamMode,
} from 'opentok';

/** Client token roles. */
export const ROLES = ['publisher', 'subscriber', 'moderator', 'publisheronly'] as const satisfies readonly Role[];
/** Archive statuses. */
export const ARCHIVE_STATUSES = [
  'started',
  'paused',
  'stopped',
  'uploaded',
  'available',
  'expired',
  'failed',
  'deleted',
] as const satisfies readonly ArchiveStatus[];
/** Broadcast statuses. */
export const BROADCAST_STATUSES = ['started', 'stopped'] as const satisfies readonly BroadcastStatus[];
/** Layouts of composed archives and broadcasts. */
export const LAYOUT_TYPES = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
  'custom',
] as const satisfies readonly LayoutType[];
/** Layouts while a screen is shared. */
export const SCREENSHARE_LAYOUT_TYPES = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
] as const satisfies readonly ScreenshareLayoutType[];
/** Video sizes. */
export const RESOLUTIONS = [
  '640x480',
  '480x640',
  '1280x720',
  '720x1280',
  '1920x1080',
  '1080x1920',
] as const satisfies readonly Resolution[];
/** Stream modes of archives and broadcasts. */
export const STREAM_MODES = ['auto', 'manual'] as const satisfies readonly StreamMode[];
/** Archive output modes. */
export const OUTPUT_MODES = ['composed', 'individual'] as const satisfies readonly ArchiveOutputMode[];
/** Render statuses. */
export const RENDER_STATUSES = ['starting', 'started', 'stopped', 'failed'] as const satisfies readonly RenderStatus[];
/** Audio Connector sample rates, as typed on the command line. */
export const AUDIO_RATES = ['8000', '16000', '24000'] as const satisfies readonly `${AudioRate}`[];

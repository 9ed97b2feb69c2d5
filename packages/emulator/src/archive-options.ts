/**
 * Validation of the archive start body and of layouts (docs/protocol.md §6.2).
 * @module
 */
import type { ArchiveLayout } from './model.js';
import { badRequest } from './problem.js';
import { optionalBoolean, optionalChoice, optionalInteger, optionalString, rejectUnknown } from './request-body.js';
import type { ArchiveStartOptions } from './stores/archive-store.js';

/** Resolutions the service accepts for composed archives and for `archiveResolution`. */
export const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;
const LAYOUT_TYPES = ['bestFit', 'pip', 'verticalPresentation', 'horizontalPresentation', 'custom'] as const;
const START_FIELDS = [
  'sessionId',
  'name',
  'hasAudio',
  'hasVideo',
  'outputMode',
  'resolution',
  'layout',
  'streamMode',
  'multiArchiveTag',
  'maxBitrate',
  'quantizationParameter',
  'hasTranscription',
  'transcriptionProperties',
];

/**
 * Validates a layout object: `type`, `stylesheet` only with `custom`, `screenshareType` only
 * with `bestFit`. `lenient` (the newer routes) ignores unknown keys instead of refusing them.
 */
export function parseLayout(value: unknown, lenient = false): ArchiveLayout {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('layout must be an object with a type.');
  }
  const body = value as Record<string, unknown>;
  if (!lenient) rejectUnknown(body, ['type', 'stylesheet', 'screenshareType']);
  const type = optionalChoice(body, 'type', LAYOUT_TYPES) ?? 'bestFit';
  const stylesheet = optionalString(body, 'stylesheet', 10000);
  const screenshareType = optionalChoice(body, 'screenshareType', LAYOUT_TYPES);
  if (type === 'custom' && !stylesheet) throw badRequest('A custom layout needs a stylesheet.');
  if (type !== 'custom' && stylesheet !== undefined) throw badRequest('stylesheet is only allowed with type custom.');
  if (screenshareType !== undefined && type !== 'bestFit') {
    throw badRequest('screenshareType is only allowed with type bestFit.');
  }
  const layout: ArchiveLayout = { type };
  if (stylesheet !== undefined) layout.stylesheet = stylesheet;
  if (screenshareType !== undefined) layout.screenshareType = screenshareType;
  return layout;
}

/** Validates the body of `POST /v2/project/{apiKey}/archive` (the session is checked by the caller). */
export function parseArchiveStart(body: Record<string, unknown>): ArchiveStartOptions {
  rejectUnknown(body, START_FIELDS);
  const hasAudio = optionalBoolean(body, 'hasAudio') ?? true;
  const hasVideo = optionalBoolean(body, 'hasVideo') ?? true;
  if (!hasAudio && !hasVideo) throw badRequest('An archive needs at least one of hasAudio and hasVideo.');
  const outputMode = optionalChoice(body, 'outputMode', ['composed', 'individual'] as const) ?? 'composed';
  const resolution = optionalChoice(body, 'resolution', RESOLUTIONS);
  if (outputMode === 'individual' && resolution !== undefined) {
    throw badRequest('resolution is only allowed with outputMode composed.');
  }
  const maxBitrate = optionalInteger(body, 'maxBitrate', 100000, 6000000);
  const quantizationParameter = optionalInteger(body, 'quantizationParameter', 15, 40);
  if (maxBitrate !== undefined && quantizationParameter !== undefined) {
    throw badRequest('maxBitrate and quantizationParameter cannot be used together.');
  }
  optionalBoolean(body, 'hasTranscription');
  return {
    name: optionalString(body, 'name', 80) ?? null,
    hasAudio,
    hasVideo,
    outputMode,
    resolution: outputMode === 'composed' ? (resolution ?? '640x480') : undefined,
    streamMode: optionalChoice(body, 'streamMode', ['auto', 'manual'] as const) ?? 'auto',
    layout: body.layout === undefined || body.layout === null ? { type: 'bestFit' } : parseLayout(body.layout),
    multiArchiveTag: optionalString(body, 'multiArchiveTag', 80),
    maxBitrate,
    quantizationParameter,
  };
}

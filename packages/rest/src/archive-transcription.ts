/**
 * Post-call transcription of archives: the start options `hasTranscription` and
 * `transcriptionProperties`, checked as the service checks them (individual archives with audio
 * only), and the `transcription` object of archive results and callbacks.
 * @module
 */
import { fail, optionalBoolean, requireOptions, show } from './validate.js';

/** Where a transcription is: `requested` while recording, `started` while transcribed, then `available` or `failed`. */
export type ArchiveTranscriptionStatus = 'requested' | 'started' | 'available' | 'failed';

/** Transcription state of an archive started with `hasTranscription` (in `get`, `list` and callbacks). */
export interface ArchiveTranscription {
  /** `requested`, `started`, `available` or `failed` (other values are kept as sent). */
  status?: ArchiveTranscriptionStatus | (string & {});
  /** Where the transcript (JSON) is downloaded once `available`, else `null`. */
  url?: string | null;
  /** Why it failed, else `null`. */
  reason?: string | null;
  /** The language transcribed, BCP-47 (`en-US` by default). */
  primaryLanguageCode?: string;
  /** Whether the transcript has an AI-generated summary. */
  hasSummary?: boolean;
}

/** `transcriptionProperties` of `client.archives.start`. */
export interface TranscriptionProperties {
  /** The language spoken, BCP-47 such as `en-US`, `es-ES` or `pt-BR`. @default 'en-US' */
  primaryLanguageCode?: string | undefined;
  /** Add an AI-generated summary to the transcript. @default false */
  hasSummary?: boolean | undefined;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/**
 * The transcription fields of a start body, checked: `hasTranscription` needs `outputMode:
 * 'individual'` and audio, and `transcriptionProperties` needs `hasTranscription: true`.
 */
export function toTranscriptionFields(options: {
  hasTranscription?: unknown;
  transcriptionProperties?: unknown;
  outputMode?: string | undefined;
  hasAudio?: boolean | undefined;
}): Record<string, unknown> {
  const hasTranscription = optionalBoolean('hasTranscription', options.hasTranscription);
  const { transcriptionProperties } = options;
  if (hasTranscription !== true) {
    if (transcriptionProperties !== undefined) {
      fail('transcriptionProperties', 'transcriptionProperties is only allowed with hasTranscription: true');
    }
    return hasTranscription === false ? { hasTranscription } : {};
  }
  if (options.outputMode !== 'individual') {
    fail(
      'hasTranscription',
      "hasTranscription is only allowed with outputMode 'individual' (the service transcribes each stream)",
    );
  }
  if (options.hasAudio === false) fail('hasTranscription', 'hasTranscription needs an archive with audio');
  if (transcriptionProperties === undefined) return { hasTranscription };
  const properties = requireOptions('transcriptionProperties', transcriptionProperties as TranscriptionProperties, [
    'primaryLanguageCode',
    'hasSummary',
  ]);
  const { primaryLanguageCode } = properties;
  if (
    primaryLanguageCode !== undefined &&
    (typeof primaryLanguageCode !== 'string' || !LANGUAGE.test(primaryLanguageCode))
  ) {
    fail(
      'transcriptionProperties.primaryLanguageCode',
      `transcriptionProperties.primaryLanguageCode must be a language code such as 'en-US', not ${show(primaryLanguageCode)}`,
    );
  }
  const hasSummary = optionalBoolean('transcriptionProperties.hasSummary', properties.hasSummary);
  const fields: Record<string, unknown> = {};
  if (primaryLanguageCode !== undefined) fields.primaryLanguageCode = primaryLanguageCode;
  if (hasSummary !== undefined) fields.hasSummary = hasSummary;
  return { hasTranscription, transcriptionProperties: fields };
}

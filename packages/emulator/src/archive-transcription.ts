/**
 * Post-call transcription of archives (`hasTranscription` with `transcriptionProperties` on
 * start): individual archives with audio only, as the service requires. The transcript of an
 * archive is produced once the archive is `available` (or `uploaded`): its `transcription.status`
 * goes `requested` (recording) → `started` (being transcribed, {@link TRANSCRIPTION_MS}) →
 * `available` with a download URL (`failed` with the archive); each archive callback carries the
 * object, and one more `archive` callback is sent when the transcript is ready. The transcript is
 * a small JSON document, one entry per recorded stream. Kept beside the archive records (a
 * `WeakMap`), so the archive model stays as it is. Assumptions: the repository's
 * `docs/archive-transcription.md`.
 * @module
 */
import type { ArchiveRecord } from './model.js';
import { badRequest } from './problem.js';
import { optionalBoolean, rejectUnknown } from './request-body.js';

/** Milliseconds from an archive's `available` to its transcript's. */
export const TRANSCRIPTION_MS = 200;

/** What transcription an archive was started with. */
export interface TranscriptionOptions {
  primaryLanguageCode: string;
  hasSummary: boolean;
}

interface TranscriptionRecord extends TranscriptionOptions {
  now: () => number;
}

const records = new WeakMap<ArchiveRecord, TranscriptionRecord>();

/** BCP-47 such as `en-US`, `pt-BR`, `ja-JP`. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/**
 * The transcription of an archive start body, or `undefined` without `hasTranscription: true`;
 * a 400 as the service answers for a composed or audio-less archive, or bad properties.
 */
export function parseTranscription(
  body: Record<string, unknown>,
  outputMode: 'composed' | 'individual',
  hasAudio: boolean,
): TranscriptionOptions | undefined {
  const hasTranscription = optionalBoolean(body, 'hasTranscription') ?? false;
  const properties = body.transcriptionProperties;
  if (!hasTranscription) {
    if (properties !== undefined && properties !== null) {
      throw badRequest('transcriptionProperties is only allowed with hasTranscription true.');
    }
    return undefined;
  }
  if (outputMode !== 'individual') {
    throw badRequest('Transcription is only supported for archives with outputMode individual.');
  }
  if (!hasAudio) throw badRequest('Transcription needs an archive with audio (hasAudio true).');
  if (properties === undefined || properties === null) return { primaryLanguageCode: 'en-US', hasSummary: false };
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw badRequest('transcriptionProperties must be an object.');
  }
  const fields = properties as Record<string, unknown>;
  rejectUnknown(fields, ['primaryLanguageCode', 'hasSummary']);
  const language = fields.primaryLanguageCode;
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE.test(language))) {
    throw badRequest('transcriptionProperties.primaryLanguageCode must be a language code such as en-US.');
  }
  return {
    primaryLanguageCode: (language as string | undefined) ?? 'en-US',
    hasSummary: optionalBoolean(fields, 'hasSummary') ?? false,
  };
}

/** Remembers that `archive` is transcribed; `now` is the emulator's clock. */
export function rememberTranscription(archive: ArchiveRecord, options: TranscriptionOptions, now: () => number): void {
  records.set(archive, { ...options, now });
}

/** Where the emulator serves an archive's transcript. */
export const transcriptPath = (archive: ArchiveRecord): string => `/_emulator/media/${archive.id}/transcription.json`;

/** The transcription status of an archive: `undefined` when it is not transcribed. */
export function transcriptionStatus(archive: ArchiveRecord): string | undefined {
  const record = records.get(archive);
  if (!record) return undefined;
  if (archive.status === 'failed') return 'failed';
  if (archive.status !== 'available' && archive.status !== 'uploaded' && archive.status !== 'deleted') {
    return 'requested';
  }
  // `updatedAt` is when the archive became available (the store sets it then).
  return record.now() >= archive.updatedAt + TRANSCRIPTION_MS ? 'available' : 'started';
}

/** `hasTranscription` and `transcription` of the archive object, or `{}` for an archive without. */
export function transcriptionJson(archive: ArchiveRecord, origin: string): Record<string, unknown> {
  const record = records.get(archive);
  const status = transcriptionStatus(archive);
  if (!record || status === undefined) return {};
  const ready = status === 'available' && archive.status === 'available';
  return {
    hasTranscription: true,
    transcription: {
      status,
      // An uploaded archive's transcript goes to the project's storage, as its file does.
      url: ready ? origin + transcriptPath(archive) : null,
      reason: status === 'failed' ? archive.reason || 'archive failed' : null,
      primaryLanguageCode: record.primaryLanguageCode,
      hasSummary: record.hasSummary,
    },
  };
}

/** The transcript document of an available transcription, or `undefined`. */
export function transcriptDocument(archive: ArchiveRecord): Record<string, unknown> | undefined {
  const record = records.get(archive);
  if (!record || transcriptionStatus(archive) !== 'available' || archive.status !== 'available') return undefined;
  const streams = archive.videos.map((video, index) => ({
    streamId: video.streamId,
    transcript: [
      {
        startOffset: video.offset,
        endOffset: video.offset + 1500,
        text: `Emulated speech of stream ${index + 1}.`,
      },
    ],
  }));
  return {
    archiveId: archive.id,
    sessionId: archive.sessionId,
    primaryLanguageCode: record.primaryLanguageCode,
    streams,
    ...(record.hasSummary ? { summary: `An emulated conversation of ${streams.length} stream(s).` } : {}),
  };
}

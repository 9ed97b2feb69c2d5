/**
 * Live captions under `/v2/project/{apiKey}/captions`: one captioning job per session, started
 * with a moderator token. Operations run by the one core (`operation.ts`). Client-side checks:
 * a `xx-XX` language code, `maxDuration` 300–14400 s, an `http(s)` status callback URL of 15
 * to 2048 characters. The client token is never quoted.
 * @module
 */
import { readJson } from './body.js';
import { requireHttpUrl, requireToken } from './connector-checks.js';
import {
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  isRecord,
  type OperationContext,
} from './operation.js';
import type { Answer, Send } from './request.js';
import { fail, optionalBoolean, optionalInteger, requireId, requireOptions, show } from './validate.js';
import { CAPTIONS_STATUSES, type CaptionsStatus } from './values.js';

export { CAPTIONS_STATUSES, type CaptionsStatus } from './values.js';

/** Options of `client.captions.start`. */
export interface StartCaptionsOptions {
  /** BCP-47 language of the speech, `xx-XX`. @default 'en-US' */
  languageCode?: string | undefined;
  /** Seconds, 300 to 14400. @default 14400 */
  maxDuration?: number | undefined;
  /** Send faster, less accurate partial captions too. @default true */
  partialCaptions?: boolean | undefined;
  /** Where the service POSTs the job's status changes. */
  statusCallbackUrl?: string | undefined;
}

/** What `start` returns. */
export interface StartedCaptions {
  /** The job's ID, for `stop` and `get`. */
  captionsId: string;
}

/** A captioning job, as `get` returns it; fields the service adds are kept. */
export interface Captions {
  /** The job's ID (the service names it `captionId` in this answer; both are kept). */
  captionsId: string;
  sessionId: string;
  /** A string, whatever the service sent. */
  projectId: string;
  status: CaptionsStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  /** Seconds captioned so far. */
  duration: number;
  languageCode: string;
  /** Such as `aws-transcribe`. */
  provider?: string;
  /** Why it stopped or failed. */
  reason?: string;
}

/** The live captions methods of a client. */
export interface LiveCaptions {
  /**
   * Starts live captions of a routed session (one job per session at a time).
   * @throws {InvalidArgumentError} for a bad session ID, token or option.
   * @throws {ConflictError} when the session already has captions.
   * @example
   * const { captionsId } = await client.captions.start(sessionId, moderatorToken, { languageCode: 'en-US' })
   */
  start(
    sessionId: string,
    token: string,
    options?: StartCaptionsOptions,
    callOptions?: CallOptions,
  ): Promise<StartedCaptions>;
  /**
   * Stops a captioning job. @throws {NotFoundError} for an unknown job.
   * @example
   * await client.captions.stop(captionsId)
   */
  stop(captionsId: string, callOptions?: CallOptions): Promise<void>;
  /**
   * Reads a captioning job's status. @throws {NotFoundError} for an unknown job.
   * @example
   * const { status, duration } = await client.captions.get(captionsId)
   */
  get(captionsId: string, callOptions?: CallOptions): Promise<Captions>;
}

const LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;

/** Validates start arguments and returns the JSON body. */
export function toStartCaptionsBody(sessionId: unknown, token: unknown, input: StartCaptionsOptions | undefined) {
  const body: Record<string, unknown> = { sessionId: requireId('sessionId', sessionId), token: requireToken(token) };
  const options = requireOptions('options', input, [
    'languageCode',
    'maxDuration',
    'partialCaptions',
    'statusCallbackUrl',
  ]);
  if (options.languageCode !== undefined) {
    if (typeof options.languageCode !== 'string' || !LANGUAGE.test(options.languageCode)) {
      fail('languageCode', `languageCode must be a language tag such as 'en-US', not ${show(options.languageCode)}`);
    }
    body.languageCode = options.languageCode;
  }
  const maxDuration = optionalInteger('maxDuration', options.maxDuration, 300, 14_400);
  const partialCaptions = optionalBoolean('partialCaptions', options.partialCaptions);
  if (maxDuration !== undefined) body.maxDuration = maxDuration;
  if (partialCaptions !== undefined) body.partialCaptions = partialCaptions;
  if (options.statusCallbackUrl !== undefined) {
    body.statusCallbackUrl = requireHttpUrl('statusCallbackUrl', options.statusCallbackUrl, 15, 2048);
  }
  return body;
}

/** Reads a captions status answer. */
export function toCaptions(answer: Answer, value: unknown, apiKey: string): Captions {
  if (!isRecord(value)) throw answer.parseError('expected a captions object');
  const id = value.captionsId ?? value.captionId;
  if (typeof id !== 'string' || id === '') throw answer.parseError('the captions have no captionId');
  const { status, sessionId } = value;
  if (typeof status !== 'string' || !(CAPTIONS_STATUSES as readonly string[]).includes(status)) {
    throw answer.parseError('the captions have no known status');
  }
  if (typeof sessionId !== 'string') throw answer.parseError('the captions have no sessionId');
  const createdAt = typeof value.createdAt === 'number' ? value.createdAt : 0;
  const captions = {
    ...value,
    captionsId: id,
    sessionId,
    status,
    projectId: String(value.projectId ?? value.applicationId ?? apiKey),
    createdAt,
    updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : createdAt,
    duration: typeof value.duration === 'number' ? value.duration : 0,
    languageCode: typeof value.languageCode === 'string' ? value.languageCode : 'en-US',
  } as Captions;
  if (value.reason === null) delete captions.reason;
  return captions;
}

const ONE = '/v2/project/{apiKey}/captions/{captionsId}';

/** The live captions API, one definition per REST call. */
export const captionsOperations = {
  start: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/captions',
    arity: 3,
    build: ([sessionId, token, options]: [string, string, StartCaptionsOptions?]) => ({
      json: toStartCaptionsBody(sessionId, token, options),
    }),
    decode: (answer: Answer): StartedCaptions => {
      const value = readJson(answer);
      if (!isRecord(value) || typeof value.captionsId !== 'string' || value.captionsId === '') {
        throw answer.parseError('expected { captionsId }');
      }
      return { captionsId: value.captionsId };
    },
  }),
  stop: defineOperation({
    method: 'POST',
    path: `${ONE}/stop`,
    params: ['captionsId'],
    arity: 1,
    build: (_: [string]) => ({ json: {} }),
    decode: ignoreBody,
  }),
  get: defineOperation({
    method: 'GET',
    path: ONE,
    params: ['captionsId'],
    arity: 1,
    decode: (answer: Answer, context: OperationContext) => toCaptions(answer, readJson(answer), context.apiKey),
  }),
};

/** Builds the live captions methods on top of the request core. */
export function createCaptions(send: Send, context: OperationContext): LiveCaptions {
  return bindTable(send, context, captionsOperations);
}

/**
 * The errors of `@opentok/rest`: one {@link RequestError} family below the shared
 * `OpenTokError` of `@opentok/token`. Every one carries the HTTP method, the path (without
 * query string) and, when the service said something, its own message — never a secret,
 * a token or an auth header.
 * @module
 */
import { defineErrorName, OpenTokError } from '@opentok/token';

/** How every message of this package starts, so readers know who speaks. */
export const PREFIX = '[@opentok/rest]';

/** What every {@link RequestError} is built from. */
export interface RequestErrorDetails {
  /** HTTP method, upper case. */
  method: string;
  /** Request path without query string, such as `/v2/project/123456/archive`. */
  path: string;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** The service's own message (`message` of a JSON body, or of an XML error), shortened. */
  serviceMessage?: string | undefined;
  /** The underlying error (never one that holds request headers). */
  cause?: unknown;
}

/**
 * Base class of every failed call to the OpenTok API.
 * @example
 * try { await client.archives.get(id) } catch (error) {
 *   if (RequestError.isInstance(error)) console.log(error.status, error.method, error.path)
 * }
 */
export class RequestError extends OpenTokError {
  /** HTTP status of the answer; `undefined` when none arrived (timeout, network). */
  readonly status: number | undefined;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request path without query string. */
  readonly path: string;
  /** The service's own explanation, when it gave one. */
  readonly serviceMessage: string | undefined;

  constructor(message: string, details: RequestErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.serviceMessage = details.serviceMessage;
  }
}

/**
 * 401 or 403: the API key or secret is wrong, or a token was refused.
 * @example
 * if (AuthenticationError.isInstance(error)) console.error('check OPENTOK_API_KEY and OPENTOK_API_SECRET')
 */
export class AuthenticationError extends RequestError {}

/**
 * 404: the session, archive, stream or endpoint is unknown (or, for `archives.start`, nobody is connected).
 * @example
 * const archive = await client.archives.get(id).catch((error) => (NotFoundError.isInstance(error) ? undefined : Promise.reject(error)))
 */
export class NotFoundError extends RequestError {}

/**
 * 409: the resource is in the wrong state (already recording, not recording, session not routed, ...).
 * @example
 * try { await client.archives.stop(id) } catch (error) { if (!ConflictError.isInstance(error)) throw error }
 */
export class ConflictError extends RequestError {}

/**
 * 400, 405, 413 (or another 4xx): the service refused the request as invalid.
 * @example
 * if (InvalidRequestError.isInstance(error)) console.error(error.status, error.serviceMessage)
 */
export class InvalidRequestError extends RequestError {}

/**
 * 429: too many requests. Retried for GET and DELETE before this is thrown.
 * @example
 * if (RateLimitError.isInstance(error)) await sleep((error.retryAfter ?? 1) * 1000)
 */
export class RateLimitError extends RequestError {
  /** Seconds the service asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, details: RequestErrorDetails & { retryAfter?: number | undefined }) {
    super(message, details);
    this.retryAfter = details.retryAfter;
  }
}

/**
 * 5xx: the service failed. Retried for GET and DELETE before this is thrown.
 * @example
 * if (ServerError.isInstance(error)) console.error('OpenTok failed:', error.status, error.serviceMessage)
 */
export class ServerError extends RequestError {}

/**
 * No answer, or no complete body, within the client's `timeout`. Never retried.
 * @example
 * const client = createClient({ apiKey, apiSecret, timeout: 5000 })
 */
export class TimeoutError extends RequestError {}

/**
 * The connection failed: refused, reset, DNS, TLS. Retried for GET and DELETE; `cause` says why.
 * @example
 * if (NetworkError.isInstance(error)) console.error(error.message, error.cause)
 */
export class NetworkError extends RequestError {}

/**
 * The answer could not be understood: not JSON or XML, the wrong shape, or too large.
 * @example
 * if (ResponseParseError.isInstance(error)) console.error(error.message, JSON.stringify(error.excerpt))
 */
export class ResponseParseError extends RequestError {
  /** The first characters of the body, printable and shortened, to help diagnose. */
  readonly excerpt: string;
  constructor(message: string, details: RequestErrorDetails & { excerpt: string }) {
    super(message, details);
    this.excerpt = details.excerpt;
  }
}

defineErrorName(RequestError, 'RequestError');
defineErrorName(AuthenticationError, 'AuthenticationError');
defineErrorName(NotFoundError, 'NotFoundError');
defineErrorName(ConflictError, 'ConflictError');
defineErrorName(InvalidRequestError, 'InvalidRequestError');
defineErrorName(RateLimitError, 'RateLimitError');
defineErrorName(ServerError, 'ServerError');
defineErrorName(TimeoutError, 'TimeoutError');
defineErrorName(NetworkError, 'NetworkError');
defineErrorName(ResponseParseError, 'ResponseParseError');

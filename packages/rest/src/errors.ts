/**
 * The errors of `@opentok/rest`: one {@link RequestError} family below the shared
 * `OpenTokError` of `@opentok/token`. Every one carries the HTTP method, the path (without
 * query string) and, when the service said something, its own message — never a secret,
 * a token or an auth header.
 * @module
 */
import { OpenTokError } from '@opentok/token';

/**
 * How every message of this package starts, so readers know who speaks. Every `@opentok/*`
 * package writes `[<package name>] <what went wrong>` (see `@opentok/token`'s errors).
 */
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
  /**
   * The body of the failed answer as text (up to 64 KiB), secrets and tokens removed; `''`
   * for an empty body, `undefined` when none was read (no answer, or a success).
   */
  body?: string | undefined;
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
  /** The body of the failed answer, secrets and tokens removed (see {@link RequestErrorDetails.body}). */
  readonly body: string | undefined;

  override get name(): string {
    return 'RequestError';
  }

  /**
   * @param message What failed, starting with `[@opentok/rest]`.
   * @param details The request and the answer; `method` and `path` are `''` when not given
   * (as when plain JavaScript makes an error with a message only).
   */
  constructor(message: string, details: Partial<RequestErrorDetails> = {}) {
    const {
      cause,
      status,
      method = '',
      path = '',
      serviceMessage,
      body,
    } = Object(details) as Partial<RequestErrorDetails>;
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
    this.method = method;
    this.path = path;
    this.serviceMessage = serviceMessage;
    this.body = body;
  }
}

/**
 * 401 or 403: the API key or secret is wrong, or a token was refused.
 * @example
 * if (AuthenticationError.isInstance(error)) console.error('check OPENTOK_API_KEY and OPENTOK_API_SECRET')
 */
export class AuthenticationError extends RequestError {
  override get name(): string {
    return 'AuthenticationError';
  }
}

/**
 * 404: the session, archive, stream or endpoint is unknown (or, for `archives.start`, nobody is connected).
 * @example
 * const archive = await client.archives.get(id).catch((error) => (NotFoundError.isInstance(error) ? undefined : Promise.reject(error)))
 */
export class NotFoundError extends RequestError {
  override get name(): string {
    return 'NotFoundError';
  }
}

/**
 * 409: the resource is in the wrong state (already recording, not recording, session not routed, ...).
 * @example
 * try { await client.archives.stop(id) } catch (error) { if (!ConflictError.isInstance(error)) throw error }
 */
export class ConflictError extends RequestError {
  override get name(): string {
    return 'ConflictError';
  }
}

/**
 * 400, 405, 413 (or another 4xx): the service refused the request as invalid.
 * @example
 * if (InvalidRequestError.isInstance(error)) console.error(error.status, error.serviceMessage)
 */
export class InvalidRequestError extends RequestError {
  override get name(): string {
    return 'InvalidRequestError';
  }
}

/**
 * 429: too many requests. Retried for GET and DELETE before this is thrown.
 * @example
 * if (RateLimitError.isInstance(error)) await sleep((error.retryAfter ?? 1) * 1000)
 */
export class RateLimitError extends RequestError {
  /** Seconds the service asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  override get name(): string {
    return 'RateLimitError';
  }
  constructor(message: string, details: Partial<RequestErrorDetails> & { retryAfter?: number | undefined } = {}) {
    super(message, details);
    this.retryAfter = (Object(details) as { retryAfter?: number }).retryAfter;
  }
}

/**
 * 5xx: the service failed. Retried for GET and DELETE before this is thrown.
 * @example
 * if (ServerError.isInstance(error)) console.error('OpenTok failed:', error.status, error.serviceMessage)
 */
export class ServerError extends RequestError {
  override get name(): string {
    return 'ServerError';
  }
}

/**
 * 3xx: the service answered with a redirect, which is never followed. The OpenTok API does not
 * redirect, and following one would send the auth header (and a request body, for a 307 or 308)
 * to wherever the answer points. `location` is the origin it pointed to, never more of the URL.
 * @example
 * if (RedirectError.isInstance(error)) console.error(error.status, 'redirected to', error.location)
 */
export class RedirectError extends RequestError {
  /**
   * `scheme://host:port` of the `Location` header; `undefined` when there was none, or when the
   * runtime hides redirects (a browser's opaque redirect). Never a path, query or userinfo.
   */
  readonly location: string | undefined;
  override get name(): string {
    return 'RedirectError';
  }
  constructor(message: string, details: Partial<RequestErrorDetails> & { location?: string | undefined } = {}) {
    super(message, details);
    this.location = (Object(details) as { location?: string }).location;
  }
}

/**
 * No answer, or no complete body, within the client's `timeout`. Never retried.
 * @example
 * const client = createClient({ apiKey, apiSecret, timeout: 5000 })
 */
export class TimeoutError extends RequestError {
  override get name(): string {
    return 'TimeoutError';
  }
}

/**
 * The connection failed: refused, reset, DNS, TLS. Retried for GET and DELETE; `cause` says why.
 * @example
 * if (NetworkError.isInstance(error)) console.error(error.message, error.cause)
 */
export class NetworkError extends RequestError {
  override get name(): string {
    return 'NetworkError';
  }
}

/**
 * The answer could not be understood: not JSON or XML, the wrong shape, or too large.
 * @example
 * if (ResponseParseError.isInstance(error)) console.error(error.message, JSON.stringify(error.excerpt))
 */
export class ResponseParseError extends RequestError {
  /** The first characters of the body, printable and shortened, to help diagnose. */
  readonly excerpt: string;
  override get name(): string {
    return 'ResponseParseError';
  }
  constructor(message: string, details: Partial<RequestErrorDetails> & { excerpt?: string } = {}) {
    super(message, details);
    this.excerpt = (Object(details) as { excerpt?: string }).excerpt ?? '';
  }
}

/**
 * From a failed answer to our error: the service's own message, the class for the status,
 * `Retry-After`, and causes stripped of anything that could hold a header.
 * @module
 */
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  PREFIX,
  RateLimitError,
  RedirectError,
  RequestError,
  type RequestErrorDetails,
  ServerError,
} from './errors.js';
import { children, loadXmlParser, text } from './xml.js';

/**
 * The service's message from a JSON (`message`) or XML (`message` element or attribute) error
 * body; `undefined` when there is none, or when the XML parser cannot be loaded.
 */
export async function serviceMessageOf(body: string, contentType: string): Promise<string | undefined> {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  if (contentType.includes('json') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'object' && parsed !== null) {
        const { message, description } = parsed as { message?: unknown; description?: unknown };
        if (typeof message === 'string' && message !== 'null') return message;
        if (typeof description === 'string') return description;
      }
    } catch {
      // Not JSON after all: fall through to XML or text.
    }
  }
  if (trimmed.startsWith('<')) {
    try {
      const parseXml = await loadXmlParser();
      const document = parseXml(trimmed);
      const payload = document.errorPayload;
      const fromPayload = text(payload, 'message');
      if (fromPayload) return fromPayload;
      for (const error of children(document.Errors, 'error')) {
        for (const [name, value] of Object.entries(error)) {
          if (name === 'code' || typeof value !== 'object' || value === null) continue;
          const message = text(value, 'message');
          if (message) return message;
        }
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
  return contentType.startsWith('text/plain') ? trimmed : undefined;
}

/** The error class and wording for an HTTP status. */
export function errorForStatus(
  status: number,
  details: RequestErrorDetails & { retryAfter?: number | undefined; location?: string | undefined },
): RequestError {
  const { method, path, serviceMessage } = details;
  const said = serviceMessage ? `: ${serviceMessage}` : '';
  const message = (what: string) => `${PREFIX} ${method} ${path} failed with ${status} (${what})${said}`;
  if (status >= 300 && status < 400) {
    const where = details.location === undefined ? '' : ` to ${details.location}`;
    return new RedirectError(message(`a redirect${where}, not followed: the API does not redirect`), details);
  }
  if (status === 401 || status === 403) {
    return new AuthenticationError(message('check the API key and secret, or the token'), details);
  }
  if (status === 404) return new NotFoundError(message('not found'), details);
  if (status === 409) return new ConflictError(message('conflict with the current state'), details);
  if (status === 429) return new RateLimitError(message('rate limited'), details);
  if (status >= 500) return new ServerError(message('server error'), details);
  if (status === 400 || status === 405 || status === 413 || (status >= 400 && status < 500)) {
    return new InvalidRequestError(message('invalid request'), details);
  }
  return new RequestError(message('unexpected status'), details);
}

/**
 * Where a redirect points, as `scheme://host:port` only: the `Location` header resolved against
 * the request's URL, without its path, query or userinfo (any of which may carry a credential).
 * Only the scheme for a URL that has no origin; `undefined` without a (valid) `Location`.
 */
export function redirectOriginOf(response: Response, requestUrl: string): string | undefined {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    const target = new URL(location, requestUrl);
    return target.origin === 'null' ? target.protocol : target.origin;
  } catch {
    return undefined;
  }
}

/**
 * The {@link RedirectError} for a redirect answer (a 3xx, or a browser's opaque redirect, which
 * shows neither status nor `Location`), its body cancelled unread: a redirect body often repeats
 * the whole target URL. `undefined` for any other answer.
 */
export function redirectErrorOf(
  response: Response,
  requestUrl: string,
  context: { method: string; path: string },
  hide: (value: string, limit: number) => string,
): RedirectError | undefined {
  const opaque = response.type === 'opaqueredirect';
  if (!opaque && (response.status < 300 || response.status >= 400)) return undefined;
  void response.body?.cancel().catch(() => undefined);
  if (opaque) {
    const message = `${PREFIX} ${context.method} ${context.path} was redirected (not followed: the API does not redirect)`;
    return new RedirectError(message, context);
  }
  const origin = redirectOriginOf(response, requestUrl);
  const location = origin === undefined ? undefined : hide(origin, 200);
  return errorForStatus(response.status, { ...context, status: response.status, location }) as RedirectError;
}

/** Seconds from a `Retry-After` header (delta seconds or an HTTP date). */
export function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Keeps a low-level cause (such as undici's `ECONNRESET`) for diagnosis, but only as a
 * fresh `Error` with a redacted message and the original's `code`: the original may
 * hold the request and its headers.
 */
export function sanitizeCause(error: unknown, hide: (value: string, limit: number) => string): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const inner = (error as { cause?: unknown }).cause;
  const copy = new Error(hide(error.message, 300));
  copy.name = error.name;
  const code = (error as { code?: unknown }).code ?? (inner as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') (copy as Error & { code: string }).code = code;
  if (inner instanceof Error) (copy as Error & { cause: unknown }).cause = sanitizeCause(inner, hide);
  return copy;
}

/**
 * The single request core: every call to the OpenTok API goes through {@link createRequestCore}.
 * It builds the URL, sets the auth, `Accept` and `User-Agent` headers, applies the timeout
 * and retry policy (through `ky`), reads the body under a size cap, and turns every failure
 * into one of the errors of `errors.ts`. Resource modules never touch `ky` or `fetch`.
 * @module
 */
import { allowAnyApiKey, generateRestToken, generateRestTokenAsync } from '@opentok/token';
import type { Hooks, KyInstance, Options as KyOptions } from 'ky';
import { errorForStatus, redirectErrorOf, retryAfterOf, sanitizeCause, serviceMessageOf } from './error-mapping.js';
import { NetworkError, PREFIX, RequestError, ResponseParseError, TimeoutError } from './errors.js';
import { mediaType, readBody } from './read-body.js';
import { redact, secretsOf } from './redact.js';
import { toSegment } from './validate.js';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call, as a resource module describes it. */
export interface Call {
  method: HttpMethod;
  /**
   * Path below the API URL, starting with `/`: a template whose `{name}` parts are filled
   * from `params` (and `{apiKey}` with the client's key), each checked and percent-encoded
   * here, once, for every call.
   */
  path: string;
  /** Values of the template's `{name}` parts; each must be a valid ID (see `toSegment`). */
  params?: Record<string, unknown> | undefined;
  /** Cancels the call. */
  signal?: AbortSignal | undefined;
  /**
   * An absolute URL to fetch instead of `path` below the API URL (an archive's download URL).
   * No auth header is sent with it: the credentials go only to the API.
   */
  url?: string | undefined;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | undefined> | undefined;
  /** A JSON body. */
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string> | undefined;
  /** The `Accept` header. @default 'application/json' */
  accept?: string | undefined;
  /** Send this T1 token as `X-TB-TOKEN-AUTH` instead of a fresh `X-OPENTOK-AUTH` JWT. */
  tokenAuth?: string | undefined;
  /** Largest body accepted, in bytes. @default 1 MiB */
  maxBytes?: number | undefined;
}

/** A successful answer, its body read as text. */
export interface Answer {
  status: number;
  /** The media type, lower case, without parameters (`application/json`). */
  contentType: string;
  body: string;
  method: HttpMethod;
  path: string;
  /** Makes a {@link ResponseParseError} for this answer, with a redacted excerpt of its body. */
  parseError(reason: string, cause?: unknown): ResponseParseError;
  /** Makes `value` safe to show: printable, secrets and tokens removed, at most `limit` characters. */
  hide(value: string, limit: number): string;
}

/**
 * Hooks that observe or adjust requests; they see the real headers, auth header included. The
 * body is sent beside the `Request` as a string, so `request.body` is empty in a hook. What a
 * hook throws is handed back to the caller untouched, without a retry.
 */
export interface ClientHooks {
  /** Called before every attempt; may change headers of the `Request`. */
  beforeRequest?: readonly ((request: Request) => void | Promise<void>)[] | undefined;
  /** Called with every response before it is read. */
  afterResponse?: readonly ((request: Request, response: Response) => void | Promise<void>)[] | undefined;
  /** Called before a retry, with the error that caused it. */
  beforeRetry?:
    | readonly ((details: { request: Request; error: RequestError; retryCount: number }) => void | Promise<void>)[]
    | undefined;
}

/** The retry policy; see {@link ClientOptions.retry}. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  limit?: number | undefined;
  /** Delay before the first retry, in ms; doubled for each further one. @default 300 */
  baseDelay?: number | undefined;
  /** Longest computed backoff, in ms. @default 10000 */
  maxDelay?: number | undefined;
  /** Longest wait a `Retry-After` header may ask for, in ms; longer asks are cut to this. @default 60000 */
  maxRetryAfter?: number | undefined;
}

/** A settled retry policy. */
export interface RetryPolicy {
  limit: number;
  baseDelay: number;
  maxDelay: number;
  maxRetryAfter: number;
}

/** Settled configuration of a core. */
export interface CoreSettings {
  /** The API key, or the application ID of a Vonage application. */
  apiKey: string;
  /** The API secret, or the private key (PEM) of a Vonage application. */
  apiSecret: string;
  /** A Vonage application: `Authorization: Bearer <RS256 JWT>` instead of `X-OPENTOK-AUTH`. */
  application?: boolean | undefined;
  /** Any non-empty API key, not only digits (see `allowAnyApiKey` of `@opentok/token`). */
  anyApiKey?: boolean | undefined;
  apiUrl: string;
  timeout: number;
  retry: RetryPolicy;
  fetch: FetchFunction | undefined;
  userAgent: string;
  hooks: ClientHooks | undefined;
}

/** The `fetch` a client calls: `globalThis.fetch` or any function of the same shape. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** Sends one call and returns its answer, or throws a `RequestError`. */
export interface Send {
  (call: Call): Promise<Answer>;
  /**
   * Sends one call and returns the `Response` of a 2xx answer with its body unread, for
   * streaming (archive downloads); any other answer is mapped to an error as by a call.
   */
  open(call: Call): Promise<Response>;
}

const MEBIBYTE = 1024 * 1024;
const ERROR_BODY_LIMIT = 64 * 1024;
const RETRY_STATUSES = [429, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 520, 521, 522, 523, 524, 529];

/**
 * Builds the request core for one set of credentials.
 * @throws nothing itself; the returned function throws `RequestError` subclasses.
 */
export function createRequestCore(settings: CoreSettings): Send {
  const { apiKey, apiSecret, apiUrl, timeout, retry, userAgent, hooks } = settings;
  const origin = new URL(apiUrl).origin;
  const project = settings.anyApiKey ? allowAnyApiKey({ apiKey, apiSecret }) : { apiKey, apiSecret };
  const hideSecret = (value: string, limit: number) => redact(value, apiSecret, limit);
  const kyHooks = toKyHooks(hooks, (error, request) =>
    toRequestError(error, { method: request.method, path: new URL(request.url).pathname }, hideSecret, origin),
  );
  // Hooks see the headers on ky's `Request`; without hooks they travel beside it (see CARRIED).
  const hooksSeeHeaders = kyHooks !== undefined;
  const create = (ky: KyModule['default']) =>
    ky.create({
      ...(kyHooks ? { hooks: kyHooks } : {}),
      timeout,
      throwHttpErrors: true,
      // Never follow a redirect: fetch drops only `Authorization` across origins, so a 3xx would
      // carry X-OPENTOK-AUTH or X-TB-TOKEN-AUTH (and a 307's body) elsewhere. ky puts this on
      // its `Request`, and `forwardTo` hands it on; a 3xx then fails as a `RedirectError`.
      redirect: 'manual',
      fetch: forwardTo(settings.fetch),
      retry: {
        limit: retry.limit,
        methods: ['get', 'delete'],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: [429, 503],
        maxRetryAfter: retry.maxRetryAfter,
        backoffLimit: retry.maxDelay,
        delay: (attempt) => retry.baseDelay * 2 ** (attempt - 1),
        retryOnTimeout: false,
        // A caller's hook that throws is the caller's business: never retried, handed back as is.
        shouldRetry: ({ error }) => (error instanceof HookFailure ? false : undefined),
      },
    });
  let client: KyInstance | undefined;

  const open = async (call: Call) => {
    const { method } = call;
    const absolute = call.url === undefined ? undefined : new URL(call.url);
    const path = absolute ? absolute.pathname : resolvePath(call.path, call.params, apiKey);
    const context = { method, path };
    const headers: Record<string, string> = {
      accept: call.accept ?? 'application/json',
      'user-agent': userAgent,
    };
    let auth: string | undefined;
    if (absolute) auth = undefined;
    else if (call.tokenAuth !== undefined) headers['x-tb-token-auth'] = auth = call.tokenAuth;
    else if (settings.application) {
      // Async: at the edge only Web Crypto signs RSA (on Node this signs synchronously inside).
      auth = `Bearer ${await generateRestTokenAsync({ applicationId: apiKey, privateKey: apiSecret })}`;
      headers.authorization = auth;
    } else headers['x-opentok-auth'] = auth = generateRestToken(project);
    // What a server echoes back is shown only without the secret, the auth value and its parts.
    const secrets = secretsOf(apiSecret, auth);
    const hide = (value: string, limit: number) => redact(value, secrets, limit);
    let url = absolute ? absolute.href : apiUrl + path;
    if (call.query) {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(call.query)) if (value !== undefined) query.set(name, String(value));
      const search = query.toString();
      if (search) url += `?${search}`;
    }
    // No signal of our own, only the caller's: ky joins two with `AbortSignal.any`, costly on Node 20.
    const carried: Carried = { body: undefined, headers: hooksSeeHeaders ? undefined : headers };
    if (call.json !== undefined) {
      carried.body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.form !== undefined) {
      carried.body = new URLSearchParams(call.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const options: KyOptions & { [CARRIED]: Carried } = { method, [CARRIED]: carried };
    if (hooksSeeHeaders) options.headers = headers;
    if (call.signal) options.signal = call.signal;
    // A download URL gets no credentials (see `auth` above), and storage may redirect it.
    if (absolute) options.redirect = 'follow';
    // ky would not retry these methods either; a limit of 0 spares it normalising the policy.
    if (method !== 'GET' && method !== 'DELETE') options.retry = 0;

    let response: Response;
    try {
      client ??= create((await loadKy()).default);
      response = await client(url, options);
    } catch (error) {
      if (error instanceof HookFailure) throw error.original;
      throw await toRequestErrorWithBody(error, context, hide, timeout, absolute?.origin ?? origin, call.signal);
    }
    return { response, context, hide };
  };
  const send = async (call: Call) => {
    const { response, context, hide } = await open(call);
    const body = await readBody(response, call.maxBytes ?? MEBIBYTE, timeout, context, hide);
    return createAnswer(response.status, mediaType(response), body, context, hide);
  };
  return Object.assign(send, { open: async (call: Call) => (await open(call)).response });
}

type KyModule = typeof import('ky');

/** ky, loading (or loaded) on the first request. */
let kyLoading: Promise<KyModule> | undefined;
let kyLoaded: KyModule | undefined;

/**
 * Loads ky once, on the first request rather than at import: ky probes `Request` and
 * `ReadableStream` when it is evaluated, and touching those globals makes Node load its whole
 * `fetch` implementation (undici), most of the package's import time. A request needs it
 * anyway; a program that only imports the package (or only signs tokens) does not.
 */
function loadKy(): Promise<KyModule> {
  kyLoading ??= import('ky').then(
    (module) => (kyLoaded = module),
    (error: unknown) => {
      kyLoading = undefined;
      throw error;
    },
  );
  return kyLoading;
}

/** `true` when `error` is ky's error of that name (ky is loaded whenever one can exist). */
function isKyError<T extends 'HTTPError' | 'TimeoutError'>(
  error: unknown,
  name: T,
): error is InstanceType<KyModule[T]> {
  return kyLoaded !== undefined && error instanceof kyLoaded[name];
}

/** Fills a path template: `{apiKey}` with the key, every other `{name}` with a checked segment. */
export function resolvePath(template: string, params: Record<string, unknown> | undefined, apiKey: string): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    name === 'apiKey' ? apiKey : toSegment(name, params?.[name]),
  );
}

/** Wraps a read body as an {@link Answer}. */
export function createAnswer(
  status: number,
  contentType: string,
  body: string,
  context: { method: HttpMethod; path: string },
  hide: (value: string, limit: number) => string,
): Answer {
  const { method, path } = context;
  return {
    status,
    contentType,
    body,
    method,
    path,
    parseError: (reason, cause) =>
      new ResponseParseError(`${PREFIX} ${method} ${path}: ${hide(reason, 200)}`, {
        ...context,
        status,
        excerpt: hide(body, 120),
        cause,
      }),
    hide,
  };
}

/**
 * Maps a thrown value to our error without reading any body. ky's own errors are never kept
 * as `cause`: they hold the request, and so the auth header.
 */
function toRequestError(
  error: unknown,
  context: { method: string; path: string },
  hide: (value: string, limit: number) => string,
  origin: string,
  signal?: AbortSignal,
): RequestError {
  if (RequestError.isInstance(error)) return error;
  if (isKyError(error, 'HTTPError')) {
    const redirect = redirectErrorOf(error.response, error.request.url, context, hide);
    if (redirect) return redirect;
    const status = error.response.status;
    return errorForStatus(status, { ...context, status, retryAfter: retryAfterOf(error.response) });
  }
  if (isKyError(error, 'TimeoutError')) {
    return new TimeoutError(`${PREFIX} ${context.method} ${context.path}: no answer within the timeout`, context);
  }
  if (signal?.aborted) {
    return new NetworkError(`${PREFIX} ${context.method} ${context.path}: aborted by the caller's signal`, {
      ...context,
      cause: sanitizeCause(signal.reason, hide),
    });
  }
  const why = hide(networkReason(error), 120);
  return new NetworkError(
    `${PREFIX} ${context.method} ${context.path}: could not reach ${origin}${why ? ` (${why})` : ''}`,
    { ...context, cause: sanitizeCause(error, hide) },
  );
}

/**
 * Why a connection failed, from the error `fetch` threw and its causes: the system code and
 * the address or host name (`ECONNREFUSED 127.0.0.1:4010`, `ENOTFOUND api.opentok.com`).
 */
export function networkReason(error: unknown): string {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, address, hostname, port, errors } = current as {
      code?: unknown;
      address?: unknown;
      hostname?: unknown;
      port?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && /^[A-Z_\d]+$/.test(code)) {
      const host = typeof address === 'string' ? address : typeof hostname === 'string' ? hostname : undefined;
      const where = host === undefined ? '' : ` ${host}${typeof port === 'number' ? `:${port}` : ''}`;
      if (host !== undefined || !Array.isArray(errors) || errors.length === 0) return `${code}${where}`;
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  // No system code (Deno, workerd): the innermost message is the most precise, without URLs.
  let message = '';
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message.replace(/\s*\(?\bhttps?:\/\/[^\s)]*\)?/g, '').trim();
}

/** As {@link toRequestError}, reading the service's message from an error body first. */
async function toRequestErrorWithBody(
  error: unknown,
  context: { method: string; path: string },
  hide: (value: string, limit: number) => string,
  timeout: number,
  origin: string,
  signal: AbortSignal | undefined,
): Promise<RequestError> {
  if (!isKyError(error, 'HTTPError')) return toRequestError(error, context, hide, origin, signal);
  const { response } = error;
  const redirect = redirectErrorOf(response, error.request.url, context, hide);
  if (redirect) return redirect;
  let serviceMessage: string | undefined;
  let body: string | undefined;
  try {
    body = await readBody(response, ERROR_BODY_LIMIT, timeout, context, hide);
    const said = await serviceMessageOf(body, mediaType(response));
    serviceMessage = said === undefined ? undefined : hide(said, 200);
  } catch {
    serviceMessage = undefined;
  }
  return errorForStatus(response.status, {
    ...context,
    status: response.status,
    serviceMessage,
    body: body === undefined ? undefined : hide(body, ERROR_BODY_LIMIT),
    retryAfter: retryAfterOf(response),
  });
}

/**
 * The option that carries the body, and the headers when no hook needs them on the `Request`,
 * past ky to {@link forwardTo}. ky builds a `Request`, whose body would be a stream that it
 * tees for retries and undici writes in pieces; the body as a string goes out with the headers
 * in one write instead, for about 20 % less client CPU per call. Headers given to ky are copied
 * into five `Headers` objects and two `Request`s before they reach `fetch`; carried beside, they
 * are copied once, by `fetch` (both measured with bench/src/rest.bench.ts). ky hands unknown
 * options to `fetch` as is.
 */
const CARRIED = 'opentokCall';

/** What travels beside ky's `Request`. */
interface Carried {
  body: string | undefined;
  /** The headers, unless hooks may see and change them on the `Request`. */
  headers: Record<string, string> | undefined;
}

/** Adapts ky's calls, which hand over a `Request`, to `fetch(url, init)` with the body as a string. */
function forwardTo(target: FetchFunction | undefined): NonNullable<KyOptions['fetch']> {
  return (input, init) => {
    // ky always passes the Request it built (ky core/Ky.js, `#fetch`).
    const request = input as Request;
    const { [CARRIED]: carried, ...rest } = (init ?? {}) as RequestInit & { [CARRIED]?: Carried };
    const send = target ?? globalThis.fetch;
    return send(request.url, {
      ...rest,
      method: request.method,
      redirect: request.redirect,
      headers: carried?.headers ?? request.headers,
      ...(carried?.body === undefined ? {} : { body: carried.body }),
      signal: request.signal,
    });
  };
}

/** Carries an error thrown by a caller's hook through ky, so that it is neither retried nor mapped. */
class HookFailure extends Error {
  readonly original: unknown;
  constructor(original: unknown) {
    super('A hook failed');
    this.original = original;
  }
}

/** Runs a caller's hook, marking what it throws. */
async function guard(run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new HookFailure(error);
  }
}

/** Adapts our hooks to ky's. */
function toKyHooks(
  hooks: ClientHooks | undefined,
  map: (error: unknown, request: Request) => RequestError,
): Hooks | undefined {
  if (!hooks) return undefined;
  const result: Hooks = {};
  if (hooks.beforeRequest?.length) {
    result.beforeRequest = hooks.beforeRequest.map((hook) => (request: Request) => guard(() => hook(request)));
  }
  if (hooks.afterResponse?.length) {
    result.afterResponse = hooks.afterResponse.map(
      (hook) => (request: Request, _options, response) => guard(() => hook(request, response)),
    );
  }
  if (hooks.beforeRetry?.length) {
    result.beforeRetry = hooks.beforeRetry.map(
      (hook) =>
        ({ request, error, retryCount }) =>
          guard(() => hook({ request, error: map(error, request), retryCount })),
    );
  }
  return result;
}

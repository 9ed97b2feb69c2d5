/**
 * Fault injection (`/_emulator/faults`): the next `times` requests matching a method and a
 * path answer with a chosen status and body, after a delay, have their connection reset, or
 * get an answer cut short after its first bytes (`truncateAfterBytes`).
 *
 * Paths: an exact pathname (`/session/create`), or a glob in which `*` matches any run of
 * characters, `/` included (`/v2/project/*` matches everything under it). The query string
 * is ignored. Method: an HTTP method, or `*` for any. The control API itself
 * (`/_emulator/…`, except `/_emulator/media/…`) is never faulted.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { compileGlob } from './glob.js';
import type { FaultRecord } from './model.js';
import { badRequest } from './problem.js';
import { optionalBoolean, optionalInteger, optionalString, rejectUnknown } from './request-body.js';
import type { EmulatorState } from './state.js';
import { answerOf, sendTruncated, type TruncatedAnswer, truncatedResponse, withLength } from './truncated-response.js';

const FIELDS = [
  'method',
  'path',
  'status',
  'delayMs',
  'reset',
  'body',
  'contentType',
  'headers',
  'times',
  'truncateAfterBytes',
];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

function parseHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('headers must be an object of strings.');
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value as Record<string, unknown>)) {
    if (!HEADER_NAME.test(name) || typeof text !== 'string' || /[\r\n\0]/.test(text)) {
      throw badRequest('headers must map header names to single-line strings.');
    }
    headers[name] = text;
  }
  return headers;
}

/**
 * Validates a fault definition from `POST /_emulator/faults`.
 * @throws {EmulatorProblem} 400 for anything malformed.
 */
export function parseFault(body: Record<string, unknown>): FaultRecord {
  rejectUnknown(body, FIELDS);
  const method = optionalString(body, 'method', 16)?.toUpperCase() ?? '*';
  if (!/^([A-Z]+|\*)$/.test(method)) throw badRequest('method must be an HTTP method or "*".');
  const path = optionalString(body, 'path', 2048);
  if (!path?.startsWith('/')) throw badRequest('path must start with "/".');
  const status = optionalInteger(body, 'status', 200, 599);
  const delayMs = optionalInteger(body, 'delayMs', 0, 120000) ?? 0;
  const reset = optionalBoolean(body, 'reset') ?? false;
  const raw = body.body;
  const text = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const contentType =
    optionalString(body, 'contentType', 256) ??
    (text === undefined ? undefined : typeof raw === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  if (contentType !== undefined && /[\r\n\0]/.test(contentType)) throw badRequest('contentType must be one line.');
  if (text !== undefined && (status === 204 || status === 205 || status === 304)) {
    throw badRequest(`A ${status} answer cannot have a body.`);
  }
  const truncateAfterBytes = optionalInteger(body, 'truncateAfterBytes', 0, 1_000_000_000);
  if (truncateAfterBytes !== undefined) {
    if (reset) throw badRequest('reset and truncateAfterBytes cannot be combined.');
    if (status === 204 || status === 205 || status === 304) {
      throw badRequest(`A ${status} answer has no body for truncateAfterBytes to cut short.`);
    }
  }
  if (status === undefined && !reset && delayMs === 0 && truncateAfterBytes === undefined) {
    throw badRequest('A fault needs at least one of status, delayMs, reset and truncateAfterBytes.');
  }
  return {
    id: randomUUID(),
    method,
    path,
    pattern: compileGlob(path),
    status,
    delayMs,
    reset,
    body: text,
    contentType,
    headers: parseHeaders(body.headers),
    truncateAfterBytes,
    remaining: optionalInteger(body, 'times', 1, 1_000_000) ?? 1,
  };
}

/** A fault as `GET /_emulator/faults` and `/_emulator/state` show it. */
export function faultJson(fault: FaultRecord): Record<string, unknown> {
  const { pattern: _pattern, remaining, ...rest } = fault;
  return { ...rest, times: remaining };
}

/**
 * The middleware that applies faults. `sleep` resolves after the delay or rejects when the
 * emulator closes, so a delayed request never keeps a closed emulator alive. A
 * `truncateAfterBytes` fault writes its cut answer straight to the Node response and closes
 * the socket (see `truncated-response.ts`).
 */
export function faultMiddleware(
  state: EmulatorState,
  sleep: (milliseconds: number) => Promise<void>,
): MiddlewareHandler<EmulatorEnv> {
  return async (context, next) => {
    const path = context.req.path;
    if (path.startsWith('/_emulator/') && !path.startsWith('/_emulator/media/')) return next();
    const fault = state.faults.take(context.req.method, path);
    if (!fault) return next();
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    // `env` is undefined when the app is called through `fetch` without bindings.
    const bindings = context.env as EmulatorEnv['Bindings'] | undefined;
    if (fault.reset) {
      bindings?.incoming?.socket.destroy();
      // Nothing reaches the client; this answer only ends the handler.
      return context.body(null, 500);
    }
    const limit = fault.truncateAfterBytes;
    let answer: TruncatedAnswer;
    if (fault.status === undefined) {
      if (limit === undefined) return next();
      await next();
      answer = await answerOf(context.res);
    } else {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.contentType !== undefined) headers['Content-Type'] = fault.contentType;
      if (limit === undefined) return new Response(fault.body ?? null, { status: fault.status, headers });
      const bytes = new TextEncoder().encode(fault.body ?? '');
      answer = { status: fault.status, headers: withLength(headers, bytes.length), body: bytes };
    }
    // Cut short after `limit` body bytes: the real answer (read whole above) or the fault's.
    const outgoing = bindings?.outgoing;
    const response = outgoing ? await sendTruncated(outgoing, answer, limit) : truncatedResponse(answer, limit);
    // Set, not only returned: after `next()` Hono keeps the answer already in `context.res`.
    context.res = response;
    return response;
  };
}

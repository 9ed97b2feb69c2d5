/**
 * Who may use the control API (everything under `/_emulator/`: the state, the event feed,
 * faults, joining clients, media downloads). Web pages must not drive it: a page on another
 * site could plant faults with a `text/plain` POST (sent without a CORS preflight), and a
 * DNS-rebinding page could read the state through a name that resolves to the emulator. So:
 * the `Host` must be an address the emulator listens on (or its `publicUrl`), an `Origin`
 * must be the emulator's own, a body must be `application/json`, and with a control token
 * `Authorization: Bearer <token>` is required (but for the download links of
 * `/_emulator/media/`). The REST API answers any `Host`.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { EmulatorProblem } from './problem.js';
import { problemResponse } from './respond.js';

/** The checks of the control API, filled in once the emulator listens. */
export class ControlAccess {
  /** `host:port` values (lower case) the `Host` header may take. */
  readonly hosts = new Set<string>();
  /** Origins (`http://host:port`) a page may call from, beside the emulator's own address. */
  readonly origins = new Set<string>();
  readonly #tokenDigest: Buffer | undefined;

  /** @param token the control token (`Authorization: Bearer <token>`), or none. */
  constructor(token: string | undefined) {
    this.#tokenDigest = token === undefined ? undefined : digest(token);
  }

  /** Whether a control token is required. */
  get requiresToken(): boolean {
    return this.#tokenDigest !== undefined;
  }

  /**
   * Records the addresses the emulator answers at: the loopback names, the bound host (or,
   * for a wildcard, every interface's address), and the host of `publicUrl`.
   */
  listening(host: string, port: number, publicUrl: string | undefined): void {
    const names = ['127.0.0.1', 'localhost', '[::1]'];
    if (host === '0.0.0.0' || host === '::' || host === '[::]') {
      for (const addresses of Object.values(networkInterfaces())) {
        for (const { address, family } of addresses ?? []) {
          if (host === '0.0.0.0' && family !== 'IPv4') continue;
          names.push(family === 'IPv6' ? `[${address.replace(/%.*$/, '')}]` : address);
        }
      }
    } else names.push(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
    for (const name of names) {
      const lower = name.toLowerCase();
      this.hosts.add(`${lower}:${port}`);
      if (port === 80) this.hosts.add(lower);
      this.origins.add(`http://${lower}:${port}`);
      if (port === 80) this.origins.add(`http://${lower}`);
    }
    if (publicUrl !== undefined) {
      const url = new URL(publicUrl);
      this.hosts.add(url.host.toLowerCase());
      this.origins.add(url.origin.toLowerCase());
    }
  }

  /** Whether `header` is `Bearer <the token>`, compared in constant time. */
  tokenMatches(header: string | undefined): boolean {
    if (this.#tokenDigest === undefined) return true;
    const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), this.#tokenDigest);
  }
}

/** Digests of equal length, so that the comparison takes the same time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request carries a body, or says it does. */
function hasBody(context: Context<EmulatorEnv>): boolean {
  const length = context.req.header('content-length');
  return (
    (length !== undefined && length.trim() !== '0') ||
    context.req.header('transfer-encoding') !== undefined ||
    context.req.header('content-type') !== undefined
  );
}

/** Whether a `Content-Type` is `application/json` (any parameters, any case). */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The control API's guard, for every path under `/_emulator/`: 403 for a `Host` it does not
 * listen at or an `Origin` not its own, 401 without the control token when one is set, 415 for
 * a write whose body is not `application/json` (a write without a body, such as `DELETE`,
 * needs no type: the `Origin` check covers browsers).
 */
export function controlAccess(access: ControlAccess): MiddlewareHandler<EmulatorEnv> {
  return async (context, next) => {
    const path = context.req.path;
    if (path !== '/_emulator' && !path.startsWith('/_emulator/')) return next();
    const refuse = (status: number, message: string, reason: string) => {
      const answer = problemResponse(context, new EmulatorProblem(status, message, { reason }), true);
      if (status === 401) answer.headers.set('WWW-Authenticate', 'Bearer realm="opentok-emulator"');
      return answer;
    };
    const host = context.req.header('host')?.trim().toLowerCase();
    if (host === undefined || !access.hosts.has(host)) {
      return refuse(
        403,
        '[@opentok/emulator] The control API answers only at the addresses it listens on (Host refused); set publicUrl for another one.',
        'host',
      );
    }
    const origin = context.req.header('origin')?.trim().toLowerCase();
    if (origin !== undefined && origin !== `http://${host}` && !access.origins.has(origin)) {
      return refuse(403, '[@opentok/emulator] The control API refuses requests from other origins.', 'origin');
    }
    // Download links (archives, HLS) go to SDKs and players that have no token, as a storage
    // bucket's signed links would: their IDs are random UUIDs.
    const download = path.startsWith('/_emulator/media/');
    if (!download && !access.tokenMatches(context.req.header('authorization'))) {
      return refuse(401, '[@opentok/emulator] The control API needs Authorization: Bearer <control token>.', 'token');
    }
    if (WRITES.has(context.req.method) && hasBody(context) && !isJson(context.req.header('content-type'))) {
      return refuse(415, '[@opentok/emulator] The control API takes only Content-Type: application/json.', 'type');
    }
    return next();
  };
}

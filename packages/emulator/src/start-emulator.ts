/**
 * Starting and stopping an emulator on a real port (`@hono/node-server`).
 * @module
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';
import { createAdaptorServer } from '@hono/node-server';
import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import { createEmulatorApp } from './create-emulator-app.js';
import type { EmulatorProject } from './model.js';
import { EmulatorProblem } from './problem.js';
import { EmulatorState } from './state.js';

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string | undefined;
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number | undefined;
  /**
   * Projects whose credentials the emulator accepts. With none, one project is created with a
   * random 8-digit API key and a random 40-hex-character secret.
   */
  projects?: ReadonlyArray<{ apiKey: string | number; apiSecret: string }> | undefined;
  /** Milliseconds between an archive's `stopped` and `available` states. @default 200 */
  archiveProcessingMs?: number | undefined;
  /** Milliseconds an archive stays `paused` after the last client left, before it stops. @default 60000 */
  archivePausedTimeoutMs?: number | undefined;
  /** The clock, in milliseconds since the epoch (tests may move it). @default Date.now */
  now?: (() => number) | undefined;
  /** Where unexpected server errors are reported. @default console.error */
  log?: ((line: string) => void) | undefined;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL such as `http://127.0.0.1:4010`, without a trailing slash: the `apiUrl` of any SDK. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The projects it accepts, with their secrets (for the SDKs under test). */
  projects: readonly EmulatorProject[];
  /** Stops listening, drops open connections and cancels pending delays. Safe to call twice. */
  close(): Promise<void>;
}

function project(input: { apiKey: string | number; apiSecret: string }): EmulatorProject {
  const apiKey = typeof input?.apiKey === 'number' ? String(input.apiKey) : input?.apiKey;
  if (typeof apiKey !== 'string' || !/^\d{1,32}$/.test(apiKey)) {
    throw new InvalidArgumentError('projects', 'Every project needs an apiKey made of digits');
  }
  if (typeof input.apiSecret !== 'string' || input.apiSecret.length === 0 || input.apiSecret.length > 256) {
    throw new InvalidArgumentError('projects', `Project ${apiKey} needs an apiSecret of 1 to 256 characters`);
  }
  const result = { apiKey, apiSecret: input.apiSecret };
  // Printing a project must not show its secret.
  Object.defineProperty(result, inspect.custom, {
    value: () => `EmulatorProject { apiKey: '${apiKey}', apiSecret: [redacted] }`,
  });
  return result;
}

/** A new project with a random 8-digit key and a random 40-hex-character secret. */
export function randomProject(): EmulatorProject {
  return project({ apiKey: String(randomInt(10_000_000, 100_000_000)), apiSecret: randomBytes(20).toString('hex') });
}

function checkProjects(projects: StartEmulatorOptions['projects']): EmulatorProject[] {
  if (projects === undefined || (Array.isArray(projects) && projects.length === 0)) return [randomProject()];
  if (!Array.isArray(projects)) throw new InvalidArgumentError('projects', 'projects must be an array');
  const result = projects.map(project);
  if (new Set(result.map(({ apiKey }) => apiKey)).size !== result.length) {
    throw new InvalidArgumentError('projects', 'Two projects have the same apiKey');
  }
  return result;
}

function checkMilliseconds(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 86_400_000) {
    throw new InvalidArgumentError(name, `${name} must be a whole number of milliseconds`);
  }
  return value;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new OpenTokError(`[@opentok/emulator] cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Starts an emulator of the OpenTok REST API on a real port.
 * @throws {InvalidArgumentError} for bad options; {@link OpenTokError} when the port is taken.
 * @example
 * const emulator = await startEmulator()
 * const [{ apiKey, apiSecret }] = emulator.projects
 * const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url })
 * // ...
 * await emulator.close()
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (typeof host !== 'string' || host === '' || /[\s/]/.test(host)) {
    throw new InvalidArgumentError('host', 'host must be a host name or an IP address');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('port', 'port must be a whole number from 0 to 65535');
  }
  const projects = checkProjects(options.projects);
  const state = new EmulatorState(
    projects,
    {
      processingMs: checkMilliseconds(options.archiveProcessingMs, 'archiveProcessingMs', 200),
      pausedTimeoutMs: checkMilliseconds(options.archivePausedTimeoutMs, 'archivePausedTimeoutMs', 60_000),
    },
    options.now ?? Date.now,
  );
  const closing = new AbortController();
  const app = createEmulatorApp({
    state,
    // A delay cut short by close() ends its request quietly: it is not an unexpected error.
    sleep: (milliseconds) =>
      delay(milliseconds, undefined, { signal: closing.signal }).catch(() => {
        throw new EmulatorProblem(503, 'The emulator is shutting down.');
      }),
    log: options.log ?? ((line) => console.error(line)),
  });
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  const boundPort = await listen(server, port, host);
  let closed: Promise<void> | undefined;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  const emulator: RunningEmulator = {
    url,
    port: boundPort,
    projects,
    close() {
      closed ??= new Promise((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
  // Printing the emulator must not show the projects' secrets.
  Object.defineProperty(emulator, inspect.custom, {
    value: () =>
      `RunningEmulator { url: '${url}', projects: [${projects.map(({ apiKey }) => `'${apiKey}'`).join(', ')}] }`,
  });
  return emulator;
}

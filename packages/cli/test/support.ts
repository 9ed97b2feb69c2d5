/**
 * Helpers of the command tests: the built `opentok` bin spawned as a real process, an
 * emulator in the test process, and archives recorded in it through the SDK and the
 * emulator's control API. Needs the package built (turbo builds it before `test`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { type Archive, OpenTok } from 'opentok';
import { afterAll, afterEach } from 'vitest';

export const BIN = fileURLToPath(new URL('../bin/opentok.js', import.meta.url));
export const API_KEY = '4815162342';
export const API_SECRET = 'c1i-test-secret-0123456789abcdef0123456789';

/** A fresh empty folder. */
export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'opentok-cli-'));
}

/**
 * The parent's environment without any OPENTOK_ or VONAGE_ variable, with a HOME and
 * XDG_CONFIG_HOME of its own (no profile unless a test writes one), plus `env`.
 */
export function environment(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OPENTOK|VONAGE)_/.test(name) && name !== 'XDG_CONFIG_HOME'),
  );
  const home = temporaryFolder();
  return { ...clean, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env };
}

/** What a finished run printed, and its exit code. */
export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `opentok ...args` (no terminal: stdin, stdout and stderr are pipes). */
export function start(args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Result>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `opentok ...args` to its end. */
export function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Result> {
  const started = start(args, env);
  started.child.stdin?.end();
  return started.done;
}

/** Runs a command line under a pseudo-terminal of 40 rows and 120 columns (`script` from util-linux). */
export function runInTerminal(commandLine: string, env: NodeJS.ProcessEnv) {
  const child = spawn('script', ['-qfec', `stty rows 40 cols 120; ${commandLine}`, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, output }));
  });
  return { child, done, output: () => output };
}

/** Quotes a word for `sh`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Waits until `check` returns something truthy, polling every 20 ms, at most `seconds`. */
export async function until<T>(check: () => T | Promise<T>, seconds = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An emulator for the whole test file, with the test project; and the environment pointing at it. */
export function useEmulator() {
  const state: { emulator?: RunningEmulator; opentok?: OpenTok } = {};
  afterAll(async () => {
    await state.emulator?.close();
  });
  return {
    async start(): Promise<RunningEmulator> {
      state.emulator = await startEmulator({
        projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
        archiveProcessingMs: 0,
        log: () => {},
      });
      state.opentok = new OpenTok(API_KEY, API_SECRET, { apiUrl: state.emulator.url, retry: 0 });
      return state.emulator;
    },
    get url(): string {
      return state.emulator!.url;
    },
    get opentok(): OpenTok {
      return state.opentok!;
    },
    /** The environment a user of this emulator would set. */
    env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
      return environment({
        OPENTOK_API_URL: state.emulator!.url,
        OPENTOK_API_KEY: API_KEY,
        OPENTOK_API_SECRET: API_SECRET,
        ...extra,
      });
    },
    /** A routed session with one publishing client connected. */
    async routedSession(): Promise<string> {
      const { sessionId } = await state.opentok!.createSession({ mediaMode: 'routed' });
      const token = state.opentok!.generateToken(sessionId);
      const response = await fetch(`${state.emulator!.url}/_emulator/sessions/${sessionId}/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, publish: true }),
      });
      if (response.status !== 201) throw new Error(`connect answered ${response.status}`);
      return sessionId;
    },
    /** Connects a client to a session through the emulator's control API; a publisher publishes a stream. */
    async connect(sessionId: string, publish = true): Promise<{ connectionId: string; streamId?: string }> {
      const token = state.opentok!.generateToken(sessionId, { role: publish ? 'publisher' : 'subscriber' });
      const response = await fetch(`${state.emulator!.url}/_emulator/sessions/${sessionId}/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, publish }),
      });
      if (response.status !== 201) throw new Error(`connect answered ${response.status}`);
      return (await response.json()) as { connectionId: string; streamId?: string };
    },
    /** The events the emulator recorded for a session (signals, mutes, connectors …). */
    async events(sessionId: string): Promise<Array<Record<string, unknown>>> {
      const response = await fetch(`${state.emulator!.url}/_emulator/sessions/${sessionId}/events`);
      return ((await response.json()) as { events: Array<Record<string, unknown>> }).events;
    },
    /** Records `count` archives of a new routed session, each stopped and available. */
    async recordArchives(count: number, name = 'take'): Promise<{ sessionId: string; archives: Archive[] }> {
      const sessionId = await this.routedSession();
      const archives: Archive[] = [];
      for (let index = 0; index < count; index += 1) {
        const started = await state.opentok!.archives.start(sessionId, { name: `${name}-${index + 1}` });
        await state.opentok!.archives.stop(started.id);
        archives.push(
          await until(async () => {
            const archive = await state.opentok!.archives.get(started.id);
            return archive.status === 'available' ? archive : undefined;
          }),
        );
      }
      return { sessionId, archives };
    },
    /** Queues a fault (see the emulator's control API). */
    async fault(definition: Record<string, unknown>): Promise<void> {
      const response = await fetch(`${state.emulator!.url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(definition),
      });
      if (response.status !== 201) throw new Error(`fault answered ${response.status}: ${await response.text()}`);
    },
  };
}

/** The JSON documents of a JSON-lines output. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

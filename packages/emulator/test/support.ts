/**
 * Helpers shared by the emulator's HTTP tests: a started emulator with the SDK suites'
 * well-known project, and small request helpers. Every test talks real HTTP on loopback.
 */
import { generateToken, type TokenOptions } from '@opentok/token';
import { afterEach } from 'vitest';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../src/index.js';

export const API_KEY = '123456';
export const API_SECRET = '1234567890abcdef1234567890abcdef1234567890';
export const CREDENTIALS = { apiKey: API_KEY, apiSecret: API_SECRET };
export const PARTNER_AUTH = { 'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}` };
export const JSON_HEADERS = { ...PARTNER_AUTH, Accept: 'application/json', 'Content-Type': 'application/json' };

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator with the well-known project; it is closed after the test. */
export async function emulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ projects: [CREDENTIALS], archiveProcessingMs: 0, log: () => {}, ...options });
  running.push(started);
  return started;
}

/** Creates a session through `/session/create` (JSON answer) and returns its ID. */
export async function createSession(url: string, form: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/session/create`, {
    method: 'POST',
    headers: { ...PARTNER_AUTH, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'p2p.preference': 'disabled', ...form }).toString(),
  });
  if (response.status !== 200) throw new Error(`createSession answered ${response.status}`);
  const [session] = (await response.json()) as Array<{ session_id: string }>;
  return session!.session_id;
}

/** Joins a session through the control API with a token for it. */
export async function connect(
  url: string,
  sessionId: string,
  publish = true,
  options: TokenOptions = {},
): Promise<{ status: number; body: Record<string, string> }> {
  const token = generateToken(CREDENTIALS, sessionId, options);
  return post(`${url}/_emulator/sessions/${sessionId}/connections`, { token, publish });
}

/** POSTs JSON and returns the status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = JSON_HEADERS,
): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Sends a request with the partner credentials, asking for JSON. */
export async function call(
  method: string,
  url: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field and assert every one they use
): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = { method, headers: JSON_HEADERS };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, body: isJson && text ? JSON.parse(text) : text, headers: response.headers };
}

/** Waits until `check` returns a value, polling every 10 ms for up to 2 s. */
export async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 2 s');
}

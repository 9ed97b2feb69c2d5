/**
 * Starts one `@opentok/emulator` on loopback port 0 for a test file, and gives the small
 * helpers the REST tests share: a client bound to it, joining a session as a client, and
 * injecting faults through the control API.
 */

import { startEmulator } from '@opentok/emulator';
import { type Client, type ClientOptions, createClient } from '@opentok/rest';
import { generateToken } from '@opentok/token';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const API_KEY = '4567890';
export const API_SECRET = 'f00dfacef00dfacef00dfacef00dfacef00dface';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** A fault definition for `POST /_emulator/faults`. */
export interface Fault {
  method: string;
  path: string;
  status?: number;
  delayMs?: number;
  reset?: boolean;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  times?: number;
}

/** Registers the emulator's life with the current test file and returns accessors. */
export function useEmulator() {
  let emulator: Emulator | undefined;
  const running = (): Emulator => {
    if (!emulator) throw new Error('the emulator has not started');
    return emulator;
  };
  beforeAll(async () => {
    emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }], archiveProcessingMs: 50 });
  });
  afterEach(async () => {
    if (emulator) await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  return {
    get url() {
      return running().url;
    },
    /** A client of the emulator; fast retries unless told otherwise. */
    client(options: Partial<ClientOptions> = {}): Client {
      return createClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        apiUrl: running().url,
        timeout: 5000,
        retry: { limit: 2, baseDelay: 10, maxDelay: 50 },
        ...options,
      });
    },
    /** Joins `sessionId` as a client (publishing by default), as a browser would. */
    async join(sessionId: string, publish = true): Promise<{ connectionId: string; streamId?: string }> {
      const token = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, { role: 'publisher' });
      const response = await fetch(`${running().url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, publish }),
      });
      if (response.status !== 201) throw new Error(`join failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { connectionId: string; streamId?: string };
    },
    /** Injects a fault. */
    async fault(fault: Fault): Promise<void> {
      const response = await fetch(`${running().url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
      if (response.status !== 201) throw new Error(`fault refused: ${response.status} ${await response.text()}`);
    },
    /** The emulator's whole state. */
    async state(): Promise<{ archives: { id: string; status: string }[]; faults: unknown[] }> {
      return (await (await fetch(`${running().url}/_emulator/state`)).json()) as never;
    },
  };
}

/** Waits until `check` returns a value other than `undefined`, polling every 20 ms, for at most 5 s. */
export async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

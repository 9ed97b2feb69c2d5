/**
 * Helpers of the connector tests (SIP, renders, captions, Audio Connector): a routed session
 * with one publishing client, client tokens of any role, and polling with a generous limit.
 */
import { generateToken, type TokenOptions } from '@opentok/token';
import type { RunningEmulator } from '../src/index.js';
import { API_KEY, CREDENTIALS, connect, createSession } from './support.js';

/** `${url}/v2/project/123456/<path>`. */
export const project = (url: string, path: string) => `${url}/v2/project/${API_KEY}/${path}`;

/** A client token of the session (publisher unless told). */
export const token = (sessionId: string, options: TokenOptions = {}) => generateToken(CREDENTIALS, sessionId, options);

/** A routed session with one publishing client. */
export async function liveSession(url: string): Promise<{ sessionId: string; connectionId: string; streamId: string }> {
  const sessionId = await createSession(url, { 'p2p.preference': 'disabled' });
  const joined = await connect(url, sessionId, true);
  return { sessionId, connectionId: joined.body.connectionId!, streamId: joined.body.streamId! };
}

/** Waits until `check` returns a value, polling every 20 ms for up to 10 s (a loaded machine is slow). */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 10 s');
}

/** The session as `/_emulator/state` shows it. */
export async function sessionState(emulator: RunningEmulator, sessionId: string) {
  const state = await emulator.state();
  const session = state.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) throw new Error('no such session in the state');
  return { state, session };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read events field by field and assert every one they use
type FeedEvent = Record<string, any>;

/** The session's event feed as `GET /_emulator/sessions/{sessionId}/events` answers it. */
export async function feedOf(url: string, sessionId: string): Promise<FeedEvent[]> {
  const response = await fetch(`${url}/_emulator/sessions/${sessionId}/events?after=0`);
  if (response.status !== 200) throw new Error(`the event feed answered ${response.status}`);
  return ((await response.json()) as { events: FeedEvent[] }).events;
}

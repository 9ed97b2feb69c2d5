/**
 * Small helpers for the opentok tests: join a session through the emulator's control API,
 * read its state, and record an archive to read back.
 * @module
 */
import type { OpenTok } from 'opentok';

export interface EmulatorSessionState {
  sessionId: string;
  apiKey: string;
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  location: string | null;
  connections: { connectionId: string; role: string; data: string | null; streamId: string | null }[];
}

/** A client joins `sessionId` with `token`, as OpenTok.js would. Returns the raw answer. */
export async function join(url: string, sessionId: string, token: string, publish = true) {
  const response = await fetch(`${url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The emulator's view of one session. */
export async function sessionState(url: string, sessionId: string): Promise<EmulatorSessionState> {
  const state = (await (await fetch(`${url}/_emulator/state`)).json()) as { sessions: EmulatorSessionState[] };
  const found = state.sessions.find((session) => session.sessionId === sessionId);
  if (!found) throw new Error(`The emulator has no session ${sessionId}`);
  return found;
}

/** Creates a routed session, lets a publisher join, records for a moment and waits until the archive is available. */
export async function recordArchive(opentok: OpenTok, url: string) {
  const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
  const joined = await join(url, sessionId, opentok.generateToken(sessionId, { role: 'publisher' }));
  if (joined.status !== 201) throw new Error(`join failed: ${joined.status}`);
  const started = await opentok.archives.start(sessionId, { name: 'opentok tests' });
  await opentok.archives.stop(started.id);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const archive = await opentok.archives.get(started.id);
    if (archive.status === 'available') return { sessionId, archive };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`archive ${started.id} never became available`);
}

/**
 * `import OpenTok from 'opentok'` (`esModuleInterop`): the default import is the class and
 * the namespace of its types. Compiled, never run.
 * @module
 */
import OpenTok from 'opentok';

const opentok = new OpenTok('123456', 'secret', { timeout: 1000 });

export function archiveRoom(sessionId: string, done: (archive?: OpenTok.Archive) => void): void {
  const options: OpenTok.ArchiveOptions = { name: 'room', outputMode: 'composed' };
  opentok.startArchive(sessionId, options, (err: Error | null, archive?: OpenTok.Archive) => {
    if (err) return done();
    done(archive);
  });
}

export function roomToken(session: OpenTok.Session, role: OpenTok.Role): OpenTok.Token {
  return opentok.generateToken(session.sessionId, { role: role });
}

export function broadcastRoom(sessionId: string, options: OpenTok.BroadcastOptions): void {
  opentok.startBroadcast(sessionId, options, (err: Error | null, broadcast: OpenTok.Broadcast) => {
    if (!err) console.log(broadcast.id, broadcast.status);
  });
}

declare const console: { log(...values: unknown[]): void };

/**
 * `import * as OpenTok from 'opentok'` without `esModuleInterop`, as 2.x-era TypeScript
 * projects wrote it. Compiled, never run.
 * @module
 */
import * as OpenTok from 'opentok';

const opentok = new OpenTok('123456', 'secret');

export function room(done: (session: OpenTok.Session | undefined, token: OpenTok.Token) => void): void {
  const options: OpenTok.SessionOptions = { mediaMode: 'routed' };
  opentok.createSession(options, (err: Error | null, session?: OpenTok.Session) => {
    if (err || !session) return done(undefined, '');
    done(session, opentok.generateToken(session.sessionId, { role: 'publisher' }));
  });
}

export function streams(sessionId: string, done: (streams: OpenTok.Stream[]) => void): void {
  opentok.listStreams(sessionId, (err: Error | null, list?: OpenTok.Stream[]) => done(err || !list ? [] : list));
}

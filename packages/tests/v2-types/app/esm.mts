/**
 * An ES module under `module: nodenext`: `import OpenTok from 'opentok'` is the class and the
 * namespace of its types, as `@types/opentok` declares it. Compiled, never run.
 * @module
 */
import OpenTok from 'opentok';
import { expectTypeOf } from 'vitest';

const env: OpenTok.Env = { uaAddendum: 'esm/1.0' };
const opentok: OpenTok = new OpenTok('123456', 'secret', env);

export function start(room: string, done: (token: OpenTok.Token, archive?: OpenTok.Archive) => void): void {
  const options: OpenTok.SessionOptions = { mediaMode: 'routed' };
  opentok.createSession(options, (_error, session) => {
    const sessionId = session ? session.sessionId : room;
    const archiveOptions: OpenTok.ArchiveOptions = { name: room, layout: { type: 'pip' } };
    const tokenOptions: OpenTok.TokenOptions = { role: 'moderator' };
    opentok.startArchive(sessionId, archiveOptions, (_archiveError, archive) =>
      done(opentok.generateToken(sessionId, tokenOptions), archive),
    );
  });
}

opentok.getArchive('archive', (error, archive) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(archive).exclude<undefined>().toEqualTypeOf<OpenTok.Archive>();
});
opentok.startBroadcast('session', { outputs: { hls: {} }, layout: { type: 'bestFit' } }, (_error, broadcast) => {
  expectTypeOf(broadcast).toEqualTypeOf<OpenTok.Broadcast>();
});
opentok.signal('session', null, { type: 'chat', data: 'hi' } satisfies OpenTok.SignalOptions, (error) =>
  expectTypeOf(error).toEqualTypeOf<Error | null>(),
);

/**
 * The same 2.x code through `import OpenTok from 'opentok'` (`esModuleInterop`) in a CommonJS
 * TypeScript file. Compiled by `pnpm typecheck`, never run.
 * @module
 */
import OpenTok from 'opentok';

declare const sessionId: string;
const opentok = new OpenTok('123456', 'secret');
opentok.createSession({ mediaMode: 'routed' }, (err, session) => {
  if (err || !session) return;
  console.log(session.sessionId, opentok.generateToken(session.sessionId, { role: 'subscriber' }));
});
opentok.listBroadcasts({ sessionId }, (error, broadcasts, totalCount) =>
  console.log(error, broadcasts?.length, totalCount),
);
opentok.getStream(sessionId, 'stream', (error, stream) => console.log(error, stream?.layoutClassList));

// `node v2.cjs <input JSON>`: the built `opentok` required as 2.x code does, its OpenTok class
// driven with callbacks and promises against the emulator, in the Node running it; prints a JSON
// report for node-matrix.test.ts.
const OpenTok = require('opentok');

const { apiUrl, project } = JSON.parse(process.argv[2]);
const opentok = new OpenTok(project.apiKey, project.apiSecret, apiUrl);

/** Calls a 2.x method with a callback; resolves with what the callback got. */
const viaCallback = (start) => new Promise((resolve) => start((...outcome) => resolve(outcome)));

async function main() {
  const [createError, session] = await viaCallback((done) => opentok.createSession({ mediaMode: 'routed' }, done));
  const token = opentok.generateToken(session.sessionId, { role: 'publisher', data: 'userId:42' });
  const [listError, archives, total] = await viaCallback((done) => opentok.listArchives({}, done));
  const promised = await opentok.createSession();
  const [missing] = await viaCallback((done) => opentok.getArchive('00000000-0000-4000-8000-000000000000', done));
  const wrong = new OpenTok(project.apiKey, 'wrong', apiUrl);
  const refused = await wrong.createSession().then(
    () => 'no error',
    (error) => error,
  );
  const describe = (error) => error && { name: error.name, message: error.message, status: error.status ?? null };
  console.log(
    JSON.stringify({
      version: process.version,
      resolved: require.resolve('opentok'),
      createError,
      session: {
        sessionId: session.sessionId,
        mediaMode: session.mediaMode,
        isSession: session instanceof OpenTok.Session,
      },
      token,
      list: { listError, count: archives.length, total },
      promised: { sessionId: promised.sessionId, mediaMode: promised.mediaMode },
      missing: { ...describe(missing), isType: missing instanceof OpenTok.NotFoundError },
      refused: { ...describe(refused), isType: refused instanceof OpenTok.AuthenticationError },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

// `node rest.mjs <input JSON>`: the built @opentok/rest against the emulator, with a project and
// with a Vonage application, in the Node running it; prints a JSON report for node-matrix.test.ts.
import {
  AuthenticationError,
  createClient,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  OpenTokError,
} from '@opentok/rest';

const { apiUrl, deadUrl, project, application } = JSON.parse(process.argv[2]);

/** What a failing call gives: the error's name, whether it is of `type`, its status and message. */
async function outcome(run, type) {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return {
      name: error.name,
      isType: type.isInstance(error) && OpenTokError.isInstance(error),
      status: error.status ?? null,
      message: error.message,
    };
  }
}

const client = createClient({ ...project, apiUrl, retry: 0 });
const session = await client.createSession({ mediaMode: 'routed' });
const list = await client.archives.list({ sessionId: session.sessionId });
const vonage = createClient({ ...application, apiUrl, retry: 0 });
const vonageSession = await vonage.createSession({ mediaMode: 'routed' });

console.log(
  JSON.stringify({
    version: process.version,
    resolved: import.meta.resolve('@opentok/rest'),
    session: { apiKey: session.apiKey, mediaMode: session.mediaMode, sessionId: session.sessionId },
    list,
    vonageSession: { apiKey: vonageSession.apiKey, sessionId: vonageSession.sessionId },
    missing: await outcome(() => client.archives.get('00000000-0000-4000-8000-000000000000'), NotFoundError),
    refused: await outcome(
      () => createClient({ ...project, apiSecret: 'wrong', apiUrl, retry: 0 }).createSession(),
      AuthenticationError,
    ),
    escape: await outcome(() => client.archives.delete('..'), InvalidArgumentError),
    unreachable: await outcome(
      () => createClient({ ...project, apiUrl: deadUrl, retry: 0 }).archives.list(),
      NetworkError,
    ),
  }),
);

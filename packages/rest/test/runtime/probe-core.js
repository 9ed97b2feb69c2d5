// The built package exercised against the emulator, the same in every runtime: Bun and Deno
// run it through `cli.mjs`, workerd through `worker.js`. Returns a JSON-able report.
import {
  AuthenticationError,
  createClient,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
} from '../../dist/index.js';

/** Runs every check; `deadUrl` is an address where nothing listens. */
export async function runProbe({ apiUrl, apiKey, apiSecret, deadUrl }) {
  const report = {
    runtime: {
      hasProcess: typeof globalThis.process !== 'undefined',
      bun: typeof globalThis.Bun !== 'undefined',
      deno: typeof globalThis.Deno !== 'undefined',
      userAgent: typeof navigator === 'undefined' ? null : navigator.userAgent,
    },
  };
  const client = createClient({ apiKey, apiSecret, apiUrl, retry: 0 });
  const session = await client.createSession({ mediaMode: 'routed' });
  report.session = { apiKey: session.apiKey, mediaMode: session.mediaMode, sessionId: session.sessionId };
  report.list = await client.archives.list({ sessionId: session.sessionId });
  const outcome = async (run, type) => {
    try {
      await run();
      return 'no error';
    } catch (error) {
      return { name: error.name, isType: type.isInstance(error), status: error.status ?? null, message: error.message };
    }
  };
  report.missing = await outcome(() => client.archives.get('00000000-0000-4000-8000-000000000000'), NotFoundError);
  report.refused = await outcome(
    () => createClient({ apiKey, apiSecret: 'wrong', apiUrl, retry: 0 }).createSession(),
    AuthenticationError,
  );
  report.escape = await outcome(() => client.archives.delete('..'), InvalidArgumentError);
  report.unreachable = await outcome(
    () => createClient({ apiKey, apiSecret, apiUrl: deadUrl, retry: 0 }).archives.list(),
    NetworkError,
  );
  return report;
}

// The built package exercised against the emulator, the same in every runtime: Bun and Deno
// run it through `cli.mjs`, workerd through `worker.js`. Returns a JSON-able report.
import {
  AuthenticationError,
  createClient,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  verifyCallback,
} from '../../dist/index.js';

/** A callback signed (HS256, `payload_hash`) with `runtime-probe-secret` by `node:crypto`, issued in 2023. */
const SIGNED_BODY = '{"event":"sessionCreated","sessionId":"s1","projectId":123456,"timestamp":1700000000000}';
const SIGNED_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjViMGUyZjNjLTFkN2EtNGM1OS05ZDBlLTJhMWYzYjRjNWQ2ZSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6IjgxNWM0ZWVjODY5NGJjNTE2Y2Q5NjFmMTQ0Y2QwZWFjYWU5YTdiODNhZWNjNDRlYjBkZmIyNjY2NjFhYTBlZWEiLCJhcGlfa2V5IjoiMTIzNDU2In0.4gT4Jz2otVacuanrQ3N88K083l2rEehL-8jvrwAm6b8';

/** `verifyCallback` with this runtime's Web Crypto: accepted, then refused for each reason. */
async function signedCallbacks() {
  const headers = { authorization: `Bearer ${SIGNED_TOKEN}` };
  const reason = (promise) =>
    promise.then(
      () => 'accepted',
      (error) => error.reason ?? error.name,
    );
  const verified = await verifyCallback({ headers, body: SIGNED_BODY }, 'runtime-probe-secret', { maxAge: Infinity });
  return {
    verified: [verified.event, verified.projectId],
    tampered: await reason(
      verifyCallback({ headers, body: SIGNED_BODY.replace('s1', 's2') }, 'runtime-probe-secret', { maxAge: Infinity }),
    ),
    otherSecret: await reason(verifyCallback({ headers, body: SIGNED_BODY }, 'other-secret', { maxAge: Infinity })),
    expired: await reason(verifyCallback({ headers, body: SIGNED_BODY }, 'runtime-probe-secret')),
  };
}

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
  report.signed = await signedCallbacks();
  return report;
}

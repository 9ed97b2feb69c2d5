// Bundled for the edge runtime by edge-runtime.test.ts: the built package, imported by path,
// exercised against the emulator whose URL and credentials the test passes in.
import { createClient, NotFoundError, RequestError } from '../../dist/index.js';

globalThis.runProbe = async (apiUrl, apiKey, apiSecret) => {
  const report = {
    runtime: {
      hasProcess: typeof globalThis.process !== 'undefined',
      hasBuffer: typeof globalThis.Buffer !== 'undefined',
      hasRequire: typeof globalThis.require !== 'undefined',
      edgeRuntime: typeof globalThis.EdgeRuntime === 'string' ? globalThis.EdgeRuntime : null,
    },
  };
  const client = createClient({ apiKey, apiSecret, apiUrl, retry: 0 });
  const session = await client.createSession({ mediaMode: 'routed' });
  report.session = session;
  report.list = await client.archives.list({ sessionId: session.sessionId });
  try {
    await client.archives.get('00000000-0000-4000-8000-000000000000');
    report.missing = 'no error';
  } catch (error) {
    report.missing = {
      name: error.name,
      isNotFound: error instanceof NotFoundError,
      isRequestError: RequestError.isInstance(error),
      status: error.status,
      path: error.path,
    };
  }
  try {
    await createClient({ apiKey, apiSecret: 'wrong', apiUrl, retry: 0 }).createSession();
    report.refused = 'no error';
  } catch (error) {
    report.refused = { name: error.name, status: error.status };
  }
  return JSON.stringify(report);
};

// A call that the test has made the emulator delay: the client's timeout must fire in the sandbox.
globalThis.runTimeoutProbe = async (apiUrl, apiKey, apiSecret) => {
  const client = createClient({ apiKey, apiSecret, apiUrl, retry: 0, timeout: 100 });
  const started = Date.now();
  try {
    await client.archives.list();
    return JSON.stringify({ name: 'no error' });
  } catch (error) {
    return JSON.stringify({ name: error.name, status: error.status ?? null, elapsed: Date.now() - started });
  }
};

// The XML answer of /session/create (a client that does not ask for JSON), parsed in the sandbox.
globalThis.runXmlProbe = async (apiUrl, apiKey, apiSecret) => {
  let contentType = null;
  const client = createClient({
    apiKey,
    apiSecret,
    apiUrl,
    hooks: {
      beforeRequest: [(request) => request.headers.set('accept', 'text/xml')],
      afterResponse: [
        (_request, response) => {
          contentType = response.headers.get('content-type');
        },
      ],
    },
  });
  const session = await client.createSession({ mediaMode: 'routed' });
  return JSON.stringify({ contentType, sessionId: session.sessionId });
};

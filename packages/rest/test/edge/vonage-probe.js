// Bundled for the edge runtime by vonage-edge.test.ts: the built client with a Vonage
// application's credentials, against the emulator: RS256 Bearer tokens through Web Crypto.
import { createClient } from '../../dist/index.js';

globalThis.runVonageProbe = async (apiUrl, applicationId, privateKey) => {
  const client = createClient({ applicationId, privateKey, apiUrl, retry: 0 });
  const session = await client.sessions.create({ mediaMode: 'routed' });
  const list = await client.archives.list({ sessionId: session.sessionId });
  let refused;
  try {
    await createClient({
      applicationId: '11111111-2222-4333-8444-555555555555',
      privateKey,
      apiUrl,
      retry: 0,
    }).sessions.create();
    refused = 'no error';
  } catch (error) {
    refused = { name: error.name, status: error.status };
  }
  return JSON.stringify({ hasProcess: typeof globalThis.process !== 'undefined', session, list, refused });
};

// Bun and Deno with a Vonage application: `vonage-cli.mjs <apiUrl> <applicationId> <privateKey>
// <otherPrivateKey>` prints a JSON report. The built client signs its Bearer RS256 tokens, and
// `@opentok/token` a client token synchronously, through whichever build the runtime's export
// conditions pick (both pick `node`, so `node:crypto`).
import { generateToken } from '@opentok/token';
import { AuthenticationError, createClient } from '../../dist/index.js';

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const [apiUrl, applicationId, privateKey, otherPrivateKey] = args;
const report = {
  runtime: { bun: typeof globalThis.Bun !== 'undefined', deno: typeof globalThis.Deno !== 'undefined' },
  tokenBuild: import.meta.resolve('@opentok/token'),
};
const client = createClient({ applicationId, privateKey, apiUrl, retry: 0 });
const session = await client.sessions.create({ mediaMode: 'routed' });
report.session = { apiKey: session.apiKey, sessionId: session.sessionId };
// Synchronous RS256: a throw here means the runtime took a build without `node:crypto`.
report.token = generateToken({ applicationId, privateKey }, session.sessionId, { role: 'moderator' });
const joined = await fetch(`${apiUrl}/_emulator/sessions/${encodeURIComponent(session.sessionId)}/connections`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token: report.token, publish: true }),
});
report.joined = joined.status;
await joined.body?.cancel();
const started = await client.archives.start(session.sessionId, { name: 'vonage' });
const stopped = await client.archives.stop(started.id);
report.archive = { id: started.id, projectId: started.projectId, stopped: stopped.status };
try {
  await createClient({ applicationId, privateKey: otherPrivateKey, apiUrl, retry: 0 }).archives.list();
  report.refused = 'no error';
} catch (error) {
  report.refused = { name: error.name, isType: AuthenticationError.isInstance(error), status: error.status ?? null };
}
console.log(JSON.stringify(report));

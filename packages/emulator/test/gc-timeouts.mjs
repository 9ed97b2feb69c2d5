// Run as `node --expose-gc test/gc-timeouts.mjs <render|events>` after `pnpm build`: the built
// emulator's timeouts and signals, with garbage collections forced all along. Prints one JSON line.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator } from '@opentok/emulator';
import { generateToken } from '@opentok/token';

const mode = process.argv[2];
const credentials = { apiKey: '123456', apiSecret: '1234567890abcdef1234567890abcdef1234567890' };
const headers = {
  'X-TB-PARTNER-AUTH': `${credentials.apiKey}:${credentials.apiSecret}`,
  Accept: 'application/json',
  'Content-Type': 'application/json',
};
/** Forces collections until `done()` holds or 20 s have passed; returns whether it held. */
async function collectUntil(done) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    globalThis.gc();
    if (done()) return true;
    await sleep(10);
  }
  return done();
}

const emulator = await startEmulator({ projects: [credentials], renderLoadTimeoutMs: 300, log: () => {} });
const created = await fetch(`${emulator.url}/session/create`, {
  method: 'POST',
  headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'p2p.preference=disabled',
});
const [{ session_id: sessionId }] = await created.json();
await emulator.connect(sessionId, generateToken(credentials, sessionId), { publish: true });

if (mode === 'render') {
  // A page that accepts the connection and never answers.
  const hanging = [];
  const page = createServer((_request, response) => hanging.push(response));
  await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
  const answer = await fetch(`${emulator.url}/v2/project/${credentials.apiKey}/render`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      sessionId,
      token: generateToken(credentials, sessionId, { role: 'moderator' }),
      url: `http://127.0.0.1:${page.address().port}/never`,
    }),
  });
  const { id } = await answer.json();
  let render;
  await collectUntil(() => {
    void emulator.state().then((state) => {
      render = state.renders.find((candidate) => candidate.id === id);
    });
    return render !== undefined && render.status !== 'starting';
  });
  console.log(JSON.stringify({ status: render?.status, reason: render?.reason }));
  for (const response of hanging) response.destroy();
  page.close();
} else if (mode === 'events') {
  const controller = new AbortController();
  let ended = false;
  let seen = 0;
  void (async () => {
    for await (const _event of emulator.events(sessionId, { signal: controller.signal })) seen++;
    ended = true;
  })();
  // Collections while the iteration waits, then the abort, then more collections.
  const until = Date.now() + 500;
  await collectUntil(() => Date.now() > until);
  controller.abort();
  const result = await collectUntil(() => ended);
  console.log(JSON.stringify({ ended: result, seen }));
} else if (mode === 'events-timeout') {
  // The iteration's only signal is a timeout nobody else holds.
  let ended = false;
  void (async () => {
    for await (const _event of emulator.events(sessionId, { signal: AbortSignal.timeout(300) }));
    ended = true;
  })();
  console.log(JSON.stringify({ ended: await collectUntil(() => ended) }));
}
await emulator.close();

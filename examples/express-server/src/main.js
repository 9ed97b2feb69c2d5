/**
 * `pnpm start`: serves the app on PORT (default 3000). Uses OPENTOK_API_KEY and
 * OPENTOK_API_SECRET when set; otherwise starts an emulator and uses its project, and points
 * the emulator's callbacks at this server. Archives that become available are downloaded into
 * DOWNLOADS (default `./archives`). The callback path is `/callbacks/CALLBACK_SECRET`; with
 * the emulator a random secret is used when none is set. The callback secret is never printed;
 * the emulator's project is, as `opentok-emulator` prints it (an `export` line to paste into
 * another shell, so that the `opentok` CLI or another app reaches the same emulator).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { createApp } from './app.js';

const { OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: apiUrl } = process.env;
const port = Number(process.env.PORT ?? 3000);

let emulator;
let settings = { apiKey, apiSecret, apiUrl };
if (!apiKey || !apiSecret) {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  settings = { ...emulator.projects[0], apiUrl: emulator.url };
  console.log(`No OPENTOK_API_KEY/OPENTOK_API_SECRET: using the emulator at ${emulator.url}`);
  // The same line as opentok-emulator's: the project is the emulator's own, made up at start.
  console.log('  paste into another shell (the opentok CLI, another app) to reach this emulator:');
  console.log(
    `  export OPENTOK_API_URL=${emulator.url} OPENTOK_API_KEY=${settings.apiKey} OPENTOK_API_SECRET=${settings.apiSecret}`,
  );
}

const downloads = resolve(process.env.DOWNLOADS ?? 'archives');
const secret = process.env.CALLBACK_SECRET || (emulator ? randomBytes(16).toString('hex') : undefined);
const callbackPath = secret ? `/callbacks/${secret}` : undefined;
const { app } = await createApp({
  ...settings,
  callbackPath,
  downloads,
  log: (line) => console.log(line),
});
const server = app.listen(port, '127.0.0.1', async () => {
  const address = `http://127.0.0.1:${server.address().port}`;
  if (emulator) {
    // The emulator sends every group of callbacks here (the control API of @opentok/emulator).
    await fetch(`${emulator.url}/_emulator/projects/${settings.apiKey}/callbacks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: address + callbackPath }),
    });
    console.log(`Callbacks: the emulator POSTs them to ${address}/callbacks/…; archives go to ${downloads}`);
  } else if (callbackPath) {
    console.log("Callbacks: set https://<this server>/callbacks/<CALLBACK_SECRET> as the project's callback URL");
  } else {
    console.log('Callbacks: off (set CALLBACK_SECRET to take them at /callbacks/<CALLBACK_SECRET>)');
  }
  console.log(`Listening on ${address}/`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  emulator?.close();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

/**
 * `pnpm start`: serves the app on PORT (default 3000). Uses OPENTOK_API_KEY and
 * OPENTOK_API_SECRET when set; otherwise starts an emulator and uses its project.
 * @module
 */
import { createServer } from 'node:http';
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
}

const { handler } = await createApp({ ...settings, log: (line) => console.log(line) });
const server = createServer(handler);
server.listen(port, '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}/`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  emulator?.close();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

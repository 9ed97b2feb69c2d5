/**
 * With a signature secret, the callback route verifies each callback: the emulator's signed
 * ones are taken, an unsigned or forged one gets 401.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

const PATH = '/callbacks/signed';
const SECRET = 'example-signature-secret-41d9';
const lines = [];
let emulator;
let server;
let base;
let app;
let downloads;

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0, callbackSecret: SECRET });
  downloads = mkdtempSync(join(tmpdir(), 'express-signed-'));
  app = await createApp({
    ...emulator.projects[0],
    apiUrl: emulator.url,
    callbackPath: PATH,
    downloads,
    signatureSecret: SECRET,
    log: (line) => lines.push(line),
  });
  server = createServer(app.handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}`;
  await fetch(`${emulator.url}/_emulator/projects/${emulator.projects[0].apiKey}/callbacks`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: base + PATH }),
  });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
  await emulator?.close();
  rmSync(downloads, { recursive: true, force: true });
});

it('takes signed callbacks and refuses unsigned ones', async () => {
  const { token } = await (await fetch(`${base}/token`)).json();
  await emulator.connect(app.sessionId, token);
  for (let attempt = 0; attempt < 400 && !lines.includes('callback: connectionCreated'); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(lines).toContain('callback: connectionCreated');
  const unsigned = await fetch(base + PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'sessionCreated', sessionId: app.sessionId, projectId: '1', timestamp: 1 }),
  });
  expect(unsigned.status).toBe(401);
  expect(lines).toContain('callback refused: missingHeader');
});

/**
 * The callback route end to end, over real HTTP on loopback: an emulator sends its callbacks to
 * this server; a visitor joins with a token from the server and publishes; an archive is
 * recorded and stopped; the server hears `available`, reads the archive back and downloads it
 * into its folder, with its progress in the log.
 */
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

const SECRET_PATH = '/callbacks/3c1f9e0a7b2d4c68a5e1f0b9d8c7a6e5';

let emulator;
let server;
let base;
let app;
let downloads;
const lines = [];

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  downloads = mkdtempSync(join(tmpdir(), 'express-callbacks-'));
  app = await createApp({
    ...emulator.projects[0],
    apiUrl: emulator.url,
    callbackPath: SECRET_PATH,
    downloads,
    log: (line) => lines.push(line),
  });
  server = createServer(app.handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}`;
  const configured = await fetch(`${emulator.url}/_emulator/projects/${emulator.projects[0].apiKey}/callbacks`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: base + SECRET_PATH }),
  });
  expect(configured.status).toBe(200);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
  await emulator?.close();
  rmSync(downloads, { recursive: true, force: true });
});

/** Waits until `check` returns something, polling every 50 ms for up to 20 s. */
async function until(check, what) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; log:\n${lines.join('\n')}`);
}

describe('the callback route', () => {
  it('downloads an archive once the emulator says it is available', async () => {
    const { token } = await (await fetch(`${base}/token`)).json();
    await emulator.connect(app.sessionId, token, { publish: true });
    const archive = await app.opentok.archives.start(app.sessionId, { name: 'callback test' });
    await app.opentok.archives.stop(archive.id);

    const file = join(downloads, `${archive.id}.mp4`);
    await until(() => lines.some((line) => line.includes(`archive ${archive.id}: downloaded`)), 'the download');
    await app.callbacks.idle();
    expect(readdirSync(downloads)).toEqual([`${archive.id}.mp4`]);
    const { size, url } = await app.opentok.archives.get(archive.id);
    expect(url).toBeTruthy();
    expect(statSync(file).size).toBe(size);
    expect(size).toBeGreaterThan(0);

    const log = lines.join('\n');
    expect(log).toContain(`callback: archive ${archive.id} started`);
    expect(log).toContain(`callback: archive ${archive.id} stopped`);
    expect(log).toContain(`callback: archive ${archive.id} available`);
    expect(log).toContain('callback: connectionCreated');
    expect(log).toMatch(new RegExp(`archive ${archive.id}: 100% \\(${size} of ${size} bytes\\)`));
    // The emulator's log shows every delivery as delivered.
    const deliveries = await (await fetch(`${emulator.url}/_emulator/callbacks`)).json();
    expect(deliveries.filter(({ event }) => event === 'archive').map(({ status }) => status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
  });

  it('refuses a body that is no callback, and takes callbacks only at its secret path', async () => {
    const bad = await fetch(base + SECRET_PATH, { method: 'POST', body: '{"event":"archive"' });
    expect(bad.status).toBe(400);
    const elsewhere = await fetch(`${base}/callbacks/guess`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(405);
  });

  it('never logs a token, the secret or the callback path', () => {
    const log = lines.join('\n');
    expect(log).not.toMatch(/T1==|eyJ/);
    expect(log).not.toContain(emulator.projects[0].apiSecret);
    expect(log).not.toContain(SECRET_PATH);
  });
});

/// <reference lib="dom" />
/**
 * The emulator's dashboard in headless Chromium (Debian's `chromium` driven by playwright-core,
 * as the token package's browser tests do), against the built `@opentok/emulator` and driven
 * from `@opentok/rest` as an app would: the page creates a session and joins a client, then
 * follows, without reload, what the SDK does (an archive reaching `available` and playing, a
 * signal, a callback delivery) and plants a fault the SDK's next call meets. A page served
 * from another local port cannot press the dashboard's buttons. Writes a screenshot of the
 * session page to `artifacts/dashboard-session.png`. Skipped, loudly, without a Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { type Client, createClient, ServerError } from '@opentok/rest';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((path): path is string => !!path);
const executablePath = candidates.find((path) => existsSync(path));
if (!executablePath) {
  console.warn(
    `\n!!! SKIPPED: the dashboard's Chromium tests did not run: no Chromium at ${candidates.join(' or ')}.` +
      '\n!!! Install one (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.\n',
  );
}

// Without the networking flags Chromium keeps trying to reach Google's services.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Starting a browser on a busy machine can take longer than vitest's hook default. */
const HOOK_TIMEOUT = 60_000;
/** How long the page may take to show a change (the live feed looks every 250 ms). */
const LIVE = { timeout: 20_000 };

const PROJECT = { apiKey: '4567890', apiSecret: 'beadbeadbeadbeadbeadbeadbeadbeadbeadbead' };
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

describe.skipIf(!executablePath)(`the emulator dashboard in Chromium (${executablePath ?? 'not found'})`, () => {
  let browser: Browser;
  let emulator: RunningEmulator;
  let hooks: Server;
  let rest: Client;
  const consoleErrors: string[] = [];
  const received: string[] = [];

  beforeAll(async () => {
    hooks = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    emulator = await startEmulator({
      projects: [
        { ...PROJECT, callbackUrl: { archive: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks` } },
      ],
      archiveProcessingMs: 300,
    });
    rest = createClient({ ...PROJECT, apiUrl: emulator.url, timeout: 10_000, retry: { limit: 0 } });
    browser = await chromium.launch({ executablePath: executablePath ?? '', args: FLAGS, headless: true });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    hooks?.closeAllConnections();
    await new Promise((resolve) => hooks?.close(resolve));
  }, HOOK_TIMEOUT);

  async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${emulator.url}${path}`);
    await page.locator('#live-status', { hasText: 'live' }).waitFor(LIVE);
    return page;
  }

  it('is where a browser opening the emulator lands; API clients still get a 404 there', async () => {
    const page = await open('/');
    expect(new URL(page.url()).pathname).toBe('/_emulator/dashboard');
    await expect(page.title()).resolves.toContain('OpenTok emulator');
    expect((await fetch(`${emulator.url}/`)).status).toBe(404);
    // The secret is not in the page until revealed.
    expect(await page.content()).not.toContain(PROJECT.apiSecret);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.locator(`[data-export="${PROJECT.apiKey}"]`, { hasText: PROJECT.apiSecret }).waitFor(LIVE);
    await page.close();
  });

  it('creates a session and joins a client from the UI, then follows the SDK live: archive, playback, signal, callback, fault', async () => {
    const page = await open('/');
    await page.getByLabel('Media mode', { exact: true }).selectOption('routed');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/_emulator\/dashboard\/sessions\//, LIVE);
    const sessionId = (await page.locator('[data-session-id]').getAttribute('data-session-id')) as string;
    await page.locator('#live-status', { hasText: 'live' }).waitFor(LIVE);

    // Join a moderator that publishes audio and video, named "Camera A".
    await page.getByLabel('Role', { exact: true }).selectOption('moderator');
    await page.getByLabel('Connection data', { exact: true }).fill('userId=42');
    await page.getByLabel('Publish', { exact: true }).selectOption('audio,video');
    await page.getByLabel('Stream name', { exact: true }).fill('Camera A');
    await page.getByRole('button', { name: 'Join client' }).click();
    await page.locator('#roster td', { hasText: 'userId=42' }).waitFor(LIVE);
    await page.locator('#roster td', { hasText: 'Camera A' }).waitFor(LIVE);
    const state = await emulator.state();
    const joined = state.sessions.find((session) => session.sessionId === sessionId);
    expect(joined?.connections).toMatchObject([{ role: 'moderator', data: 'userId=42' }]);
    expect(joined?.streams).toMatchObject([{ name: 'Camera A', hasAudio: true, hasVideo: true }]);

    // The SDK records; the page shows started, then available, without a reload.
    let reloads = 0;
    page.on('framenavigated', () => (reloads += 1));
    const archive = await rest.archives.start(sessionId, { name: 'demo' });
    await page.locator(`[data-archive-status="${archive.id}"]`, { hasText: 'started' }).waitFor(LIVE);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await rest.archives.stop(archive.id);
    await page.locator(`[data-archive-status="${archive.id}"]`, { hasText: 'available' }).waitFor(LIVE);
    const available = await rest.archives.get(archive.id);
    expect(available.status).toBe('available');

    // The MP4 plays in the page's <video>, with the archive's duration.
    const video = page.locator(`[data-archive-video="${archive.id}"]`);
    await video.waitFor(LIVE);
    const played = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<{ duration: number; width: number; error: string | null }>((resolve) => {
          const done = () =>
            resolve({ duration: element.duration, width: element.videoWidth, error: element.error?.message ?? null });
          if (element.readyState >= 2) done();
          element.addEventListener('loadeddata', done, { once: true });
          element.addEventListener('error', done, { once: true });
          element.preload = 'auto';
          element.load();
        }),
    );
    expect(played.error).toBeNull();
    expect(played.width).toBe(160);
    expect(played.duration).toBeGreaterThan(0);
    expect(Math.abs(played.duration - available.duration)).toBeLessThanOrEqual(1);

    // A signal sent by the SDK appears in the feed.
    await rest.sessions.signal(sessionId, { type: 'chat', data: 'hello from the SDK' });
    await page.locator('#feed li[data-event="signal"]', { hasText: 'hello from the SDK' }).waitFor(LIVE);

    // The archive callbacks appear among the deliveries (on the overview).
    const overview = await open('/_emulator/dashboard');
    await overview.locator('#callbacks [data-delivery-event="archive"]').first().waitFor(LIVE);
    await overview.locator('#callbacks td', { hasText: 'delivered' }).first().waitFor(LIVE);
    expect(received.length).toBeGreaterThan(0);

    // A fault planted from the UI makes the SDK's next call fail with it.
    await overview.getByLabel('Path (glob)', { exact: true }).fill('/v2/project/*/archive*');
    await overview.getByLabel('Status', { exact: true }).fill('503');
    await overview.getByRole('button', { name: 'Add fault' }).click();
    await overview.locator('#faults td', { hasText: '/v2/project/*/archive*' }).waitFor(LIVE);
    const failure = await rest.archives.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).status).toBe(503);
    await overview.locator('#faults .empty').waitFor(LIVE); // used up

    expect(reloads).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    // The action's status line (pinned to the bottom of the window) would cover the page's middle.
    await page.evaluate(() => {
      (document.getElementById('action-result') as HTMLElement).textContent = '';
    });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-session.png`, fullPage: true });
    // Readable on a phone-width window too.
    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
    await overview.close();
    expect(consoleErrors).toEqual([]);
  });

  it('refuses every action sent by a page on another local port', async () => {
    const before = (await emulator.state()).sessions.length;
    const target = `${emulator.url}/_emulator/dashboard/actions/create-session`;
    const evil = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>other site</title>
<form id="plain" method="post" action="${target}" enctype="text/plain" target="sink"><input name='{"a":"' value='"}'></form>
<form id="urlencoded" method="post" action="${target}" target="sink"><input name="mediaMode" value="routed"></form>
<iframe name="sink"></iframe>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      const statuses: number[] = [];
      page.on('response', (response) => {
        if (response.url() === target) statuses.push(response.status());
      });
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      // fetch with JSON needs a preflight the emulator never grants; a no-cors one cannot send JSON.
      const fetched = await page.evaluate(async (url) => {
        const results: string[] = [];
        for (const mode of ['cors', 'no-cors'] as const) {
          try {
            const answer = await fetch(url, {
              method: 'POST',
              mode,
              headers: { 'content-type': mode === 'cors' ? 'application/json' : 'text/plain' },
              body: '{}',
            });
            results.push(`${mode}:${answer.type}:${answer.status}`);
          } catch (error) {
            results.push(`${mode}:${(error as Error).name}`);
          }
        }
        return results;
      }, target);
      expect(fetched[0]).toBe('cors:TypeError');
      for (const id of ['plain', 'urlencoded']) {
        await Promise.all([
          page.waitForResponse((response) => response.url() === target),
          page.evaluate((form) => (document.getElementById(form) as HTMLFormElement).submit(), id),
        ]);
      }
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      for (const status of statuses) expect(status).toBe(403);
      await page.close();
      expect((await emulator.state()).sessions.length).toBe(before);
    } finally {
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});

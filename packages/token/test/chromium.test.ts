/**
 * The built package in headless Chromium (Debian's `chromium` driven by playwright-core):
 * the `default` build bundled for the browser, loaded by a page from a loopback server.
 * Skipped, loudly, where no Chromium is installed (`CHROMIUM_PATH` or /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAgreement, expectDefaultBuild } from './runtime/agreement.js';
import { bundleProbe } from './runtime/bundle.js';
import type { ProbeReport } from './runtime/probe.js';
import { nodeReference } from './runtime/reference.js';
import { expectRsaReport, RSA_APPLICATION } from './runtime/rsa-check.js';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((path): path is string => !!path);
const executablePath = candidates.find((path) => existsSync(path));
if (!executablePath) {
  console.warn(
    `\n!!! SKIPPED: the headless Chromium tests of @opentok/token did not run: no Chromium at ${candidates.join(' or ')}.` +
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

/** Starting a browser or workerd on a busy machine can take longer than vitest's 10 s hook default. */
const HOOK_TIMEOUT = 60_000;

describe.skipIf(!executablePath)(`headless Chromium (${executablePath ?? 'not found'})`, () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const { code, inputs } = await bundleProbe('browser');
    expectDefaultBuild(inputs);
    const files: Record<string, [string, string]> = {
      '/': ['text/html', '<!doctype html><title>probe</title><script src="/probe.js"></script>'],
      '/probe.js': ['text/javascript', code],
    };
    server = createServer((request, response) => {
      const [type, body] = files[request.url ?? ''] ?? ['text/plain', 'not found'];
      response.writeHead(type === 'text/plain' ? 404 : 200, { 'content-type': type }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: executablePath ?? '', args: FLAGS, headless: true });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  }, HOOK_TIMEOUT);

  it('runs the default build in a page: no Node globals, same tokens as the node build, both ways verified', async () => {
    const reference = await nodeReference();
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/`);
    const text = await page.evaluate(
      (foreign) => (globalThis as unknown as { runProbe(vectors: string[]): string }).runProbe(foreign),
      reference.report.vectors,
    );
    const report = JSON.parse(text) as ProbeReport;
    expect(pageErrors).toEqual([]);
    expect(report.runtime).toMatchObject({ hasProcess: false, hasBuffer: false, hasRequire: false, hasWindow: true });
    expect(report.runtime.userAgent).toContain('HeadlessChrome');
    expectAgreement(report, reference.report);
  });

  it('signs and verifies RS256 (a Vonage application) through the async functions and Web Crypto', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const text = await page.evaluate(
      (application) =>
        (globalThis as unknown as { runRsaProbe(application: unknown): Promise<string> }).runRsaProbe(application),
      RSA_APPLICATION,
    );
    expectRsaReport(text);
  });
});

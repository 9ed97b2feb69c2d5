/**
 * The built package in Cloudflare's workerd (through miniflare): a module worker, bundled
 * with wrangler's conditions, that signs and verifies tokens in its fetch handler.
 */
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAgreement, expectDefaultBuild } from './runtime/agreement.js';
import { bundleProbe } from './runtime/bundle.js';
import { CREDENTIALS, type ProbeReport } from './runtime/probe.js';
import { nodeBuild, nodeReference } from './runtime/reference.js';

/** Starting a browser or workerd on a busy machine can take longer than vitest's 10 s hook default. */
const HOOK_TIMEOUT = 60_000;

describe('workerd (miniflare)', () => {
  let worker: Miniflare;
  const origin = 'http://worker.test';

  beforeAll(async () => {
    const { code, inputs } = await bundleProbe('workerd');
    expectDefaultBuild(inputs);
    // No nodejs_compat flag: the worker sees only what workerd itself offers.
    worker = new Miniflare({ modules: true, script: code, compatibilityDate: '2025-07-01' });
    await worker.ready;
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await worker?.dispose();
  }, HOOK_TIMEOUT);

  it('runs the default build: no Node globals, same tokens as the node build, both ways verified', async () => {
    const reference = await nodeReference();
    const response = await worker.dispatchFetch(`${origin}/probe`, {
      method: 'POST',
      body: JSON.stringify(reference.report.vectors),
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ProbeReport;
    expect(report.runtime).toMatchObject({
      hasProcess: false,
      hasBuffer: false,
      hasRequire: false,
      hasWindow: false,
      userAgent: 'Cloudflare-Workers',
    });
    expectAgreement(report, reference.report);
  });

  it('hands out tokens the node build verifies, and verifies (or refuses) tokens from the node build', async () => {
    const sessionId = nodeBuild.encodeSessionId({ apiKey: CREDENTIALS.apiKey });
    for (const format of ['jwt', 't1'] as const) {
      const response = await worker.dispatchFetch(
        `${origin}/token?session=${sessionId}&role=moderator&format=${format}`,
      );
      expect(response.status).toBe(200);
      const claims = nodeBuild.verifyToken(await response.text(), CREDENTIALS);
      expect(claims).toMatchObject({ format, sessionId, role: 'moderator', apiKey: CREDENTIALS.apiKey });

      const token = nodeBuild.generateToken(CREDENTIALS, sessionId, { format, role: 'subscriber', data: 'a=1&b=2' });
      const verified = await worker.dispatchFetch(`${origin}/verify`, { method: 'POST', body: token });
      expect(await verified.json()).toEqual(nodeBuild.verifyToken(token, CREDENTIALS));

      const other = { apiKey: CREDENTIALS.apiKey, apiSecret: 'not the project secret' };
      const forged = nodeBuild.generateToken(other, sessionId, { format, role: 'moderator' });
      const refused = await worker.dispatchFetch(`${origin}/verify`, { method: 'POST', body: forged });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: 'InvalidTokenError', reason: 'signature' });
    }
    const missing = await worker.dispatchFetch(`${origin}/token?session=`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'InvalidSessionIdError' });
  });
});

import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, call, emulator, PARTNER_AUTH } from '../test/support.js';
import { ENDPOINTS, matchesTemplate } from './catalogue.js';
import { createEmulatorApp } from './create-emulator-app.js';
import { EmulatorState } from './state.js';

/** `:name` and `:name{pattern}` both become `:`, and no trailing slash. */
const normal = (path: string) =>
  path
    .replace(/:\w+\{.*\}$/, ':')
    .replace(/:\w+/g, ':')
    .replace(/\/+$/, '')
    .replace(/\/\*$/, '');

describe('the endpoint catalogue', () => {
  it('lists exactly the routes the app serves', () => {
    const state = new EmulatorState([{ apiKey: API_KEY, apiSecret: API_SECRET }], {
      processingMs: 0,
      pausedTimeoutMs: 0,
    });
    const app = createEmulatorApp({ state, sleep: async () => {}, log: () => {} });
    const served = new Set(
      app.routes.filter(({ method }) => method !== 'ALL').map(({ method, path }) => `${method} ${normal(path)}`),
    );
    const listed = new Set(ENDPOINTS.map(({ method, path }) => `${method} ${normal(path)}`));
    expect([...served].sort()).toEqual([...listed].sort());
  });

  it('matches templates segment by segment', () => {
    expect(matchesTemplate('/v2/project/:apiKey/archive/:archiveId', '/v2/project/1/archive/x')).toBe(true);
    expect(matchesTemplate('/v2/project/:apiKey/archive/:archiveId', '/v2/project/1/archive/x/')).toBe(true);
    expect(matchesTemplate('/v2/project/:apiKey/archive/:archiveId', '/v2/project/1/archive/')).toBe(false);
    expect(matchesTemplate('/v2/project/:apiKey/archive', '/v2/project/1/archive/x')).toBe(false);
  });

  it('answers unknown routes from it: 405 with Allow for a served path, else 404; serves the list', async () => {
    const { url } = await emulator();
    const wrongMethod = await fetch(`${url}/session/create`, {
      method: 'PUT',
      headers: { Accept: 'application/json' },
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await wrongMethod.json()).toEqual({ code: 405, message: 'Method not allowed' });
    const archive = await call('PUT', `${url}/v2/project/${API_KEY}/archive/00000000-0000-4000-8000-000000000000`);
    expect(archive.status).toBe(405);
    expect(archive.headers.get('allow')).toBe('GET, DELETE');
    expect((await fetch(`${url}/nothing/here`)).status).toBe(404);
    const listed = (await (await fetch(`${url}/_emulator/endpoints`)).json()) as typeof ENDPOINTS;
    expect(listed).toEqual(JSON.parse(JSON.stringify(ENDPOINTS)));
  });

  it('tolerates a trailing slash', async () => {
    const { url } = await emulator();
    expect((await call('GET', `${url}/v2/project/${API_KEY}/archive/`)).status).toBe(200);
  });
});

describe('the project authentication middleware', () => {
  it('guards every /v2/project/{apiKey}/ path, served or not, before any handler', async () => {
    const { url } = await emulator();
    for (const path of ['/archive', '/broadcast/x', '/session/x/stream', '/nothing']) {
      const answer = await fetch(`${url}/v2/project/${API_KEY}${path}`, { headers: { Accept: 'application/json' } });
      expect(answer.status, path).toBe(403);
      expect(await answer.json()).toEqual({ code: -1, message: 'No suitable authentication found' });
    }
    const other = await fetch(`${url}/v2/project/999/archive`, { headers: PARTNER_AUTH });
    expect(other.status).toBe(403);
    expect((await fetch(`${url}/v2/partner/999/archive`, { headers: PARTNER_AUTH })).status).toBe(403);
    expect((await fetch(`${url}/v2/project/${API_KEY}/nothing`, { headers: PARTNER_AUTH })).status).toBe(404);
  });
});

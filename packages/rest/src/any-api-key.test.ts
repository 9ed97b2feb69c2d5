import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowAnyApiKey, InvalidArgumentError } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreOf, createClient } from './client.js';
import { ServerError } from './errors.js';

let server: Server;
let apiUrl: string;
const seen: { path: string; auth: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', auth: String(request.headers['x-opentok-auth']) });
    if (request.url?.endsWith('/fail')) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"code":500}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"A","projectId":1,"extra":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());

describe('createClient with options marked by allowAnyApiKey', () => {
  it('refuses a key that is not digits unless marked', () => {
    expect(() => createClient({ apiKey: 'APIKEY', apiSecret: 'secret', apiUrl })).toThrow(InvalidArgumentError);
  });

  it('sends the key as given in paths and in the REST token', async () => {
    const client = createClient(allowAnyApiKey({ apiKey: 'APIKEY', apiSecret: 'secret', apiUrl, retry: 0 }));
    seen.length = 0;
    await client.archives.get('A').catch(() => undefined);
    expect(seen[0]?.path).toBe('/v2/project/APIKEY/archive/A');
    expect(claimsOf(seen[0]?.auth ?? '')).toMatchObject({ iss: 'APIKEY', ist: 'project' });
  });
});

describe('coreOf', () => {
  it('sends a call as the client does and hands back the answer unparsed', async () => {
    const send = coreOf(createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl }));
    const answer = await send({ method: 'GET', path: '/v2/project/{apiKey}/archive/{id}', params: { id: 'A' } });
    expect(answer).toMatchObject({
      status: 200,
      contentType: 'application/json',
      path: '/v2/project/123456/archive/A',
    });
    expect(JSON.parse(answer.body)).toEqual({ id: 'A', projectId: 1, extra: true });
    expect(() => coreOf({} as never)).toThrow(TypeError);
  });

  it("keeps the failed answer's body on the error", async () => {
    const send = coreOf(createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl, retry: 0 }));
    const error = await send({ method: 'GET', path: '/fail' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, body: '{"code":500}' });
  });
});

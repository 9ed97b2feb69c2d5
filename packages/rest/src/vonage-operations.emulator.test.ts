/**
 * Every operation of the client's table (`OPERATIONS`) once with a Vonage application against
 * the emulator over real HTTP. Each run must reach its own method and path with
 * `Authorization: Bearer <RS256 JWT>` (never `X-OPENTOK-AUTH`), get a 2xx answer that names the
 * owner `applicationId` (never `projectId` or `partnerId`), and hand back a typed result whose
 * `projectId` is the application ID. An operation added to the table without a run here fails
 * the first test. Then each route of the table refuses the other mode's tokens: a project's
 * HS256 token for the application, the application's RS256 token for a project, and an HS256
 * token keyed with the application's public key (algorithm confusion).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { generateRestToken, generateToken, InvalidArgumentError, type TokenOptions } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { AuthenticationError, InvalidRequestError } from './errors.js';
import { OPERATIONS, type OperationSummary } from './operations.js';

const keys = createApplicationKeys();
const { applicationId, privateKey, publicKey } = keys;
const application = { applicationId, privateKey };
const project = { apiKey: '123456', apiSecret: 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z' };

/** One request the client sent and what came back. */
interface Exchange {
  method: string;
  path: string;
  status: number;
  authorization: string | null;
  openTokAuth: string | null;
  body: string;
}
const exchanges: Exchange[] = [];

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
let site: Server;
let siteUrl: string;
const upgrades: Duplex[] = [];
beforeAll(async () => {
  emulator = await startEmulator({
    projects: [project],
    applications: [keys],
    archiveProcessingMs: 0,
    log: () => {},
  });
  client = createClient({
    ...application,
    apiUrl: emulator.url,
    retry: 0,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      const headers = new Headers(init?.headers);
      exchanges.push({
        method: init?.method ?? 'GET',
        path: new URL(String(url)).pathname,
        status: response.status,
        authorization: headers.get('authorization'),
        openTokAuth: headers.get('x-opentok-auth'),
        body: await response.clone().text(),
      });
      return response;
    },
  });
  // A page for renders; a WebSocket upgrade that is never answered for the Audio Connector.
  site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>stage</p>');
  });
  site.on('upgrade', (_request, socket) => upgrades.push(socket));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator?.close();
  site?.closeAllConnections();
  for (const socket of upgrades) socket.destroy();
  await new Promise((resolve) => site?.close(resolve));
});

const token = (sessionId: string, options: TokenOptions = {}) => generateToken(application, sessionId, options);

/** A routed session of the application with `count` publishing clients, joined with RS256 tokens. */
async function live(count = 1) {
  const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
  const clients: Array<{ connectionId: string; streamId: string }> = [];
  for (let index = 0; index < count; index++) {
    const joined = await emulator.connect(sessionId, token(sessionId), { publish: true });
    clients.push({ connectionId: joined.connectionId, streamId: joined.streamId ?? '' });
  }
  return { sessionId, clients, streamId: clients[0]?.streamId ?? '', connectionId: clients[0]?.connectionId ?? '' };
}

async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 10 s');
}

/** One run of an operation: it may call others to set up, and returns the operation's own result. */
type Run = (made: Client) => Promise<unknown>;

/**
 * A run per operation of the table. `owner` marks the answers that name their owner
 * (`applicationId`): with `'typed'` the typed result must carry it as `projectId` too (a
 * connection list's typed result keeps only its count and items).
 */
const RUNS: Record<string, { run: Run; owner?: 'typed' | 'answer' }> = {
  'sessions.create': { run: (made) => made.sessions.create({ mediaMode: 'routed', archiveMode: 'manual' }) },
  'sessions.signal': {
    run: async (made) => made.sessions.signal((await live()).sessionId, { type: 'chat', data: 'hello' }),
  },
  'sessions.muteAll': {
    run: async (made) => {
      const { sessionId, clients } = await live(2);
      return made.sessions.muteAll(sessionId, { excludedStreamIds: [clients[1]!.streamId] });
    },
  },
  'sessions.disableForceMute': {
    run: async (made) => {
      const { sessionId } = await live();
      await made.sessions.muteAll(sessionId);
      return made.sessions.disableForceMute(sessionId);
    },
  },
  'connections.list': {
    run: async (made) => {
      const { sessionId, clients } = await live(2);
      const list = await made.connections.list(sessionId);
      expect(list.items.map((item) => item.connectionId)).toEqual(clients.map((one) => one.connectionId));
      return list;
    },
    owner: 'answer',
  },
  'connections.disconnect': {
    run: async (made) => {
      const { sessionId, clients } = await live(2);
      await made.connections.disconnect(sessionId, clients[1]!.connectionId);
      expect((await made.connections.list(sessionId)).count).toBe(1);
    },
  },
  'connections.signal': {
    run: async (made) => {
      const { sessionId, connectionId } = await live();
      return made.connections.signal(sessionId, connectionId, { data: 'just you' });
    },
  },
  'streams.list': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      const list = await made.streams.list(sessionId);
      expect(list.items.map((item) => item.id)).toEqual([streamId]);
      return list;
    },
  },
  'streams.get': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      return made.streams.get(sessionId, streamId);
    },
  },
  'streams.setClassLists': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      await made.streams.setClassLists(sessionId, [{ id: streamId, layoutClassList: ['full'] }]);
      expect((await made.streams.get(sessionId, streamId)).layoutClassList).toEqual(['full']);
    },
  },
  'streams.mute': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      return made.streams.mute(sessionId, streamId);
    },
  },
  'archives.start': {
    run: async (made) => made.archives.start((await live()).sessionId, { name: 'vonage' }),
    owner: 'typed',
  },
  'archives.stop': {
    run: async (made) => made.archives.stop((await made.archives.start((await live()).sessionId)).id),
    owner: 'typed',
  },
  'archives.get': {
    run: async (made) => made.archives.get((await made.archives.start((await live()).sessionId)).id),
    owner: 'typed',
  },
  'archives.list': {
    run: async (made) => {
      const { sessionId } = await live();
      await made.archives.start(sessionId);
      return made.archives.list({ sessionId });
    },
    owner: 'typed',
  },
  'archives.delete': {
    run: async (made) => {
      const { id } = await made.archives.start((await live()).sessionId);
      await made.archives.stop(id);
      return made.archives.delete(id);
    },
  },
  'archives.setLayout': {
    run: async (made) => {
      const { id } = await made.archives.start((await live()).sessionId, { outputMode: 'composed' });
      return made.archives.setLayout(id, { type: 'bestFit' });
    },
  },
  'archives.addStream': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      const { id } = await made.archives.start(sessionId, { streamMode: 'manual' });
      return made.archives.addStream(id, streamId);
    },
  },
  'archives.removeStream': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      const { id } = await made.archives.start(sessionId, { streamMode: 'manual' });
      await made.archives.addStream(id, streamId);
      return made.archives.removeStream(id, streamId);
    },
  },
  'broadcasts.start': {
    run: async (made) => made.broadcasts.start((await live()).sessionId, { outputs: { hls: {} } }),
    owner: 'typed',
  },
  'broadcasts.stop': {
    run: async (made) => {
      const { id } = await made.broadcasts.start((await live()).sessionId, { outputs: { hls: {} } });
      return made.broadcasts.stop(id);
    },
    owner: 'typed',
  },
  'broadcasts.get': {
    run: async (made) => {
      const { id } = await made.broadcasts.start((await live()).sessionId, { outputs: { hls: {} } });
      return made.broadcasts.get(id);
    },
    owner: 'typed',
  },
  'broadcasts.list': {
    run: async (made) => {
      const { sessionId } = await live();
      await made.broadcasts.start(sessionId, { outputs: { hls: {} } });
      return made.broadcasts.list({ sessionId });
    },
    owner: 'typed',
  },
  'broadcasts.setLayout': {
    run: async (made) => {
      const { id } = await made.broadcasts.start((await live()).sessionId, { outputs: { hls: {} } });
      return made.broadcasts.setLayout(id, { type: 'pip' });
    },
  },
  'broadcasts.addStream': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      const { id } = await made.broadcasts.start(sessionId, { outputs: { hls: {} }, streamMode: 'manual' });
      return made.broadcasts.addStream(id, streamId);
    },
  },
  'broadcasts.removeStream': {
    run: async (made) => {
      const { sessionId, streamId } = await live();
      const { id } = await made.broadcasts.start(sessionId, { outputs: { hls: {} }, streamMode: 'manual' });
      await made.broadcasts.addStream(id, streamId);
      return made.broadcasts.removeStream(id, streamId);
    },
  },
  'sip.dial': {
    run: async (made) => {
      const { sessionId } = await live();
      return made.sip.dial(sessionId, token(sessionId, { data: 'phone' }), { uri: 'sip:alice@sip.example.com' });
    },
    owner: 'typed',
  },
  'sip.playDtmf': {
    run: async (made) => {
      const { sessionId } = await live();
      await made.sip.dial(sessionId, token(sessionId), { uri: 'sip:alice@sip.example.com' });
      return made.sip.playDtmf(sessionId, '1713#');
    },
  },
  'sip.playDtmfToConnection': {
    run: async (made) => {
      const { sessionId } = await live();
      const call = await made.sip.dial(sessionId, token(sessionId), { uri: 'sip:alice@sip.example.com' });
      return made.sip.playDtmfToConnection(sessionId, call.connectionId, '9p*');
    },
  },
  'renders.start': {
    run: async (made) => {
      const { sessionId } = await live();
      return made.renders.start({ sessionId, token: token(sessionId), url: `${siteUrl}/stage-view` });
    },
    owner: 'typed',
  },
  'renders.get': {
    run: async (made) => {
      const { sessionId } = await live();
      const { id } = await made.renders.start({ sessionId, token: token(sessionId), url: `${siteUrl}/stage-view` });
      return made.renders.get(id);
    },
    owner: 'typed',
  },
  'renders.list': {
    run: async (made) => {
      const { sessionId } = await live();
      await made.renders.start({ sessionId, token: token(sessionId), url: `${siteUrl}/stage-view` });
      return made.renders.list({ count: 50 });
    },
    owner: 'typed',
  },
  'renders.stop': {
    run: async (made) => {
      const { sessionId } = await live();
      const { id } = await made.renders.start({ sessionId, token: token(sessionId), url: `${siteUrl}/stage-view` });
      await waitFor(async () => ((await made.renders.get(id)).status === 'started' ? true : undefined));
      return made.renders.stop(id);
    },
  },
  'captions.start': {
    run: async (made) => {
      const { sessionId } = await live();
      return made.captions.start(sessionId, token(sessionId, { role: 'moderator' }), { languageCode: 'en-US' });
    },
  },
  'captions.stop': {
    run: async (made) => {
      const { sessionId } = await live();
      const { captionsId } = await made.captions.start(sessionId, token(sessionId, { role: 'moderator' }));
      return made.captions.stop(captionsId);
    },
  },
  'captions.get': {
    run: async (made) => {
      const { sessionId } = await live();
      const { captionsId } = await made.captions.start(sessionId, token(sessionId, { role: 'moderator' }));
      return made.captions.get(captionsId);
    },
    owner: 'typed',
  },
  'audioConnector.start': {
    run: async (made) => {
      const { sessionId } = await live();
      return made.audioConnector.start(sessionId, token(sessionId), { uri: `${siteUrl.replace('http', 'ws')}/audio` });
    },
  },
  'audioConnector.stop': {
    run: async (made) => {
      const { sessionId } = await live();
      const { id } = await made.audioConnector.start(sessionId, token(sessionId), {
        uri: `${siteUrl.replace('http', 'ws')}/audio`,
      });
      return made.audioConnector.stop(id);
    },
  },
  'callbacks.register': {
    run: (made) => made.callbacks.register({ group: 'archive', event: 'status', url: 'https://example.com/a' }),
  },
  'callbacks.list': {
    run: async (made) => {
      const { id } = await made.callbacks.register({
        group: 'connection',
        event: 'created',
        url: 'https://example.com/c',
      });
      const list = await made.callbacks.list();
      expect(list.map((item) => item.id)).toContain(id);
      return list;
    },
  },
  'callbacks.unregister': {
    run: async (made) => {
      const { id } = await made.callbacks.register({ group: 'stream', event: 'created', url: 'https://example.com/s' });
      await made.callbacks.unregister(id);
      expect((await made.callbacks.list()).map((item) => item.id)).not.toContain(id);
    },
  },
};

/** The OpenTok 1.0 archive API takes a project: an application's client refuses it before sending. */
const REFUSED: Record<string, Run> = {
  'legacy.getArchiveManifest': (made) => made.legacy.getArchiveManifest('00000000-0000-4000-8000-000000000000'),
  'legacy.getArchiveDownloadUrl': (made) =>
    made.legacy.getArchiveDownloadUrl('00000000-0000-4000-8000-000000000000', 'v1'),
};

/** A regular expression for an operation's path with the application's ID and any parameters. */
const pathPattern = ({ path }: OperationSummary) =>
  new RegExp(`^${path.replace('{apiKey}', applicationId).replace(/\{\w+\}/g, '[^/]+')}$`);

/** Every `projectId` found in a typed result, at any depth. */
function projectIds(value: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) projectIds(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'projectId') found.push(item);
      else projectIds(item, found);
    }
  }
  return found;
}

/** The `alg` of a JWT's JOSE header. */
const algorithm = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()).alg;

describe('every operation of the table with a Vonage application', () => {
  it('has a run here (a new operation without one fails)', () => {
    const names = OPERATIONS.map(({ name }) => name).sort();
    expect([...Object.keys(RUNS), ...Object.keys(REFUSED)].sort()).toEqual(names);
  });

  for (const operation of OPERATIONS) {
    const planned = RUNS[operation.name];
    if (!planned) continue;
    it(`${operation.name}: Bearer RS256, applicationId in the answer, projectId in the result`, async () => {
      const from = exchanges.length;
      const result = await planned.run(client);
      const sent = exchanges.slice(from);
      expect(sent.length).toBeGreaterThan(0);
      for (const { authorization, openTokAuth } of sent) {
        expect(openTokAuth).toBeNull();
        expect(authorization).toMatch(/^Bearer eyJ/);
        expect(algorithm(authorization!.slice(7))).toBe('RS256');
      }
      const pattern = pathPattern(operation);
      const own = sent.filter(({ method, path }) => method === operation.method && pattern.test(path));
      expect(own.length, `${operation.method} ${operation.path}`).toBeGreaterThan(0);
      for (const { status, body } of own) {
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(300);
        expect(body).not.toMatch(/"(projectId|partnerId)"/);
        if (planned.owner) expect(body).toContain(`"applicationId":"${applicationId}"`);
      }
      const owners = projectIds(result);
      if (planned.owner === 'typed') expect(owners.length).toBeGreaterThan(0);
      for (const owner of owners) expect(owner).toBe(applicationId);
    });
  }

  for (const [name, run] of Object.entries(REFUSED)) {
    it(`${name}: refused before sending, as the 1.0 API takes a project`, async () => {
      const from = exchanges.length;
      const error = await run(client).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/takes a project/);
      expect(exchanges.length).toBe(from);
    });
  }
});

describe('each route of the table refuses the other mode’s tokens', () => {
  let applicationSession: string;
  let projectSession: string;
  beforeAll(async () => {
    applicationSession = (await live()).sessionId;
    const projectClient = createClient({ ...project, apiUrl: emulator.url, retry: 0 });
    projectSession = (await projectClient.sessions.create({ mediaMode: 'routed' })).sessionId;
  });

  /** HS256 over the claims of an application's REST token, keyed with its public key's PEM text. */
  function confused(): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ application_id: applicationId, iat: now, exp: now + 300, jti: 'x' })}`;
    return `${input}.${createHmac('sha256', publicKey).update(input).digest('base64url')}`;
  }

  async function status(operation: OperationSummary, owner: string, headers: Record<string, string>) {
    const sessionId = owner === applicationId ? applicationSession : projectSession;
    const path = operation.path
      .replace('{apiKey}', owner)
      .replace('{sessionId}', sessionId)
      .replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    const response = await fetch(`${emulator.url}${path}`, {
      method: operation.method,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
      ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { body: JSON.stringify({ sessionId }) }),
    });
    await response.body?.cancel();
    return response.status;
  }

  const scoped = OPERATIONS.filter(({ path }) => path.includes('{apiKey}'));
  for (const operation of scoped) {
    it(`${operation.method} ${operation.path}`, async () => {
      const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
      const projectToken = generateRestToken(project);
      const applicationToken = generateRestToken(application);
      // The right token on the right path gets past authentication (whatever the answer then is).
      expect(await status(operation, applicationId, bearer(applicationToken))).not.toBe(403);
      expect(await status(operation, project.apiKey, { 'x-opentok-auth': projectToken })).not.toBe(403);
      // Each mode's token for the other: refused.
      expect(await status(operation, applicationId, { 'x-opentok-auth': projectToken })).toBe(403);
      expect(await status(operation, applicationId, bearer(projectToken))).toBe(403);
      expect(await status(operation, applicationId, { 'x-opentok-auth': applicationToken })).toBe(403);
      expect(await status(operation, applicationId, bearer(confused()))).toBe(403);
      expect(await status(operation, project.apiKey, bearer(applicationToken))).toBe(403);
      expect(await status(operation, project.apiKey, { 'x-opentok-auth': applicationToken })).toBe(403);
    });
  }

  it('sessions.create: only the application’s own RS256 Bearer token creates its sessions', async () => {
    const create = (headers: Record<string, string>) =>
      fetch(`${emulator.url}/session/create`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'p2p.preference=disabled',
      }).then(async (response) => {
        await response.body?.cancel();
        return response.status;
      });
    expect(await create({ authorization: `Bearer ${generateRestToken(application)}` })).toBe(200);
    expect(await create({ authorization: `Bearer ${confused()}` })).toBe(403);
    expect(await create({ 'x-opentok-auth': generateRestToken(application) })).toBe(403);
    expect(await create({ authorization: `Bearer ${generateRestToken(project)}` })).toBe(403);
  });

  it('the connectors refuse an HS256 client token for an application’s session', async () => {
    const { sessionId } = await live();
    const now = Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      application_id: applicationId,
      scope: 'session.connect',
      session_id: sessionId,
      role: 'moderator',
      iat: now,
      exp: now + 600,
      nonce: 1,
    };
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const hs256 = `${input}.${createHmac('sha256', publicKey).update(input).digest('base64url')}`;
    const refusals = [
      client.sip.dial(sessionId, hs256, { uri: 'sip:alice@sip.example.com' }),
      client.renders.start({ sessionId, token: hs256, url: `${siteUrl}/stage-view` }),
      client.captions.start(sessionId, hs256),
      client.audioConnector.start(sessionId, hs256, { uri: 'ws://127.0.0.1:9/audio' }),
    ];
    for (const refusal of refusals) {
      const error = await refusal.catch((caught: unknown) => caught);
      expect(error instanceof InvalidRequestError || error instanceof AuthenticationError, String(error)).toBe(true);
    }
  });
});

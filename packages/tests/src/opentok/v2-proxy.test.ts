/**
 * The 2.x constructor's `proxy` option, end to end: `new OpenTok(key, secret, { apiUrl, proxy })`
 * against `@opentok/emulator`, through a small forward proxy made here with `node:http`. The
 * proxy tunnels `CONNECT` (what undici's `ProxyAgent` sends) and forwards plain requests, and
 * records every request line that passes, so each call can be checked to have gone through it.
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import type * as opentokModule from 'opentok';
import type OpenTokDefault from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from './emulator-helpers.js';

const require = createRequire(import.meta.url);
const OpenTok = require('opentok') as typeof OpenTokDefault & typeof opentokModule;
const { Archive, InvalidArgumentError, NetworkError, Session } = OpenTok;

/** What the proxy saw: the CONNECT requests (with their headers) and each request line inside or beside them. */
interface ProxyLog {
  connects: { target: string; headers: IncomingMessage['headers'] }[];
  requests: string[];
}

interface TestProxy {
  url: string;
  port: number;
  log: ProxyLog;
  close(): Promise<void>;
}

/** A request line; not anchored, since one may follow the previous request's body directly. */
const REQUEST_LINE = /(GET|POST|PUT|PATCH|DELETE|HEAD) (\/\S*) HTTP\/1\.1\r\n/g;

/**
 * A forward proxy on loopback. With `credentials`, it answers 407 unless `Proxy-Authorization`
 * carries them, as an authenticating proxy does.
 */
async function startProxy(credentials?: { user: string; password: string }): Promise<TestProxy> {
  const log: ProxyLog = { connects: [], requests: [] };
  const sockets = new Set<Socket>();
  const expected =
    credentials && `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  const allowed = (message: IncomingMessage) => !expected || message.headers['proxy-authorization'] === expected;
  const server: Server = createServer((incoming, outgoing) => {
    // A plain forward request: the request line names the absolute URL.
    log.requests.push(`${incoming.method} ${new URL(incoming.url ?? '/').pathname}`);
    if (!allowed(incoming)) return void outgoing.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
    const target = new URL(incoming.url ?? '/');
    const { 'proxy-authorization': _, 'proxy-connection': __, ...headers } = incoming.headers;
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: incoming.method,
        headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    log.connects.push({ target: incoming.url ?? '', headers: incoming.headers });
    if (!allowed(incoming)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const [host, port] = (incoming.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      // The tunnelled bytes of an http: target are readable: record each request line.
      let seen = '';
      client.on('data', (chunk: Buffer) => {
        seen += chunk.toString('latin1');
        for (const match of seen.matchAll(REQUEST_LINE)) log.requests.push(`${match[1]} ${match[2]}`);
        // Keep only what follows the last line break: a request line cut between two chunks.
        seen = seen.slice(seen.lastIndexOf('\r\n') + 2);
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const userinfo = credentials ? `${credentials.user}:${credentials.password}@` : '';
  return {
    url: `http://${userinfo}127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Settled = [Error | null, ...unknown[]];
/** Calls a 2.x method with a callback; resolves with everything the callback got. */
function viaCallback(start: (callback: (...outcome: Settled) => void) => unknown): Promise<Settled> {
  return new Promise((resolve) => {
    const returned = start((...outcome) => resolve(outcome));
    expect(returned).toBeUndefined();
  });
}

/** A port nothing listens on (listened on, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Everything an error shows: message, `util.inspect` (stack, fields, the cause chain). */
const shown = (error: unknown) => `${(error as Error).message}\n${inspect(error, { depth: 10 })}`;

let emulator: RunningEmulator;
let apiKey: string;
let apiSecret: string;
let proxy: TestProxy;

beforeAll(async () => {
  emulator = await startEmulator({ archiveProcessingMs: 20, log: () => {} });
  const [project] = emulator.projects;
  apiKey = project!.apiKey;
  apiSecret = project!.apiSecret;
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
});

/** Runs `call` and returns the request lines the proxy saw meanwhile. */
async function seenDuring(log: ProxyLog, call: () => Promise<unknown>): Promise<string[]> {
  const before = log.requests.length;
  await call();
  return log.requests.slice(before);
}

describe('proxy: every request goes through it', () => {
  it('with callbacks: createSession, startArchive, getArchive, listArchives, stopArchive, signal', async () => {
    const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: proxy.url });
    const path = `/v2/project/${apiKey}`;
    let session: InstanceType<typeof Session> | undefined;
    expect(
      await seenDuring(proxy.log, async () => {
        const [error, created] = await viaCallback((done) => opentok.createSession({ mediaMode: 'routed' }, done));
        expect(error).toBeNull();
        session = created as InstanceType<typeof Session>;
      }),
    ).toEqual(['POST /session/create']);
    expect(session).toBeInstanceOf(Session);
    const sessionId = session!.sessionId;
    // Token signing is offline: nothing goes to the proxy.
    expect(await seenDuring(proxy.log, async () => opentok.generateToken(sessionId))).toEqual([]);
    expect((await join(emulator.url, sessionId, opentok.generateToken(sessionId))).status).toBe(201);

    let archive: InstanceType<typeof Archive> | undefined;
    expect(
      await seenDuring(proxy.log, async () => {
        const [error, started] = await viaCallback((done) =>
          opentok.startArchive(sessionId, { name: 'proxied' }, done),
        );
        expect(error).toBeNull();
        archive = started as InstanceType<typeof Archive>;
      }),
    ).toEqual([`POST ${path}/archive`]);
    expect(archive).toBeInstanceOf(Archive);
    const archiveId = archive!.id;
    expect(
      await seenDuring(proxy.log, async () => {
        const [error, read] = await viaCallback((done) => opentok.getArchive(archiveId, done));
        expect([error, (read as { name: string }).name]).toEqual([null, 'proxied']);
      }),
    ).toEqual([`GET ${path}/archive/${archiveId}`]);
    expect(
      await seenDuring(proxy.log, async () => {
        const [error, items, total] = await viaCallback((done) => opentok.listArchives({ sessionId }, done));
        expect([error, (items as unknown[]).length, total]).toEqual([null, 1, 1]);
      }),
    ).toEqual([`GET ${path}/archive?sessionId=${sessionId}`]);
    expect(
      await seenDuring(proxy.log, async () => {
        const [error, stopped] = await viaCallback((done) => opentok.stopArchive(archiveId, done));
        expect([error, (stopped as { status: string }).status]).toEqual([null, 'stopped']);
      }),
    ).toEqual([`POST ${path}/archive/${archiveId}/stop`]);
    expect(
      await seenDuring(proxy.log, async () => {
        const [error] = await viaCallback((done) =>
          opentok.signal(sessionId, null, { type: 'chat', data: 'hi' }, done),
        );
        expect(error).toBeNull();
      }),
    ).toEqual([`POST ${path}/session/${sessionId}/signal`]);
  });

  it('with promises, and the modern API of the same object', async () => {
    const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: proxy.url });
    const path = `/v2/project/${apiKey}`;
    let sessionId = '';
    expect(
      await seenDuring(proxy.log, async () => {
        ({ sessionId } = await opentok.createSession({ mediaMode: 'routed' }));
      }),
    ).toEqual(['POST /session/create']);
    expect((await join(emulator.url, sessionId, opentok.generateToken(sessionId))).status).toBe(201);
    let archiveId = '';
    expect(
      await seenDuring(proxy.log, async () => {
        archiveId = (await opentok.startArchive(sessionId, { name: 'promised' })).id;
      }),
    ).toEqual([`POST ${path}/archive`]);
    expect(await seenDuring(proxy.log, () => opentok.stopArchive(archiveId))).toEqual([
      `POST ${path}/archive/${archiveId}/stop`,
    ]);
    expect(await seenDuring(proxy.log, () => opentok.listStreams(sessionId))).toEqual([
      `GET ${path}/session/${sessionId}/stream`,
    ]);
    expect(await seenDuring(proxy.log, () => opentok.archives.get(archiveId))).toEqual([
      `GET ${path}/archive/${archiveId}`,
    ]);
    // Deleting needs the recording processed ("available"); the emulator takes a few milliseconds.
    while ((await opentok.getArchive(archiveId)).status !== 'available') await new Promise((go) => setTimeout(go, 10));
    expect(await seenDuring(proxy.log, () => opentok.deleteArchive(archiveId))).toEqual([
      `DELETE ${path}/archive/${archiveId}`,
    ]);
  });

  it('tunnels with CONNECT to the API host; the CONNECT carries neither the auth header nor the secret', () => {
    const { host } = new URL(emulator.url);
    expect(proxy.log.connects.length).toBeGreaterThan(0);
    for (const { target, headers } of proxy.log.connects) {
      expect(target).toBe(host);
      expect(headers['x-opentok-auth']).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(apiSecret);
    }
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization, and a wrong password fails without showing it', async () => {
    const guarded = await startProxy({ user: 'ops', password: 'hunter2-proxy' });
    try {
      const opentok = OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: guarded.url });
      const session = await opentok.createSession();
      expect(session.sessionId).toMatch(/^[12]_/);
      expect(guarded.log.requests).toEqual(['POST /session/create']);
      expect(guarded.log.connects[0]?.headers['proxy-authorization']).toBe(
        `Basic ${Buffer.from('ops:hunter2-proxy').toString('base64')}`,
      );

      const wrong = guarded.url.replace('hunter2-proxy', 'not-the-password');
      const refused = OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: wrong });
      const [error] = await viaCallback((done) => refused.createSession({}, done));
      expect(NetworkError.isInstance(error)).toBe(true);
      expect(error?.message).toContain(`through the proxy http://127.0.0.1:${guarded.port}`);
      expect(error?.message).toMatch(/^Failed to createSession\. /);
      const text = shown(error);
      for (const secret of ['not-the-password', 'hunter2-proxy', apiSecret, 'ops:']) expect(text).not.toContain(secret);
    } finally {
      await guarded.close();
    }
  });

  it('a proxy that is down: a typed network error naming the proxy host, no credentials', async () => {
    const port = await closedPort();
    const opentok = new OpenTok(apiKey, apiSecret, {
      apiUrl: emulator.url,
      proxy: `http://ops:hunter2-down@127.0.0.1:${port}`,
      timeout: 20_000,
    });
    const [error] = await viaCallback((done) => opentok.createSession({}, done));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error?.message).toContain(`127.0.0.1:${port}`);
    expect(error?.message).toContain(`through the proxy http://127.0.0.1:${port}`);
    await expect(opentok.getArchive('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NetworkError);
    const text = shown(error);
    for (const secret of ['hunter2-down', 'ops:', apiSecret]) expect(text).not.toContain(secret);
  });
});

/**
 * A proxy that refuses every tunnel: it answers `CONNECT` with `status`, or, without a status,
 * closes the connection unanswered (as a proxy without `CONNECT` support does). Counts the
 * connections made to it.
 */
async function startRefusingProxy(
  status?: number,
): Promise<{ url: string; port: number; attempts: () => number; close(): Promise<void> }> {
  let attempts = 0;
  const server = createServer((_incoming, outgoing) => void outgoing.writeHead(405).end());
  server.on('connection', () => attempts++);
  server.on('connect', (_incoming: IncomingMessage, client: Socket) => {
    client.on('error', () => {});
    if (status === undefined) return void client.destroy();
    client.end(
      `HTTP/1.1 ${status} Refused\r\nProxy-Authenticate: Basic\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<b>no</b>`,
    );
  });
  if (status === undefined) server.removeAllListeners('connect');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://ops:hunter2-refused@127.0.0.1:${port}`,
    port,
    attempts: () => attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('proxy: a refused tunnel is asked for once, and the answer is reported', () => {
  it.each([407, 403, 502])('a proxy answering CONNECT with %i', async (status) => {
    const refusing = await startRefusingProxy(status);
    try {
      const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: refusing.url, timeout: 20_000 });
      const [error] = await viaCallback((done) => opentok.createSession({}, done));
      expect(NetworkError.isInstance(error)).toBe(true);
      expect(error?.message).toContain(`the proxy answered ${status} to CONNECT`);
      expect(error?.message).toContain(`(through the proxy http://127.0.0.1:${refusing.port})`);
      if (status === 407) expect(error?.message).toContain('check the credentials in the proxy URL');
      expect(refusing.attempts()).toBeLessThanOrEqual(2);
      for (const secret of ['hunter2-refused', 'ops:', apiSecret]) expect(shown(error)).not.toContain(secret);
    } finally {
      await refusing.close();
    }
  });

  it('a proxy that closes the connection without answering CONNECT', async () => {
    const refusing = await startRefusingProxy();
    try {
      const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: refusing.url, timeout: 20_000 });
      const [error] = await viaCallback((done) => opentok.createSession({}, done));
      expect(NetworkError.isInstance(error)).toBe(true);
      expect(error?.message).toContain('the proxy closed the connection without answering CONNECT');
      expect(refusing.attempts()).toBeLessThanOrEqual(2);
      for (const secret of ['hunter2-refused', 'ops:', apiSecret]) expect(shown(error)).not.toContain(secret);
    } finally {
      await refusing.close();
    }
  });
});

describe('proxy: redirects are not followed', () => {
  it('an API answering 302 or 307 to another origin: RedirectError, the other origin hears nothing', async () => {
    const heard: string[] = [];
    const other = createServer((incoming, outgoing) => {
      heard.push(`${incoming.method} ${incoming.url}`);
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    let status = 302;
    const api = createServer((_incoming, outgoing) => {
      outgoing.writeHead(status, { location: `${otherOrigin}/collect?q=query-secret` }).end();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    try {
      const opentok = new OpenTok(apiKey, apiSecret, { apiUrl, proxy: proxy.url });
      for (const code of [302, 307]) {
        status = code;
        const [error] = await viaCallback((done) => opentok.createSession({}, done));
        expect(OpenTok.RedirectError.isInstance(error)).toBe(true);
        expect(error?.message).toContain(`failed with ${code}`);
        expect(error?.message).toContain(`to ${otherOrigin}`);
        expect(shown(error)).not.toContain('query-secret');
      }
      await expect(opentok.getArchive('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/failed with 307/);
      expect(heard).toEqual([]);
    } finally {
      for (const server of [api, other]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});

describe('proxy: checked when the object is built', () => {
  it.each([
    ['not a url', /proxy is not a valid URL/],
    ['http://ops:hunter2@', /proxy is not a valid URL/],
    ['ftp://ops:hunter2@proxy.example.com', /http: or https: URL .*\(ftp: is not supported\)/],
    ['socks5://ops:hunter2@proxy.example.com:1080', /\(socks5: is not supported\)/],
    [3128, /proxy must be a URL string .* not a number/],
    [{ host: 'proxy', password: 'hunter2' }, /not an object/],
  ])('refuses %j synchronously, without repeating it', (value, message) => {
    let thrown: unknown;
    try {
      new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: value as string });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as InstanceType<typeof InvalidArgumentError>).argument).toBe('proxy');
    expect((thrown as Error).message).toMatch(message);
    expect(shown(thrown)).not.toContain('hunter2');
  });

  it('takes an empty proxy as none, and refuses a proxy beside a fetch of its own', async () => {
    const direct = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, proxy: '' });
    const before = proxy.log.requests.length;
    expect((await direct.createSession()).sessionId).toBeTruthy();
    expect(proxy.log.requests.length).toBe(before);
    expect(() => new OpenTok(apiKey, apiSecret, { proxy: proxy.url, fetch: globalThis.fetch })).toThrow(
      /either proxy or fetch/,
    );
  });
});

/** Runs `source` in a fresh Node process (CommonJS unless `flags` say otherwise, from this package); resolves with its stdout and exit code. */
function runNode(
  source: string,
  env: Record<string, string>,
  flags: string[] = [],
): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '-e', source], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, code }));
  });
}

describe('proxy: undici is loaded only when a proxy is given', () => {
  const script = `
    const OpenTok = require('opentok');
    const loaded = () => Object.keys(require.cache).some((file) => /[\\\\/]undici[\\\\/]/.test(file));
    const atRequire = loaded();
    const opentok = new OpenTok(process.env.KEY, process.env.SECRET, { apiUrl: process.env.URL, proxy: process.env.PROXY });
    const afterConstructor = loaded();
    opentok.createSession({}, (error, session) => {
      console.log(JSON.stringify({ atRequire, afterConstructor, afterRequest: loaded(), ok: !error && !!session.sessionId }));
    });`;

  it('not at require, nor for an object without a proxy; on the first request with one, and the process still ends by itself', async () => {
    const env = { KEY: apiKey, SECRET: apiSecret, URL: emulator.url };
    const direct = await runNode(script, { ...env, PROXY: '' });
    expect(direct.code).toBe(0);
    expect(JSON.parse(direct.stdout)).toEqual({
      atRequire: false,
      afterConstructor: false,
      afterRequest: false,
      ok: true,
    });
    const proxied = await runNode(script, { ...env, PROXY: proxy.url });
    expect(proxied.code).toBe(0);
    expect(JSON.parse(proxied.stdout)).toEqual({
      atRequire: false,
      afterConstructor: false,
      afterRequest: true,
      ok: true,
    });
  });

  it('the ESM build goes through the proxy as well', async () => {
    const source = `
      import OpenTok from 'opentok';
      const opentok = new OpenTok(process.env.KEY, process.env.SECRET, { apiUrl: process.env.URL, proxy: process.env.PROXY });
      const session = await opentok.createSession();
      console.log(JSON.stringify({ ok: !!session.sessionId }));`;
    const before = proxy.log.requests.length;
    const run = await runNode(source, { KEY: apiKey, SECRET: apiSecret, URL: emulator.url, PROXY: proxy.url }, [
      '--input-type=module',
    ]);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([0, { ok: true }]);
    expect(proxy.log.requests.slice(before)).toEqual(['POST /session/create']);
  });
});

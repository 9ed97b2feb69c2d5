/**
 * `opentok session join|leave` against the emulator (a simulated client joins, publishes and
 * leaves), with a control token, and their error against an API that is not an emulator;
 * `opentok emulator --control-token` and its warning beyond loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '@opentok/emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, environment, run, start, until, useEmulator } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('opentok session join|leave', () => {
  const emulator = useEmulator();
  beforeAll(() => emulator.start());

  it('joins a client with a role, data and a published stream, prints its IDs, and removes it', async () => {
    const { sessionId } = await emulator.opentok.createSession({ mediaMode: 'routed' });
    const joined = await run(
      [
        'session',
        'join',
        sessionId,
        '--role',
        'moderator',
        '--data',
        'userId=42',
        '--publish',
        'audio,video',
        '--name',
        'Cam',
      ],
      emulator.env(),
    );
    expect(joined.stderr).toBe('');
    expect(joined.code).toBe(0);
    const [connection, stream] = joined.stdout.trimEnd().split('\n');
    const connectionId = /^connection\s+(\S+)$/.exec(connection ?? '')?.[1] as string;
    expect(connectionId).toMatch(UUID);
    expect(stream).toMatch(/^stream\s+[0-9a-f-]{36}$/);
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      sessions: Array<{ sessionId: string; connections: unknown[]; streams: unknown[] }>;
    };
    const session = state.sessions.find((candidate) => candidate.sessionId === sessionId);
    expect(session?.connections).toMatchObject([{ connectionId, role: 'moderator', data: 'userId=42' }]);
    expect(session?.streams).toMatchObject([{ name: 'Cam', videoType: 'camera', hasAudio: true, hasVideo: true }]);

    const screen = await run(['session', 'join', sessionId, '--publish', 'screen', '--json'], emulator.env());
    expect(screen.code).toBe(0);
    expect(JSON.parse(screen.stdout)).toEqual({
      sessionId,
      connectionId: expect.stringMatching(UUID),
      streamId: expect.stringMatching(UUID),
    });
    const watcher = await run(['session', 'join', sessionId, '--role', 'subscriber', '--json'], emulator.env());
    expect(Object.keys(JSON.parse(watcher.stdout))).toEqual(['sessionId', 'connectionId']);

    const left = await run(['session', 'leave', sessionId, connectionId], emulator.env());
    expect(left.code).toBe(0);
    expect(left.stdout).toBe(`connection ${connectionId} left session ${sessionId}\n`);
    const again = await run(['session', 'leave', sessionId, connectionId], emulator.env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^opentok: the emulator refused \(HTTP 404\): .*\n$/);
  });

  it('refuses a subscriber that publishes and a bad --publish, with the reason', async () => {
    const { sessionId } = await emulator.opentok.createSession({ mediaMode: 'routed' });
    const refused = await run(
      ['session', 'join', sessionId, '--role', 'subscriber', '--publish', 'audio'],
      emulator.env(),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 403.*subscriber may not publish/);
    const bad = await run(['session', 'join', sessionId, '--publish', 'smell'], emulator.env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--publish takes audio,video, audio, video or screen');
  });

  it('says clearly that it needs an emulator when the API is not one', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"message":"Not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const env = environment({ OPENTOK_API_URL: url, OPENTOK_API_KEY: API_KEY, OPENTOK_API_SECRET: API_SECRET });
      const sessionId = '1_MX40ODE1MTYyMzQyfn4xNzAwMDAwMDAwMDAwfk5vdEFSZWFsU2Vzc2lvbn5-fg';
      for (const args of [
        ['session', 'join', sessionId],
        ['session', 'leave', sessionId, 'c0ffee00-0000-4000-8000-000000000000'],
      ]) {
        const result = await run(args, env);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /works against an @opentok\/emulator only, and http:\/\/127\.0\.0\.1:\d+ is not one/,
        );
        expect(result.stderr).not.toContain(API_SECRET);
      }
    } finally {
      server.close();
    }
  });

  it('sends OPENTOK_EMULATOR_CONTROL_TOKEN to an emulator that has one, and says when it is missing', async () => {
    const guarded = await startEmulator({
      projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
      controlToken: 'ctl-token-1',
    });
    try {
      const env = environment({
        OPENTOK_API_URL: guarded.url,
        OPENTOK_API_KEY: API_KEY,
        OPENTOK_API_SECRET: API_SECRET,
      });
      const session = await run(['session', 'create', '--routed'], env);
      const sessionId = session.stdout.trim();
      const missing = await run(['session', 'join', sessionId], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('needs its control token: set OPENTOK_EMULATOR_CONTROL_TOKEN');
      const joined = await run(['session', 'join', sessionId, '--json'], {
        ...env,
        OPENTOK_EMULATOR_CONTROL_TOKEN: 'ctl-token-1',
      });
      expect(joined.code).toBe(0);
      expect(JSON.parse(joined.stdout).connectionId).toMatch(UUID);
    } finally {
      await guarded.close();
    }
  });
});

describe('opentok emulator --control-token', () => {
  it('requires the token on the control API and never prints it; warns beyond loopback without one', async () => {
    const guarded = start(['emulator', '--control-token', 'secret-control-7'], environment());
    const url = await until(() => /OPENTOK_API_URL=(\S+)/.exec(guarded.stdout())?.[1]);
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(401);
    const allowed = await fetch(`${url}/_emulator/state`, { headers: { Authorization: 'Bearer secret-control-7' } });
    expect(allowed.status).toBe(200);
    guarded.child.kill('SIGINT');
    const stopped = await guarded.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('# control API (/_emulator/): requires Authorization: Bearer <the control token>');
    expect(stopped.stdout + stopped.stderr).not.toContain('secret-control-7');

    const fromEnv = start(['emulator'], environment({ OPENTOK_EMULATOR_CONTROL_TOKEN: 'env-control-8' }));
    const envUrl = await until(() => /OPENTOK_API_URL=(\S+)/.exec(fromEnv.stdout())?.[1]);
    expect((await fetch(`${envUrl}/_emulator/state`)).status).toBe(401);
    fromEnv.child.kill('SIGINT');
    expect((await fromEnv.done).code).toBe(0);

    const exposed = start(['emulator', '--host', '0.0.0.0'], environment());
    await until(() => (exposed.stderr().includes('warning:') ? true : undefined));
    exposed.child.kill('SIGINT');
    const result = await exposed.done;
    expect(result.stderr).toContain('# warning: listening beyond loopback, and /_emulator/ has no authentication');
  });
});

/** `opentok session create` and `opentok token …` against the emulator, human and --json. */
import { decodeToken, verifyToken } from 'opentok';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, environment, run, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

describe('opentok session create', () => {
  it('prints the session ID alone, which the service knows', async () => {
    const result = await run(['session', 'create', '--routed'], emulator.env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const sessionId = result.stdout.trim();
    expect(result.stdout).toBe(`${sessionId}\n`);
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      sessions: Array<{ sessionId: string; mediaMode: string }>;
    };
    expect(state.sessions.find((session) => session.sessionId === sessionId)?.mediaMode).toBe('routed');
  });

  it('prints the whole session with --json', async () => {
    const result = await run(['session', 'create', '--routed', '--archive-mode', 'always', '--json'], emulator.env());
    expect(result.code).toBe(0);
    const session = JSON.parse(result.stdout);
    expect(session).toMatchObject({ apiKey: API_KEY, mediaMode: 'routed', archiveMode: 'always' });
    expect(session.sessionId).toMatch(/^1_MX4/);
    const relayed = await run(['session', 'create', '--json'], emulator.env());
    expect(relayed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(relayed.stdout).mediaMode).toBe('relayed');
  });

  it('refuses contradictory options before any request: exit 2, one line', async () => {
    const result = await run(['session', 'create', '--relayed', '--archive-mode', 'always'], emulator.env());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("opentok: archiveMode 'always' needs mediaMode 'routed'\n");
  });
});

describe('opentok token', () => {
  it('signs a JWT with the options given, which verifies with the project credentials', async () => {
    const sessionId = await emulator.routedSession();
    const before = Math.floor(Date.now() / 1000);
    const result = await run(
      [
        'token',
        sessionId,
        '--role',
        'moderator',
        '--expire-in',
        '2h',
        '--data',
        'userId:42',
        '--layout-class',
        'focus',
        '--layout-class',
        'full wide',
      ],
      emulator.env(),
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim();
    const claims = verifyToken(token, { apiKey: API_KEY, apiSecret: API_SECRET });
    expect(claims).toMatchObject({
      format: 'jwt',
      sessionId,
      role: 'moderator',
      data: 'userId:42',
      initialLayoutClassList: ['focus', 'full', 'wide'],
    });
    expect(claims.expireTime - before).toBeGreaterThanOrEqual(7200);
    expect(claims.expireTime - before).toBeLessThanOrEqual(7200 + 60);
    // And the emulator, as the media server, lets a client join with it.
    const join = await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/connections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, publish: true }),
    });
    expect(join.status).toBe(201);
  });

  it('signs a T1 token with --t1, and prints token and claims with --json', async () => {
    const sessionId = await emulator.routedSession();
    const t1 = (await run(['token', sessionId, '--t1'], emulator.env())).stdout.trim();
    expect(t1.startsWith('T1==')).toBe(true);
    expect(verifyToken(t1, { apiKey: API_KEY, apiSecret: API_SECRET }).role).toBe('publisher');
    const result = await run(['token', sessionId, '--role', 'subscriber', '--json'], emulator.env());
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ format: 'jwt', role: 'subscriber', sessionId, apiKey: API_KEY });
    expect(decodeToken(printed.token)).toMatchObject({ role: 'subscriber', sessionId });
  });

  it('names the flag or the session ID that is wrong: exit 2, one line', async () => {
    const sessionId = await emulator.routedSession();
    const far = await run(['token', sessionId, '--expire-in', '40d'], emulator.env());
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^opentok: --expire-in: .*30 days\n$/);
    const foreign = await run(['token', sessionId], emulator.env({ OPENTOK_API_KEY: '999999' }));
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toBe('opentok: the session ID is malformed or not of project 999999\n');
    const garbage = await run(['token', 'not-a-session'], emulator.env());
    expect(garbage.code).toBe(2);
    expect(garbage.stderr.split('\n')).toHaveLength(2);
  });

  it('decodes a token without credentials', async () => {
    const sessionId = await emulator.routedSession();
    const token = emulator.opentok.generateToken(sessionId, { role: 'moderator', data: 'name=Ann' });
    const human = await run(['token', 'decode', token], environment());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`sessionId   ${sessionId}\n`);
    expect(human.stdout).toContain('role        moderator\n');
    expect(human.stdout).toContain('data        name=Ann\n');
    const json = await run(['token', 'decode', token, '--json'], environment());
    expect(JSON.parse(json.stdout)).toEqual(decodeToken(token));
    const bad = await run(['token', 'decode', 'garbage'], environment());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^opentok: token is not valid \(malformed\): .*\n$/);
  });

  it('verifies a token: 0 when valid, 1 with the reason otherwise', async () => {
    const sessionId = await emulator.routedSession();
    const token = emulator.opentok.generateToken(sessionId);
    const valid = await run(['token', 'verify', token, '--json'], emulator.env());
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, sessionId, role: 'publisher' });
    const forged = await run(['token', 'verify', token], emulator.env({ OPENTOK_API_SECRET: 'another-secret' }));
    expect(forged.code).toBe(1);
    expect(forged.stderr).toBe('opentok: token is not valid (signature): Token signature does not match\n');
    const json = await run(
      ['token', 'verify', token, '--json'],
      emulator.env({ OPENTOK_API_SECRET: 'another-secret' }),
    );
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { name: 'InvalidTokenError', reason: 'signature' } });
  });
});

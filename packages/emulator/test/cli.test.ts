/** The built `opentok-emulator` bin, run as a user would. Needs `pnpm build` first (turbo does it). */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';

const BIN = fileURLToPath(new URL('../bin/opentok-emulator.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The parent's environment without any OPENTOK_ variable, plus `env`. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OPENTOK_')));
  return { ...clean, ...env };
}

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: environment(env) });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  /** Resolves with the start lines once the last one (the control API) is printed. */
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (/control API:.*\n/.test(output)) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  started.catch(() => undefined); // runs that exit on purpose never print the start lines
  return { child, started, output: () => output };
}

async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals) {
  child.kill(signal);
  const [code, received] = await once(child, 'exit');
  return { code, signal: received };
}

/** The variables of the printed `export` line. */
function exported(lines: string): Record<string, string> {
  const line = /^ {2}export (.*)$/m.exec(lines)?.[1] ?? '';
  return Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
}

describe('opentok-emulator', () => {
  it('prints its URL, the generated project and the line to paste, serves it, and stops on SIGTERM', async () => {
    const { child, started } = run(['--port', '0']);
    const lines = await started;
    expect(lines).toMatch(/^opentok-emulator listening on http:\/\/127\.0\.0\.1:\d+ \(projects: 1\)\n/);
    const variables = exported(lines);
    expect(variables.OPENTOK_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(variables.OPENTOK_API_KEY).toMatch(/^\d{8}$/);
    expect(variables.OPENTOK_API_SECRET).toMatch(/^[0-9a-f]{40}$/);
    expect(lines).toContain(`project keys: ${variables.OPENTOK_API_KEY}\n`);
    expect(lines).toContain(`POST ${variables.OPENTOK_API_URL}/_emulator/sessions/{sessionId}/connections`);
    const answer = await fetch(`${variables.OPENTOK_API_URL}/session/create`, {
      method: 'POST',
      headers: {
        'X-TB-PARTNER-AUTH': `${variables.OPENTOK_API_KEY}:${variables.OPENTOK_API_SECRET}`,
        Accept: 'application/json',
      },
    });
    expect(answer.status).toBe(200);
    expect(await stop(child, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('accepts --project without ever printing its secret, lists every key, and stops on SIGINT', async () => {
    const { child, started, output } = run(['--project', '123456:do-not-print-me', '--project=7:other-secret']);
    const lines = await started;
    expect(lines).toMatch(/^opentok-emulator listening on http:\/\/127\.0\.0\.1:\d+ \(projects: 2\)\n/);
    expect(lines).toContain('project keys: 123456, 7\n');
    expect(exported(lines)).toMatchObject({ OPENTOK_API_KEY: '123456', OPENTOK_API_SECRET: '...' });
    expect(await stop(child, 'SIGINT')).toEqual({ code: 0, signal: null });
    expect(output()).not.toMatch(/do-not-print-me|other-secret/);
  });

  it('reads projects from the environment and never prints their secrets', async () => {
    const single = run([], { OPENTOK_API_KEY: '4242', OPENTOK_API_SECRET: 'env-secret-not-printed' });
    const lines = await single.started;
    expect(lines).toContain('project keys: 4242\n');
    const { OPENTOK_API_URL: url } = exported(lines);
    const answer = await fetch(`${url}/session/create`, {
      method: 'POST',
      headers: { 'X-TB-PARTNER-AUTH': '4242:env-secret-not-printed' },
    });
    expect(answer.status).toBe(200);
    expect(single.output()).not.toContain('env-secret-not-printed');

    const several = run([], { OPENTOK_EMULATOR_PROJECTS: '11:first-hidden,22:second-hidden' });
    expect(await several.started).toContain('project keys: 11, 22\n');
    expect(several.output()).not.toMatch(/first-hidden|second-hidden/);
  });

  it('gives projects an upload target with --upload-target, the generated one too', async () => {
    const generated = run(['--upload-target', 'azure']);
    const url = exported(await generated.started).OPENTOK_API_URL;
    const state = (await (await fetch(`${url}/_emulator/state`)).json()) as { projects: unknown[] };
    expect(state.projects).toEqual([{ apiKey: expect.stringMatching(/^\d{8}$/), uploadTarget: 'azure' }]);
    await stop(generated.child, 'SIGTERM');

    const given = run(['--project', '123456:secret-one', '--project', '7:secret-two', '--upload-target', '7=s3']);
    const lines = await given.started;
    const givenUrl = /listening on (\S+)/.exec(lines)?.[1];
    const { projects } = (await (await fetch(`${givenUrl}/_emulator/state`)).json()) as { projects: unknown[] };
    expect(projects).toEqual([{ apiKey: '123456' }, { apiKey: '7', uploadTarget: 's3' }]);
    await stop(given.child, 'SIGTERM');

    const unknown = run(['--project', '123456:secret-one', '--upload-target', '99=s3']);
    const [code] = await once(unknown.child, 'exit');
    expect(code).toBe(2);
    expect(unknown.output()).toContain('names project 99');
  });

  it('prints a reachable URL when listening on every interface', async () => {
    const { started } = run(['--host', '0.0.0.0']);
    const lines = await started;
    const { OPENTOK_API_URL: url } = exported(lines);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain('listening on every interface');
    expect(lines).toMatch(
      /warning: listening beyond loopback, and \/_emulator\/ has no authentication unless a control token/,
    );
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
  });

  it('requires the control token of OPENTOK_EMULATOR_CONTROL_TOKEN on the control API, and never prints it', async () => {
    const token = 'cli-control-token-0123456789';
    const { started, output } = run(['--host', '0.0.0.0'], { OPENTOK_EMULATOR_CONTROL_TOKEN: token });
    const lines = await started;
    const { OPENTOK_API_URL: url } = exported(lines);
    expect(lines).toContain('requires Authorization: Bearer <the control token> (not printed)');
    expect(lines).not.toContain('warning');
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(401);
    expect((await fetch(`${url}/_emulator/state`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(output()).not.toContain(token);
  });

  it('suggests --port 0 when the port is taken', async () => {
    const taken = await startEmulator({ log: () => {} });
    try {
      const busy = run(['--port', String(taken.port)]);
      const [code] = await once(busy.child, 'exit');
      expect(code).toBe(2);
      expect(busy.output()).toContain('EADDRINUSE');
      expect(busy.output()).toContain('--port 0');
    } finally {
      await taken.close();
    }
  });

  it('exits 2 with a message for bad arguments; prints usage for --help and the version for --version', async () => {
    const bad = run(['--project', 'abc:sneaky']);
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(2);
    expect(bad.output()).toContain('--project must be KEY:SECRET');
    expect(bad.output()).not.toContain('sneaky');
    const help = run(['--help']);
    const [helpCode] = await once(help.child, 'exit');
    expect(helpCode).toBe(0);
    for (const text of [
      'Usage: opentok-emulator',
      'export OPENTOK_API_URL=',
      'OPENTOK_EMULATOR_PROJECTS',
      '/_emulator/state',
    ]) {
      expect(help.output()).toContain(text);
    }
    const version = run(['--version']);
    const [versionCode] = await once(version.child, 'exit');
    expect(versionCode).toBe(0);
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version.output()).toBe(`${manifest.version}\n`);
  });
});

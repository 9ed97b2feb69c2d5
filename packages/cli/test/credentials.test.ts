/** Where credentials come from (flags, environment, profiles), and that the secret never shows. */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  BIN,
  environment,
  run,
  runInTerminal,
  shellQuote,
  until,
  useEmulator,
} from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

/** Writes a profile file into the environment's config folder with the given mode. */
function writeProfiles(env: NodeJS.ProcessEnv, content: unknown, mode = 0o600): string {
  const folder = join(env.XDG_CONFIG_HOME!, 'opentok');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'config.json');
  writeFileSync(path, JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const everything = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

describe('credentials', () => {
  it('come from the flags', async () => {
    const result = await run(
      ['session', 'create', '--api-key', API_KEY, '--api-secret', API_SECRET, '--api-url', emulator.url],
      environment(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1_MX4/);
  });

  it('come from the default profile, or the one named by --profile or OPENTOK_PROFILE, mode 0600', async () => {
    const env = environment();
    writeProfiles(env, {
      profiles: {
        default: { apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url },
        wrong: { apiKey: API_KEY, apiSecret: 'not-the-secret', apiUrl: emulator.url },
      },
    });
    expect((await run(['session', 'create'], env)).code).toBe(0);
    const named = await run(['session', 'create', '--profile', 'wrong'], env);
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^opentok: POST \/session\/create failed with 403 .*\n$/);
    expect((await run(['session', 'create'], { ...env, OPENTOK_PROFILE: 'wrong' })).code).toBe(1);
    const missing = await run(['session', 'create', '--profile', 'nope'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^opentok: no profile "nope" in .*config\.json\n$/);
  });

  it('prefer the environment to the default profile, and a named profile to the environment', async () => {
    const env = emulator.env();
    writeProfiles(env, {
      default: 'other',
      profiles: { other: { apiKey: API_KEY, apiSecret: 'not-the-secret', apiUrl: emulator.url } },
    });
    expect((await run(['session', 'create'], env)).code).toBe(0);
    expect((await run(['session', 'create', '--profile', 'other'], env)).code).toBe(1);
  });

  it('refuse a profile file others may read: exit 2 and how to fix it', async () => {
    const env = environment();
    const path = writeProfiles(env, { profiles: { default: { apiKey: API_KEY, apiSecret: API_SECRET } } }, 0o644);
    const result = await run(['session', 'create'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`opentok: ${path} has mode 0644 and holds secrets: run chmod 600 ${path}\n`);
    expect(everything(result)).not.toContain(API_SECRET);
    writeFileSync(path, '{ not json');
    chmodSync(path, 0o600);
    const malformed = await run(['session', 'create'], env);
    expect(malformed).toMatchObject({ code: 2, stderr: `opentok: ${path} is not valid JSON\n` });
  });

  it('are saved by profile add with mode 0600, listed without secrets, and removed', async () => {
    const env = environment({ XDG_CONFIG_HOME: undefined });
    const add = await run(['profile', 'add', 'local', '--api-key', API_KEY, '--api-url', emulator.url, '--default'], {
      ...env,
      OPENTOK_API_SECRET: API_SECRET,
    });
    expect(add.code).toBe(0);
    const path = join(env.HOME!, '.config', 'opentok', 'config.json');
    expect(add.stdout).toBe(`profile local (API key ${API_KEY}) saved in ${path}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.HOME!, '.config', 'opentok')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      default: 'local',
      profiles: { local: { apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url } },
    });
    expect((await run(['session', 'create'], env)).code).toBe(0);
    const list = await run(['profile', 'list'], env);
    expect(list.stdout).toBe(
      `NAME   API KEY     API URL                ${' '.repeat(emulator.url.length - 21)}DEFAULT\nlocal  ${API_KEY}  ${emulator.url}  yes\n`,
    );
    const json = await run(['profile', 'list', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({ name: 'local', apiKey: API_KEY, apiUrl: emulator.url, default: true });
    expect(everything(list) + everything(json)).not.toContain(API_SECRET);
    expect(await run(['profile', 'remove', 'local'], env)).toMatchObject({
      stdout: 'profile local removed\n',
      stderr: '',
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ profiles: {} });
    const again = await run(['profile', 'remove', 'local'], env);
    expect(again.code).toBe(2);
  });

  it('never show the secret, even when a wrong one is given on the command line', async () => {
    const secret = 'do-not-print-me-0123456789';
    for (const args of [
      ['session', 'create'],
      ['archive', 'list', '--json'],
      ['archive', 'get', 'a7b6c5d4-0000-4000-8000-000000000000'],
      ['token', 'verify', 'x.y.z'],
      ['legacy', 'manifest', 'a7b6c5d4-0000-4000-8000-000000000000'],
    ]) {
      const result = await run([...args, '--api-secret', secret], emulator.env());
      expect(result.code).toBe(1);
      expect(everything(result)).not.toContain(secret);
      expect(everything(result)).not.toContain(API_SECRET);
    }
  });

  it('with a wrong secret: exit 1, the status and the service message on one line', async () => {
    const result = await run(['archive', 'list'], emulator.env({ OPENTOK_API_SECRET: 'wrong' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^opentok: GET \/v2\/project\/\d+\/archive failed with 403 \(.*\): .+\n$/);
    const json = await run(['archive', 'list', '--json'], emulator.env({ OPENTOK_API_SECRET: 'wrong' }));
    expect(JSON.parse(json.stderr).error).toMatchObject({ name: 'AuthenticationError', status: 403 });
  });

  it('with an unreachable API: exit 1, naming the URL', async () => {
    // A port nobody listens on: taken from the system, then freed.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await run(['session', 'create'], emulator.env({ OPENTOK_API_URL: `http://127.0.0.1:${port}` }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^opentok: .*http://127\\.0\\.0\\.1:${port}\\b.*\n$`));
  });
});

describe('the secret prompt', () => {
  it('asks for a missing secret on a terminal, without echoing it', async () => {
    const env = emulator.env({ OPENTOK_API_SECRET: undefined });
    const terminal = runInTerminal(`${shellQuote(process.execPath)} ${shellQuote(BIN)} session create --routed`, env);
    await until(() => terminal.output().includes(`API secret for ${API_KEY}: `));
    terminal.child.stdin!.write(`${API_SECRET}\r`);
    const { code, output } = await terminal.done;
    expect(code).toBe(0);
    expect(output).toMatch(/\n1_MX4\S+\r?\n$/);
    expect(output).not.toContain(API_SECRET);
  });
});

describe('credentials of several sources', () => {
  it('never pair a key with the secret of another key', async () => {
    const env = environment({ OPENTOK_API_KEY: '777777', OPENTOK_API_URL: emulator.url });
    writeProfiles(env, { profiles: { default: { apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url } } });
    const result = await run(['session', 'create'], env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^opentok: no API secret for API key 777777: /);
    const same = await run(['session', 'create'], { ...env, OPENTOK_API_KEY: API_KEY });
    expect(same.code).toBe(0);
  });
});

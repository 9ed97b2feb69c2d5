/**
 * The profile file's safety: names of `Object.prototype` are refused everywhere (add, remove,
 * --profile, the file), lookups see own profiles only, and the folder is kept at 0700.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, environment, run, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** The config folder and file of an environment. */
function paths(env: NodeJS.ProcessEnv) {
  const folder = join(env.XDG_CONFIG_HOME!, 'opentok');
  return { folder, file: join(folder, 'config.json') };
}

/** Writes a profile file (mode 0600) into a folder of the given mode. */
function writeProfiles(env: NodeJS.ProcessEnv, content: unknown, folderMode = 0o700): string {
  const { folder, file } = paths(env);
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, folderMode);
  writeFileSync(file, JSON.stringify(content));
  chmodSync(file, 0o600);
  return file;
}

const local = () => ({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url });

describe('profile names of Object.prototype', () => {
  it.each(RESERVED)('profile add %s --default is refused: exit 2, nothing saved', async (name) => {
    const env = environment({ OPENTOK_API_SECRET: API_SECRET });
    const result = await run(['profile', 'add', name, '--api-key', API_KEY, '--default'], env);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `opentok: profile name "${name}" is reserved (a JavaScript object property): pick another\n`,
    });
    expect(existsSync(paths(env).file)).toBe(false);
  });

  it.each(RESERVED)('--profile %s is "no profile", not the credentials of the environment', async (name) => {
    const env = emulator.env();
    const path = writeProfiles(env, { profiles: { default: local() } });
    const result = await run(['session', 'create', '--profile', name], env);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `opentok: no profile "${name}" in ${path}\n` });
  });

  it.each(RESERVED)('profile remove %s is refused and leaves the file as it was', async (name) => {
    const env = environment();
    const path = writeProfiles(env, { default: 'default', profiles: { default: local() } });
    const before = readFileSync(path, 'utf8');
    const result = await run(['profile', 'remove', name], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `opentok: profile name "${name}" is reserved (a JavaScript object property): pick another\n`,
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a file naming a profile __proto__ is refused with the fix, and a default of "constructor" finds nothing', async () => {
    const env = environment();
    const { file } = paths(env);
    mkdirSync(paths(env).folder, { recursive: true, mode: 0o700 });
    writeFileSync(file, `{"profiles":{"__proto__":${JSON.stringify(local())}}}`, { mode: 0o600 });
    const list = await run(['profile', 'list'], env);
    expect(list).toMatchObject({
      code: 2,
      stderr: `opentok: ${file}: profile name "__proto__" is reserved: rename it\n`,
    });

    writeProfiles(env, { default: 'constructor', profiles: { work: local() } });
    const session = await run(['session', 'create'], env);
    expect(session.code).toBe(2);
    expect(session.stderr).toMatch(/^opentok: no API key: /);
  });
});

describe('the profile folder', () => {
  it('is tightened to 0700 when found 0755 by profile add, and 0777 by a command that reads it', async () => {
    const env = environment({ OPENTOK_API_SECRET: API_SECRET });
    const { folder } = paths(env);
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o755);
    const add = await run(['profile', 'add', 'work', '--api-key', API_KEY, '--api-url', emulator.url], env);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(folder).mode & 0o777).toBe(0o700);

    chmodSync(folder, 0o777);
    const used = await run(
      ['session', 'create', '--profile', 'work'],
      environment({ XDG_CONFIG_HOME: env.XDG_CONFIG_HOME }),
    );
    expect(used).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  // Only root can give a folder to someone else; a folder not ours cannot be tightened.
  it.skipIf(process.getuid?.() !== 0)('is left as it is, with a warning on stderr, when it is not ours', async () => {
    const env = environment({ OPENTOK_API_SECRET: API_SECRET });
    writeProfiles(env, { profiles: { work: local() } }, 0o755);
    const { folder } = paths(env);
    chownSync(folder, 12345, 12345);
    const list = await run(['profile', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(
      `opentok: warning: ${folder} has mode 0755, and the profiles in it hold secrets; it is not yours, so it was left as it is\n`,
    );
    expect(statSync(folder).mode & 0o777).toBe(0o755);
  });
});

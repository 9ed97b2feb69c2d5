/** The README's first snippet (the three most used commands) runs as written against an emulator. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { BIN, temporaryFolder, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

it('runs the three most used commands of the README', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const snippet = /## The three commands you will use most\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet).toContain('opentok archive download');
  // `opentok` on the PATH, as after `npm install --global @opentok/cli`.
  const folder = temporaryFolder();
  const shim = join(folder, 'bin', 'opentok');
  mkdirSync(join(folder, 'bin'));
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  const env = emulator.env({ PATH: `${join(folder, 'bin')}:${process.env.PATH}` });
  // Not spawnSync: the emulator answers from this process's event loop.
  const child = spawn('bash', ['-euo', 'pipefail', '-c', snippet!], { cwd: folder, env });
  const result = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (result.stdout += chunk));
  child.stderr.on('data', (chunk) => (result.stderr += chunk));
  const [code] = await once(child, 'close');
  expect(code).toBe(0);
  const token = result.stdout.trim();
  expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(result.stderr).toBe('no available archives\n');
  expect(readdirSync(join(folder, 'recordings'))).toEqual([]);
});

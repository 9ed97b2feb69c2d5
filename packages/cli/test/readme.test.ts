/** The README's snippets of commands run as written against an emulator. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { BIN, temporaryFolder, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

const readme = () => readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Runs a snippet with bash, `opentok` on the PATH as after `npm install --global @opentok/cli`. */
async function runSnippet(snippet: string, extra: Record<string, string> = {}) {
  const folder = temporaryFolder();
  const shim = join(folder, 'bin', 'opentok');
  mkdirSync(join(folder, 'bin'));
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  const env = emulator.env({ PATH: `${join(folder, 'bin')}:${process.env.PATH}`, ...extra });
  // Not spawnSync: the emulator answers from this process's event loop. --norc: turbo's strict
  // environment drops SHLVL, and bash then reads the rc files for a stdin that is a socket.
  const child = spawn('bash', ['--norc', '-euo', 'pipefail', '-c', snippet], { cwd: folder, env });
  const result = { folder, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (result.stdout += chunk));
  child.stderr.on('data', (chunk) => (result.stderr += chunk));
  const [code] = await once(child, 'close');
  return { ...result, code };
}

it('runs the commands on a running session of the README', async () => {
  const snippet = /\n```sh\n(opentok signal [\s\S]*?)```/.exec(readme())?.[1];
  expect(snippet).toContain('opentok mute');
  const sessionId = await emulator.routedSession();
  const { streamId } = await emulator.connect(sessionId, true);
  const result = await runSnippet(snippet!, { SESSION_ID: sessionId, PRESENTER_STREAM_ID: streamId! });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 2)).toEqual([
    `signal sent to session ${sessionId}`,
    `every stream of ${sessionId} muted but ${streamId}`,
  ]);
  expect(lines.slice(2)).toHaveLength(3); // the header and two connections
});

it('runs the three most used commands of the README', async () => {
  const snippet = /## The three commands you will use most\n\n```sh\n([\s\S]*?)```/.exec(readme())?.[1];
  expect(snippet).toContain('opentok archive download');
  const result = await runSnippet(snippet!);
  const folder = result.folder;
  expect(result.code).toBe(0);
  const token = result.stdout.trim();
  expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(result.stderr).toBe('no available archives\n');
  expect(readdirSync(join(folder, 'recordings'))).toEqual([]);
});

it('records a session against a fresh emulator as the README shows, joining a client with session join', async () => {
  const snippet = /### Recording a session against the emulator\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1];
  expect(snippet).toContain('opentok session join');
  const result = await runSnippet(snippet!);
  expect(result.code).toBe(0);
  const [connection, stream, stopped] = result.stdout.trimEnd().split('\n');
  expect(connection).toMatch(/^connection\s+[0-9a-f-]{36}$/);
  expect(stream).toMatch(/^stream\s+[0-9a-f-]{36}$/);
  const archiveId = /^([0-9a-f-]{36}) stopped$/.exec(stopped ?? '')?.[1];
  expect(archiveId).toBeDefined();
  const files = readdirSync(join(result.folder, 'recordings'));
  expect(files).toEqual([`${archiveId}.mp4`]);
  const mp4 = readFileSync(join(result.folder, 'recordings', files[0]!));
  expect(mp4.toString('ascii', 4, 8)).toBe('ftyp');
  expect(mp4.includes(Buffer.from('avc1'))).toBe(true);
});

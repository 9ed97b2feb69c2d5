/**
 * The `@opentok/emulator` CLI in a child process, for the suites that time clients against it:
 * its work then does not count as the client's. Runs on the Node running the bench.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The project the emulator knows, and every client uses. */
export const credentials = { apiKey: '4567890', apiSecret: 'f2b1ad3c9e0d4a7b8c6e5f4a3b2c1d0e9f8a7b6c' };

/** Starts the emulator's CLI in a child process and resolves with its URL. */
export function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const cli = join(dirname(require.resolve('@opentok/emulator/package.json')), 'dist/cli.js');
  const child = spawn(
    process.execPath,
    [cli, '--host', '127.0.0.1', '--port', '0', '--project', `${credentials.apiKey}:${credentials.apiSecret}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the emulator did not start within 10 s'));
    }, 10_000);
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    });
  });
}

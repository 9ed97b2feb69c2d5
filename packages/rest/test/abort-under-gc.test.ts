/**
 * Download timeouts fire whatever the garbage collector does. Each case runs the built
 * `@opentok/rest/node` in a child process under `--expose-gc`, collecting every few
 * milliseconds, against a loopback server that never answers (or stalls the body): the idle
 * timeout, or a caller's `AbortSignal.timeout` that nothing else references, must end the
 * download. (Node 20 holds the sources of an `AbortSignal.any` composite weakly; the download
 * owns its controller instead.)
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./runtime/abort-under-gc.mjs', import.meta.url));
const entry = new URL('../dist/node.js', import.meta.url).href;

async function run(mode: string, stall: string, door: string): Promise<{ fired: boolean; name?: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, mode, stall, entry, door], {
    timeout: 50_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('download timeouts under forced garbage collection', () => {
  it.each([
    ['caller', 'none', 'downloadArchive', 'NetworkError'],
    ['caller', 'body', 'downloadArchive', 'NetworkError'],
    ['idle', 'none', 'downloadArchive', 'TimeoutError'],
    ['idle', 'body', 'downloadArchive', 'TimeoutError'],
    ['caller', 'none', 'client', 'NetworkError'],
    ['caller', 'body', 'client', 'NetworkError'],
    ['idle', 'none', 'client', 'TimeoutError'],
    ['idle', 'body', 'client', 'TimeoutError'],
  ])('the %s timeout fires (stall: %s, through %s)', async (mode, stall, door, name) => {
    expect(await run(mode, stall, door)).toEqual({ fired: true, name });
  });
});

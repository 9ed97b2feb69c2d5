/**
 * Timeouts and signals of the built emulator under forced garbage collection (Node 20 could
 * collect an `AbortSignal.any` composite, or the `AbortSignal.timeout` inside it, before it
 * fired): a render whose page never answers fails after its load timeout, and `events()` ends
 * when its signal aborts. Each case runs `gc-timeouts.mjs` in a child `node --expose-gc`.
 * Needs `pnpm build` first.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./gc-timeouts.mjs', import.meta.url));

async function run(mode: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, mode], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

describe('under forced garbage collection (node --expose-gc)', () => {
  it('a render whose page never answers fails after renderLoadTimeoutMs', { timeout: 90_000 }, async () => {
    expect(await run('render')).toEqual({ status: 'failed', reason: 'Could not load URL (timed out)' });
  });

  it('events() ends when its signal aborts, even a timeout signal nobody else holds', { timeout: 90_000 }, async () => {
    expect(await run('events')).toMatchObject({ ended: true });
    expect(await run('events-timeout')).toEqual({ ended: true });
  });
});

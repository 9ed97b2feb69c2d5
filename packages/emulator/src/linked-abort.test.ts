import { describe, expect, it } from 'vitest';
import { linkAbort } from './linked-abort.js';

describe('linkAbort', () => {
  it("aborts with a source's reason, or with a TimeoutError after timeoutMs", async () => {
    const source = new AbortController();
    const link = linkAbort([new AbortController().signal, source.signal]);
    source.abort('closing');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('closing');
    const timed = linkAbort([new AbortController().signal], 10);
    await new Promise((resolve) => timed.signal.addEventListener('abort', resolve));
    expect((timed.signal.reason as Error).name).toBe('TimeoutError');
    expect(linkAbort([AbortSignal.abort('already')]).signal.reason).toBe('already');
  });

  it('lets go of its sources and its timer on release', async () => {
    const source = new AbortController();
    const link = linkAbort([source.signal], 10);
    link.release();
    source.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(link.signal.aborted).toBe(false);
  });
});

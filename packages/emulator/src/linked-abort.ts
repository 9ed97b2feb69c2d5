/**
 * An abort controller that follows other signals, held by the caller: what
 * `AbortSignal.any([...])` does, without its weak references. On Node 20 a composite signal
 * (or the `AbortSignal.timeout` inside it) can be garbage-collected before it fires, so a page
 * that never answered left its render `starting` for good in 3 of 4 runs.
 * @module
 */

/** A controller aborted by any of its sources, and the way to let go of them. */
export interface LinkedAbort {
  /** Aborted with the first source's reason, or through {@link LinkedAbort.controller}. */
  readonly signal: AbortSignal;
  /** Aborts the linked signal itself (a timeout of one's own, say). */
  readonly controller: AbortController;
  /** Removes the listeners from the sources and clears the timer, if any: call it when the work ends. */
  release(): void;
}

/**
 * Links a new controller to `sources`, and aborts it with a `TimeoutError` after `timeoutMs`
 * when given. Every listener and the timer are strong references held until `release()`.
 * @example
 * const link = linkAbort([closing.signal], 10_000)
 * try { await fetch(url, { signal: link.signal }) } finally { link.release() }
 */
export function linkAbort(sources: readonly AbortSignal[], timeoutMs?: number): LinkedAbort {
  const controller = new AbortController();
  const listeners: Array<[AbortSignal, () => void]> = [];
  for (const source of sources) {
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const listener = () => controller.abort(source.reason);
    source.addEventListener('abort', listener, { once: true });
    listeners.push([source, listener]);
  }
  const timer =
    timeoutMs === undefined || controller.signal.aborted
      ? undefined
      : setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), timeoutMs);
  return {
    signal: controller.signal,
    controller,
    release() {
      clearTimeout(timer);
      for (const [source, listener] of listeners.splice(0)) source.removeEventListener('abort', listener);
    },
  };
}

/**
 * Reads every request body once, up to a size limit (413 beyond it), and keeps the text for
 * the handlers. Hono's own `bodyLimit` re-wraps the request in the global `Request`, which
 * fails on `@hono/node-server`'s request objects when the emulator leaves the globals alone.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { EmulatorProblem } from './problem.js';

const tooLarge = (limit: number) => new EmulatorProblem(413, `Request body too large (limit ${limit} bytes).`);

/** The middleware; handlers then read `context.get('body')`. */
export function bodyReader(limit: number): MiddlewareHandler<EmulatorEnv> {
  return async (context, next) => {
    const declared = context.req.header('content-length');
    if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
    const stream = context.req.raw.body;
    let text = '';
    if (stream) {
      const reader = stream.getReader();
      const decoder = new TextDecoder();
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > limit) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(limit);
        }
        text += decoder.decode(value, { stream: true });
      }
      text += decoder.decode();
    }
    context.set('body', text);
    await next();
  };
}

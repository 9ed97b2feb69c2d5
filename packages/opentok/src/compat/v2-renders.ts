/**
 * The 2.x methods of Experience Composer renders: their arguments, requests, messages and results.
 * @module
 */
import type { ListRendersOptions, StartRenderOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, defined, pageOptions, shift } from './v2-core.js';
import { Render, type V2Callback } from './v2-results.js';

/** The 2.x methods of Experience Composer renders. */
export interface RenderMethods {
  /** Starts an Experience Composer render; `callback(error, render)`. */
  startRender(options: StartRenderOptions, callback: V2Callback<Render>): undefined;
  startRender(options: StartRenderOptions): Promise<Render>;

  /** Reads a render; `callback(error, render)`. */
  getRender(renderId: string, callback: V2Callback<Render>): undefined;
  getRender(renderId: string): Promise<Render>;

  /**
   * Lists renders; `callback(error, { count, items })` as 2.x passes the service's page.
   * @throws {InvalidArgumentError} synchronously, `Count is out of range`, as 2.x.
   */
  listRenders(options: ListRendersOptions, callback: V2Callback<{ count: number; items: Render[] }>): undefined;
  listRenders(options?: ListRendersOptions): Promise<{ count: number; items: Render[] }>;

  /** Stops a render; `callback(error)`. */
  stopRender(renderId: string, callback: V2Callback<void>): undefined;
  stopRender(renderId: string): Promise<void>;
}

/** The implementations of {@link RenderMethods}, installed on the 2.x class's prototype. */
export const renderMethods = {
  startRender(
    this: OpenTokV2,
    options: StartRenderOptions,
    callback?: V2Callback<Render>,
  ): Promise<Render> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      // 2.x always sends these two, with these defaults.
      const render = await client.renders.start({
        maxDuration: 1800,
        resolution: '1280x720',
        ...defined(options ?? {}),
      } as StartRenderOptions);
      return new Render(render);
    });
  },

  getRender(this: OpenTokV2, renderId: string, callback?: V2Callback<Render>): Promise<Render> | undefined {
    return call(this, callback as unknown, {}, async (client) => new Render(await client.renders.get(renderId)));
  },

  listRenders(
    this: OpenTokV2,
    options: ListRendersOptions = {},
    callback?: V2Callback<{ count: number; items: Render[] }>,
  ): Promise<{ count: number; items: Render[] }> | undefined {
    const [given, done] = shift<ListRendersOptions, V2Callback<{ count: number; items: Render[] }>>(options, callback);
    const count = given?.count;
    if (count !== undefined && (count > 1000 || count < 1))
      throw new InvalidArgumentError('count', 'Count is out of range');
    return call(this, done as unknown, {}, async (client) => {
      const page = await client.renders.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Render(item)) };
    });
  },

  stopRender(this: OpenTokV2, renderId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      await client.renders.stop(renderId);
    });
  },
};

/**
 * The 2.x methods of Experience Composer renders: their arguments, requests, messages and results.
 * @module
 */
import type { ListRendersOptions, StartRenderOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, fieldsOf, type Host, itemsOf, shift } from './v2-core.js';
import { COMMON } from './v2-messages.js';
import { Render, type V2Callback } from './v2-results.js';

const RENDERS = '/v2/project/{apiKey}/render';

/** A render page as 2.x passes it: the service's answer, its `items` as {@link Render}s. */
export interface RenderPage {
  count: number;
  items: Render[];
}

/** The 2.x methods of Experience Composer renders. */
export interface RenderMethods {
  /** Starts an Experience Composer render; `callback(error, render)`. */
  startRender(options: StartRenderOptions): Promise<Render>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  startRender(this: Host, options: StartRenderOptions, callback: V2Callback<Render>): undefined;

  /** Reads a render; `callback(error, render)`. */
  getRender(renderId: string): Promise<Render>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  getRender(this: Host, renderId: string, callback: V2Callback<Render>): undefined;

  /**
   * Lists renders; `callback(error, { count, items })` as 2.x passes the service's page.
   * @throws {InvalidArgumentError} synchronously, `Count is out of range`, as 2.x.
   */
  listRenders(options?: ListRendersOptions): Promise<{ count: number; items: Render[] }>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  listRenders(
    this: Host,
    options: ListRendersOptions,
    callback: V2Callback<{ count: number; items: Render[] }>,
  ): undefined;

  /** Stops a render; `callback(error)`. */
  stopRender(renderId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  stopRender(this: Host, renderId: string, callback: V2Callback<void>): undefined;
}

/** The implementations of {@link RenderMethods}, installed on the 2.x class's prototype. */
export const renderMethods = {
  startRender(
    this: OpenTokV2,
    options: StartRenderOptions,
    callback?: V2Callback<Render>,
  ): Promise<Render> | undefined {
    const [given, done] = shift<StartRenderOptions, V2Callback<Render>>(options, callback);
    return call(this, done as unknown, COMMON, async (request) => {
      const { sessionId, token, url, maxDuration = 1800, resolution = '1280x720', statusCallbackUrl } = fieldsOf(given);
      const json = { sessionId, token, url, maxDuration, resolution, statusCallbackUrl };
      return new Render(fieldsOf(await request({ method: 'POST', path: RENDERS, json })) as never);
    });
  },

  getRender(this: OpenTokV2, renderId: string, callback?: V2Callback<Render>): Promise<Render> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      const answer = await request({ method: 'GET', path: `${RENDERS}/{renderId}`, params: { renderId } });
      return new Render(fieldsOf(answer) as never);
    });
  },

  listRenders(
    this: OpenTokV2,
    options: ListRendersOptions = {},
    callback?: V2Callback<RenderPage>,
  ): Promise<RenderPage> | undefined {
    const [given, done] = shift<ListRendersOptions, V2Callback<RenderPage>>(options, callback);
    const { offset, count } = fieldsOf(given);
    if ((count as number) > 1000 || (count as number) < 1)
      throw new InvalidArgumentError('count', 'Count is out of range');
    return call(this, done as unknown, COMMON, async (request) => {
      const query = { offset: offset ? String(offset) : undefined, count: count ? String(count) : undefined };
      const answer = await request({ method: 'GET', path: RENDERS, query });
      return { ...fieldsOf(answer), items: itemsOf(answer).map((item) => new Render(item as never)) } as RenderPage;
    });
  },

  stopRender(this: OpenTokV2, renderId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      await request({ method: 'DELETE', path: `${RENDERS}/{renderId}`, params: { renderId } });
    });
  },
};

/**
 * Experience Composer (renders) under `/v2/project/{apiKey}/render`: a web page published into
 * a session as a stream. Operations run by the one core (`operation.ts`). Client-side checks:
 * an `http(s)` URL of 15 to 2048 characters, `maxDuration` 60–36000 s, one of the six
 * resolutions, a stream name of 1 to 200 characters. The client token is never quoted.
 * @module
 */
import { readJson } from './body.js';
import { requireHttpUrl, requireToken } from './connector-checks.js';
import {
  type AllOptions,
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  isRecord,
  LIST_MAX_BYTES,
  type OperationContext,
  type Page,
  paginate,
  readPage,
} from './operation.js';
import type { Answer, Send } from './request.js';
import { fail, oneOf, optionalInteger, requireId, requireOptions, show } from './validate.js';
import { RENDER_STATUSES, RESOLUTIONS, type RenderStatus, type Resolution } from './values.js';

export { RENDER_STATUSES, type RenderStatus } from './values.js';

/** Options of `client.renders.start`. */
export interface StartRenderOptions {
  /** A routed session. */
  sessionId: string;
  /** A client token of that session with a publishing role; its data becomes the render's connection data. */
  token: string;
  /** The page to render: `http://` or `https://`, 15 to 2048 characters. */
  url: string;
  /** Seconds, 60 to 36000. @default 7200 (the service's default) */
  maxDuration?: number | undefined;
  /** @default '1280x720' */
  resolution?: Resolution | undefined;
  /** The published stream. */
  properties?: { name?: string | undefined } | undefined;
  /** Where the service POSTs the render's status changes. */
  statusCallbackUrl?: string | undefined;
}

/** A render, as start, get, stop and list return it; fields the service adds are kept. */
export interface Render {
  id: string;
  sessionId: string;
  /** A string, whatever the service sent. */
  projectId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  /** The page being rendered. */
  url: string;
  resolution: Resolution | string;
  status: RenderStatus;
  /** The published stream, once `started` (some servers send it earlier). */
  streamId?: string;
  /** Why it stopped or failed, such as `Max duration exceeded` or `Could not load URL`. */
  reason?: string;
  /** The published stream's name (`properties.name`). */
  name?: string;
  /** The status callback URL, when one was given. */
  callbackUrl?: string;
  /** `render` in callbacks and some answers. */
  event?: string;
}

/** Options of `client.renders.list`. */
export interface ListRendersOptions {
  /** Items to skip. @default 0 */
  offset?: number | undefined;
  /** Items per page, 1 to 1000. @default 50 */
  count?: number | undefined;
}

/** One page of renders. */
export type RenderList = Page<Render>;

/** The Experience Composer methods of a client. */
export interface Renders {
  /**
   * Starts rendering a web page into a routed session; the render is `starting` at first.
   * @throws {InvalidArgumentError} for a bad session ID, token, URL, duration, resolution or name.
   * @example
   * const render = await client.renders.start({ sessionId, token, url: 'https://example.com/stage', properties: { name: 'Stage' } })
   */
  start(options: StartRenderOptions, callOptions?: CallOptions): Promise<Render>;
  /**
   * Reads one render. @throws {NotFoundError} for an unknown render.
   * @example
   * const { status, streamId } = await client.renders.get(renderId)
   */
  get(renderId: string, callOptions?: CallOptions): Promise<Render>;
  /**
   * Reads one page of renders.
   * @example
   * const { count, items } = await client.renders.list({ count: 10 })
   */
  list(options?: ListRendersOptions, callOptions?: CallOptions): Promise<RenderList>;
  /**
   * Every render, page after page, as an async iterator.
   * @example
   * for await (const render of client.renders.all()) console.log(render.id, render.status)
   */
  all(options?: AllOptions<object>, callOptions?: CallOptions): AsyncIterableIterator<Render>;
  /**
   * Stops a render: its stream and connection leave the session.
   * @throws {NotFoundError} for an unknown or stopped render.
   * @example
   * await client.renders.stop(renderId)
   */
  stop(renderId: string, callOptions?: CallOptions): Promise<void>;
}

const START_KEYS = [
  'sessionId',
  'token',
  'url',
  'maxDuration',
  'resolution',
  'properties',
  'statusCallbackUrl',
] as const;

/** Validates start options and returns the JSON body. */
export function toStartRenderBody(input: StartRenderOptions | undefined): Record<string, unknown> {
  if (input === undefined) fail('options', 'options { sessionId, token, url } are required');
  const options = requireOptions('options', input, START_KEYS);
  const body: Record<string, unknown> = {
    sessionId: requireId('sessionId', options.sessionId),
    token: requireToken(options.token),
    url: requireHttpUrl('url', options.url, 15, 2048),
  };
  const maxDuration = optionalInteger('maxDuration', options.maxDuration, 60, 36_000);
  const resolution = oneOf('resolution', options.resolution, RESOLUTIONS);
  if (maxDuration !== undefined) body.maxDuration = maxDuration;
  if (resolution !== undefined) body.resolution = resolution;
  if (options.properties !== undefined) {
    const properties = requireOptions('properties', options.properties, ['name']);
    const { name } = properties;
    if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 200)) {
      fail('properties.name', `properties.name must be a string of 1 to 200 characters, not ${show(name)}`);
    }
    body.properties = name === undefined ? {} : { name };
  }
  if (options.statusCallbackUrl !== undefined) {
    body.statusCallbackUrl = requireHttpUrl('statusCallbackUrl', options.statusCallbackUrl, 15, 2048);
  }
  return body;
}

/** Checks a render object from the service and fills in the documented defaults. */
export function toRender(answer: Answer, value: unknown, apiKey: string): Render {
  if (!isRecord(value)) throw answer.parseError('expected a render object');
  const { id, status, sessionId } = value;
  if (typeof id !== 'string' || id === '') throw answer.parseError('the render has no id');
  if (typeof status !== 'string' || !(RENDER_STATUSES as readonly string[]).includes(status)) {
    throw answer.parseError('the render has no known status');
  }
  if (typeof sessionId !== 'string') throw answer.parseError('the render has no sessionId');
  const createdAt = typeof value.createdAt === 'number' ? value.createdAt : 0;
  const render = {
    ...value,
    id,
    sessionId,
    status,
    projectId: String(value.projectId ?? value.applicationId ?? apiKey),
    createdAt,
    updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : createdAt,
    url: typeof value.url === 'string' ? value.url : '',
    resolution: typeof value.resolution === 'string' ? value.resolution : '1280x720',
  } as Render;
  for (const field of ['streamId', 'reason', 'name', 'callbackUrl', 'event'] as const) {
    if (value[field] === null) delete render[field];
  }
  return render;
}

const render = (answer: Answer, context: OperationContext) => toRender(answer, readJson(answer), context.apiKey);
const ONE = '/v2/project/{apiKey}/render/{renderId}';

/** The Experience Composer API, one definition per REST call. */
export const renderOperations = {
  start: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/render',
    arity: 1,
    build: ([options]: [StartRenderOptions]) => ({ json: toStartRenderBody(options) }),
    decode: render,
  }),
  get: defineOperation({ method: 'GET', path: ONE, params: ['renderId'], arity: 1, decode: render }),
  list: defineOperation({
    method: 'GET',
    path: '/v2/project/{apiKey}/render',
    arity: 1,
    build: ([input]: [ListRendersOptions?]) => {
      const options = requireOptions('options', input, ['offset', 'count']);
      return {
        query: {
          offset: optionalInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER),
          count: optionalInteger('count', options.count, 1, 1000),
        },
      };
    },
    decode: (answer, context): RenderList =>
      readPage(answer, readJson(answer), (item) => toRender(answer, item, context.apiKey)),
    maxBytes: LIST_MAX_BYTES,
  }),
  stop: defineOperation({ method: 'DELETE', path: ONE, params: ['renderId'], arity: 1, decode: ignoreBody }),
};

/** Builds the Experience Composer methods on top of the request core. */
export function createRenders(send: Send, context: OperationContext): Renders {
  const methods = bindTable(send, context, renderOperations);
  return { ...methods, all: paginate<Render, object>(methods.list, []) };
}

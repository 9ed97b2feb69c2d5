/**
 * The 2.x constructor's `proxy` option: every request of an {@link OpenTok} goes through an
 * HTTP(S) proxy, with undici's `ProxyAgent` (Node only).
 *
 * - The URL is checked when the object is built, synchronously; messages never repeat it, so
 *   a password in its userinfo (`http://user:password@proxy:3128`) cannot leak into a log.
 * - undici is loaded on the first request, never at `require('opentok')`: a program that gives
 *   no proxy never loads it. The request goes out through undici's own `fetch` with the agent
 *   as its `dispatcher`, one copy of undici for both (Node's built-in `fetch` bundles another
 *   undici, whose `fetch` does not take the npm package's dispatchers).
 * - The proxy sees what a proxy sees of HTTPS: `CONNECT host:port`, then encrypted bytes. For an
 *   `http:` API URL (the emulator) the request is tunnelled through `CONNECT` as well, so the
 *   auth header is never handed to the proxy as a header it parses.
 * - A proxy that refuses the `CONNECT` is asked once per request. undici's `ProxyAgent`
 *   reconnects at once, without end, when the proxy closes the connection without answering
 *   (undici 7.30: `UND_ERR_SOCKET` counts as recoverable in `client.js` `onError`): one
 *   `createSession` through a proxy without `CONNECT` support opened about 1,000 connections a
 *   second until the timeout. The proxy client (the `clientFactory` option) ends both that and
 *   a refusal (403, 407, 502) with an error that says what the proxy did, never its credentials.
 * @module
 */
import { type FetchFunction, NetworkError } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';

/** Where the runtime is read from; a parameter so that tests can pass another runtime. */
export interface RuntimeScope {
  process?: { versions?: { node?: unknown } };
}

/** A checked proxy: the URL to give undici, and how to name it in messages (no userinfo). */
export interface ProxySetting {
  readonly url: string;
  readonly label: string;
}

/** The part of undici this module uses. */
interface Undici {
  fetch(url: string, init: object): Promise<unknown>;
  ProxyAgent: new (options: { uri: string; clientFactory: (origin: object, options: object) => object }) => object;
  Pool: new (origin: object, options: object) => ProxyClient;
}

/** The part of undici's `Pool` to the proxy that `ProxyAgent` calls for a tunnel. */
interface ProxyClient {
  connect(
    options: object,
  ): Promise<{ statusCode: number; socket: { destroy(): void; on(event: 'error', listener: () => void): unknown } }>;
}

/** The `code` of the error a proxy's refusal of a `CONNECT` fails with (see {@link throughProxy}). */
export const PROXY_REFUSED = 'OPENTOK_PROXY_REFUSED';

/** The WHATWG `URL` parser (a Web and Node global that `lib: es2023` does not declare). */
declare const URL: new (input: string) => { protocol: string; hostname: string; host: string };

const EXAMPLE = 'such as http://proxy.example.com:3128';

/**
 * Reads the `proxy` option. `undefined`, `null` and `''` mean no proxy (as an unset environment
 * variable gives); anything else must be an `http:` or `https:` URL with a host.
 * @throws {InvalidArgumentError} (`argument: 'proxy'`) for anything else, or outside Node.
 */
export function checkProxy(proxy: unknown, scope: RuntimeScope = globalThis as RuntimeScope): ProxySetting | undefined {
  if (proxy === undefined || proxy === null || proxy === '') return undefined;
  if (typeof proxy !== 'string') {
    throw new InvalidArgumentError('proxy', `[opentok] proxy must be a URL string ${EXAMPLE}, not ${typeOf(proxy)}`);
  }
  let url: { protocol: string; hostname: string; host: string };
  try {
    url = new URL(proxy);
  } catch {
    throw new InvalidArgumentError('proxy', `[opentok] proxy is not a valid URL; give one ${EXAMPLE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(
      'proxy',
      `[opentok] proxy must be an http: or https: URL ${EXAMPLE} (${url.protocol.slice(0, 20)} is not supported)`,
    );
  }
  if (url.hostname === '') {
    throw new InvalidArgumentError('proxy', `[opentok] proxy URL has no host; give one ${EXAMPLE}`);
  }
  if (typeof scope.process?.versions?.node !== 'string') {
    throw new InvalidArgumentError(
      'proxy',
      '[opentok] the proxy option needs Node (it uses undici); on this runtime pass a `fetch` option that routes requests through your proxy',
    );
  }
  return { url: proxy, label: `${url.protocol}//${url.host}` };
}

/**
 * A `fetch` that sends each request through the proxy. undici and the agent are made on the
 * first call and shared by the later ones; a failed load is retried on the next call.
 */
export function createProxyFetch(setting: ProxySetting): FetchFunction {
  let loading: Promise<{ undici: Undici; dispatcher: object }> | undefined;
  const load = () => {
    loading ??= loadUndici().then(
      (undici) => ({
        undici,
        dispatcher: new undici.ProxyAgent({ uri: setting.url, clientFactory: refusingClient(undici) }),
      }),
      (error: unknown) => {
        loading = undefined;
        throw new InvalidArgumentError(
          'proxy',
          '[opentok] the proxy option needs the undici package, which could not be loaded; reinstall opentok',
          { cause: error },
        );
      },
    );
    return loading;
  };
  return async (url, init) => {
    const { undici, dispatcher } = await load();
    return (await undici.fetch(url, { ...init, dispatcher })) as Awaited<ReturnType<FetchFunction>>;
  };
}

/**
 * The `clientFactory` of the `ProxyAgent`: undici's `Pool` to the proxy, whose `connect` (the
 * `CONNECT` of a tunnel) fails for good, with code {@link PROXY_REFUSED}, when the proxy answers
 * anything but 200 or closes the connection without an answer. undici then fails the request
 * instead of reconnecting (it retries only `UND_ERR_SOCKET` and `UND_ERR_INFO`).
 */
function refusingClient(undici: Undici) {
  return (origin: object, options: object): ProxyClient => {
    const pool = new undici.Pool(origin, options);
    const connect = pool.connect.bind(pool);
    pool.connect = async (params) => {
      let tunnel: Awaited<ReturnType<ProxyClient['connect']>>;
      try {
        tunnel = await connect(params);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'UND_ERR_SOCKET') throw error;
        throw refusal('closed the connection without answering CONNECT; it may not support tunnels', error);
      }
      if (tunnel.statusCode === 200) return tunnel;
      tunnel.socket.on('error', () => {});
      tunnel.socket.destroy();
      const hint = tunnel.statusCode === 407 ? ', check the credentials in the proxy URL' : '';
      throw refusal(`answered ${Math.trunc(tunnel.statusCode)} to CONNECT${hint}`);
    };
    return pool;
  };
}

/** The error of a refused `CONNECT`: `message` says what the proxy did, in words safe to show. */
function refusal(what: string, cause?: unknown): Error {
  const error = new Error(`the proxy ${what}`, cause === undefined ? undefined : { cause });
  return Object.assign(error, { code: PROXY_REFUSED });
}

/**
 * Says that a {@link NetworkError} happened on the way through the proxy (by its scheme, host
 * and port only), since the code and address in its message may be the proxy's; when the proxy
 * refused the tunnel, says what it answered instead of the code.
 */
export function throughProxy(error: unknown, setting: ProxySetting | undefined): unknown {
  if (setting === undefined || !NetworkError.isInstance(error)) return error;
  const refused = refusalOf(error.cause);
  const said = refused ? `${error.message.replace(` (${PROXY_REFUSED})`, '')}: ${refused}` : error.message;
  const message = `${said} (through the proxy ${setting.label})`;
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  return error;
}

/**
 * The message of the {@link PROXY_REFUSED} error in a cause chain: the innermost error with that
 * code (`sanitizeCause` copies an inner code onto the outer `fetch failed` as well).
 */
function refusalOf(cause: unknown): string | undefined {
  let found: string | undefined;
  for (let current = cause, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === PROXY_REFUSED && typeof message === 'string' && message.startsWith('the proxy ')) found = message;
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/**
 * Loads undici through the package's `#undici` import: Node (and tools that trace a Node
 * program's files) resolve it to the undici dependency; edge and browser bundlers, which do not
 * match the `node` condition, to an empty module, so undici never enters their bundles (the
 * constructor refuses a proxy outside Node).
 */
async function loadUndici(): Promise<Undici> {
  const loaded = (await import('#undici')) as unknown as Undici & { default?: Undici };
  return typeof loaded.ProxyAgent === 'function' ? loaded : (loaded.default as Undici);
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

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
  ProxyAgent: new (url: string) => object;
}

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
      (undici) => ({ undici, dispatcher: new undici.ProxyAgent(setting.url) }),
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
 * Says that a {@link NetworkError} happened on the way through the proxy (by its scheme, host
 * and port only), since the code and address in its message may be the proxy's.
 */
export function throughProxy(error: unknown, setting: ProxySetting | undefined): unknown {
  if (setting === undefined || !NetworkError.isInstance(error)) return error;
  const message = `${error.message} (through the proxy ${setting.label})`;
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  return error;
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

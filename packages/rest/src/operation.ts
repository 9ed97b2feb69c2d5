/**
 * Operations as data: each REST call is one {@link Operation} (method, path template, path
 * parameters, how its arguments become a query or body, how its answer is decoded, size cap),
 * and {@link bindOperation} runs any of them through the one request core, which checks and
 * encodes every path segment, caps the body, accepts any 2xx and maps every failure. Paging
 * is one helper, {@link paginate}.
 * @module
 */
import type { Answer, Call, HttpMethod, Send } from './request.js';
import { fail, optionalInteger, requireOptions, show } from './validate.js';

/** The last, optional argument of every method. */
export interface CallOptions {
  /** Cancels the call: it then rejects with a `NetworkError` whose `cause` is the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Signs a moderator T1 token for the legacy calls, for a session or a placeholder one. */
export type LegacyTokenSigner = (sessionId: string | undefined) => string;

/** What an operation may use besides its arguments. */
export interface OperationContext {
  /** The client's project API key. */
  apiKey: string;
  /** Signs a moderator T1 token (for the 1.0 calls). */
  sign: LegacyTokenSigner;
}

/** The parts of a call that an operation builds from its arguments. */
export type CallParts = Pick<Call, 'query' | 'json' | 'form' | 'accept' | 'tokenAuth'>;

/** One REST call, as data. */
export interface Operation<Args extends readonly unknown[], Output> {
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path template below the API URL; `{apiKey}` is the client's key, other `{name}`s are `params`. */
  readonly path: string;
  /** Names of the path parameters, filled from the first arguments in this order. */
  readonly params?: readonly string[] | undefined;
  /** Number of arguments the method declares; a {@link CallOptions} may follow them. */
  readonly arity: number;
  /** Checks the arguments and builds the query or body (throws `InvalidArgumentError`). */
  readonly build?: ((args: Args, context: OperationContext) => CallParts) | undefined;
  /** Reads a successful (any 2xx) answer; gets the (already checked) arguments too. */
  readonly decode: (answer: Answer, context: OperationContext, args: Args) => Output | Promise<Output>;
  /** Largest answer accepted, in bytes. @default 1 MiB */
  readonly maxBytes?: number | undefined;
}

/** The answer limit of the list calls: a page of up to 1,000 items, each with a few URLs. */
export const LIST_MAX_BYTES = 16 * 1024 * 1024;

/** A method of a client: the operation's arguments, then optional {@link CallOptions}. */
export type OperationMethod<Args extends readonly unknown[], Output> = (
  ...args: [...Args, callOptions?: CallOptions]
) => Promise<Output>;

/** Declares an operation, inferring its types. */
export const defineOperation = <Args extends readonly unknown[], Output>(
  operation: Operation<Args, Output>,
): Operation<Args, Output> => operation;

/** The {@link CallOptions} argument, checked. */
export function toCallOptions(value: unknown): CallOptions {
  const options = requireOptions('callOptions', value as CallOptions | undefined, ['signal']);
  const { signal } = options;
  if (signal !== undefined && !isSignal(signal)) {
    fail('callOptions.signal', `callOptions.signal must be an AbortSignal, not ${show(signal)}`);
  }
  return options;
}

const isSignal = (value: unknown): value is AbortSignal =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function';

/** Binds an operation to a request core: the method a client exposes. */
export function bindOperation<Args extends readonly unknown[], Output>(
  send: Send,
  context: OperationContext,
  operation: Operation<Args, Output>,
): OperationMethod<Args, Output> {
  const { method, path, arity, maxBytes } = operation;
  const names = operation.params ?? [];
  return async (...all) => {
    const args = all.slice(0, arity) as unknown as Args;
    const { signal } = toCallOptions(all[arity]);
    const params: Record<string, unknown> = {};
    names.forEach((name, index) => {
      params[name] = args[index];
    });
    const parts = operation.build?.(args, context);
    const answer = await send({ method, path, params, ...parts, maxBytes, signal });
    return operation.decode(answer, context, args);
  };
}

/** Binds every operation of a table. */
export function bindTable<Table extends Record<string, Operation<never, unknown>>>(
  send: Send,
  context: OperationContext,
  table: Table,
): {
  [Name in keyof Table]: Table[Name] extends Operation<infer Args, infer Output>
    ? OperationMethod<Args, Output>
    : never;
} {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(table)) bound[name] = bindOperation(send, context, operation);
  return bound as never;
}

/** One page of a list. */
export interface Page<Item> {
  /** Total number of items matching, over every page. */
  count: number;
  items: Item[];
}

/** Options of an `all` method: the list's filter plus the page size. */
export type AllOptions<Filter> = Filter & {
  /** Items fetched per request, 1 to 1000. @default 100 */
  pageSize?: number | undefined;
};

/**
 * The `all` method of a list: every item, page after page, as an async iterator. The filter
 * keys are passed on to `list` with `offset` and `count`.
 */
export function paginate<Item, Filter extends object>(
  list: (options: Filter & { offset?: number; count?: number }, callOptions?: CallOptions) => Promise<Page<Item>>,
  filterKeys: readonly (keyof Filter & string)[],
): (options?: AllOptions<Filter>, callOptions?: CallOptions) => AsyncIterableIterator<Item> {
  return async function* all(input, callOptions) {
    const options = requireOptions('options', input as object | undefined, [...filterKeys, 'pageSize']) as Partial<
      AllOptions<Filter>
    >;
    toCallOptions(callOptions);
    const pageSize = optionalInteger('pageSize', options.pageSize, 1, 1000) ?? 100;
    const filter: Record<string, unknown> = {};
    for (const key of filterKeys) if (options[key] !== undefined) filter[key] = options[key];
    let offset = 0;
    for (;;) {
      const page = await list({ ...(filter as Filter), offset, count: pageSize }, callOptions);
      yield* page.items;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.count) return;
    }
  };
}

/** `true` for a plain object (not `null`, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a `{ count, items }` page, decoding each item; `null` or a missing `count` counts the items. */
export function readPage<Item>(answer: Answer, value: unknown, decodeItem: (item: unknown) => Item): Page<Item> {
  if (!isRecord(value) || !Array.isArray(value.items)) throw answer.parseError('expected { count, items }');
  const items = value.items.map(decodeItem);
  return { count: typeof value.count === 'number' ? value.count : items.length, items };
}

/** Decoder of an answer whose body does not matter (204, or an empty 200). */
export const ignoreBody = (): void => undefined;

/**
 * The 1.0 call shapes and snake_case names, mapped to the modern camelCase options in this
 * one place. Nothing here talks HTTP or signs anything.
 * @module
 */
import { InvalidArgumentError, type Role, type TokenOptions } from '@opentok/token';

/** The properties object of the 1.0 `createSession`. */
export interface LegacySessionProperties {
  /**
   * `'enabled'`: relayed (peer to peer) media. `'disabled'` (the default): routed through the
   * media router, which archiving needs.
   */
  'p2p.preference'?: 'enabled' | 'disabled' | undefined;
}

/** The object form of the 1.0 `generateToken`. */
export interface LegacyTokenOptions {
  /** The session the token admits to. Alias: `sessionId`. */
  session_id?: string | undefined;
  /** The role; see `RoleConstants`. @default 'publisher' */
  role?: Role | undefined;
  /** Expiry in Unix seconds (or a `Date`). Alias: `expireTime`. @default now + 24 hours */
  expire_time?: number | Date | undefined;
  /** Data other clients see, at most 1000 characters. Alias: `data`. */
  connection_data?: string | undefined;
  /** CSS class names for composed layouts. Alias: `initialLayoutClassList`. */
  initial_layout_class_list?: readonly string[] | undefined;
}

/** The second-argument form of the 1.0 `generateToken`: `(sessionId, { role, expireTime, data })`. */
export type LegacyTokenSettings = Pick<TokenOptions, 'role' | 'expireTime' | 'data' | 'initialLayoutClassList'>;

/** What the four call forms of the 1.0 `createSession` come down to. */
export interface CreateSessionCall {
  location: string | undefined;
  mediaMode: 'routed' | 'relayed';
  callback: unknown;
}

const TOKEN_KEYS: Record<string, keyof TokenOptions | 'sessionId'> = {
  session_id: 'sessionId',
  sessionId: 'sessionId',
  role: 'role',
  expire_time: 'expireTime',
  expireTime: 'expireTime',
  connection_data: 'data',
  data: 'data',
  initial_layout_class_list: 'initialLayoutClassList',
  initialLayoutClassList: 'initialLayoutClassList',
};

/** Edit distance between two short names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The message for an unknown `generateToken` option: the key when it looks like a name (never a
 * value that landed in the key by mistake), and the nearest known option when one is close.
 */
function unknownTokenOption(key: string): string {
  if (!/^[A-Za-z_$][\w$.-]{0,63}$/.test(key)) return '[opentok] Unknown token option (not an option name)';
  const [nearest] = Object.keys(TOKEN_KEYS)
    .map((known) => [known, distance(key.toLowerCase(), known.toLowerCase())] as const)
    .filter(([known, steps]) => steps <= Math.max(2, Math.floor(known.length / 3)))
    .sort((a, b) => a[1] - b[1]);
  // One style across the packages: `Unknown option 'rol' (did you mean 'role'?)`.
  const hint = nearest ? ` (did you mean '${nearest[0]}'?)` : '';
  return `[opentok] Unknown token option '${key}'${hint}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sorts out `(callback)`, `(location, callback)`, `(properties, callback)` and
 * `(location, properties, callback)`; the callback may also be left out (the facade then
 * returns a promise). `null`, `undefined` and `''` stand for "no location" / "no properties".
 * @throws {InvalidArgumentError} for any other shape, an unknown property or a bad value.
 * @example
 * parseCreateSessionArguments(['127.0.0.1', { 'p2p.preference': 'enabled' }, done])
 * // → { location: '127.0.0.1', mediaMode: 'relayed', callback: done }
 */
export function parseCreateSessionArguments(args: readonly unknown[]): CreateSessionCall {
  const rest = [...args];
  const callback = typeof rest.at(-1) === 'function' ? rest.pop() : undefined;
  while (rest.length > 0 && rest.at(-1) === undefined) rest.pop();
  if (rest.length > 2) {
    throw new InvalidArgumentError('arguments', '[opentok] createSession takes ([location], [properties], callback)');
  }
  let [location, properties] = rest;
  if (rest.length === 1 && isPlainObject(location)) [location, properties] = [undefined, location];
  if (location === null || location === '') location = undefined;
  if (location !== undefined && typeof location !== 'string') {
    throw new InvalidArgumentError('location', '[opentok] location must be an IP address string');
  }
  if (properties === null) properties = undefined;
  if (properties !== undefined && !isPlainObject(properties)) {
    throw new InvalidArgumentError('properties', '[opentok] properties must be an object');
  }
  return { location, mediaMode: toMediaMode(properties ?? {}), callback };
}

function toMediaMode(properties: Record<string, unknown>): 'routed' | 'relayed' {
  for (const key of Object.keys(properties)) {
    if (key !== 'p2p.preference') {
      throw new InvalidArgumentError(
        'properties',
        `[opentok] Unsupported session property ${JSON.stringify(key)}: the service knows only 'p2p.preference' ` +
          '(use new OpenTok(...).createSession for archiveMode and the other modern options)',
      );
    }
  }
  const preference = properties['p2p.preference'] ?? 'disabled';
  if (preference !== 'enabled' && preference !== 'disabled') {
    throw new InvalidArgumentError('p2p.preference', "[opentok] p2p.preference must be 'enabled' or 'disabled'");
  }
  return preference === 'enabled' ? 'relayed' : 'routed';
}

/**
 * Turns either 1.0 form of `generateToken`'s arguments into a session ID and the modern
 * options, always asking for a T1 token as the 1.0 module produced.
 * @throws {InvalidArgumentError} for an unknown option name or a non-object options argument.
 * @example
 * toTokenCall({ session_id: id, role: 'moderator', connection_data: 'userId:42' })
 * // → { sessionId: id, options: { role: 'moderator', data: 'userId:42', format: 't1' } }
 */
export function toTokenCall(
  first: unknown,
  second?: unknown,
): { sessionId: unknown; options: TokenOptions & { format: 't1' } } {
  let source: Record<string, unknown>;
  if (isPlainObject(first)) {
    if (second !== undefined) {
      throw new InvalidArgumentError(
        'options',
        '[opentok] generateToken takes ({ session_id, ... }) or (sessionId, options)',
      );
    }
    source = first;
  } else {
    if (second !== undefined && second !== null && !isPlainObject(second)) {
      throw new InvalidArgumentError('options', '[opentok] generateToken options must be an object');
    }
    source = { ...(second ?? {}), sessionId: first };
  }
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const name = Object.hasOwn(TOKEN_KEYS, key) ? TOKEN_KEYS[key] : undefined;
    if (name === undefined) throw new InvalidArgumentError(key, unknownTokenOption(key));
    if (value !== undefined && value !== null) named[name] = value;
  }
  const { sessionId, ...options } = named;
  return { sessionId, options: { ...(options as TokenOptions), format: 't1' } };
}

/**
 * What a CommonJS TypeScript user writes (`module: node16`, a `.cts` file): the types of
 * `require('opentok')` must be the class itself, with every other export attached to it,
 * as the CommonJS build is. Compiled by `pnpm typecheck` against dist/, never run.
 * @module
 */
import OpenTok = require('opentok');

/** True only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function check<T extends true>(): void;

// The module is the modern class: constructible, usable as a type, with its members typed.
const opentok = new OpenTok('123456', 'secret');
const typed: OpenTok = opentok;
// createSession's promise form resolves to the 2.x session, which has the REST session's fields.
const created = typed.createSession({ mediaMode: 'routed' });
check<Equal<typeof created, Promise<OpenTok.SessionResult>>>();
const session: OpenTok.Session = {} as Awaited<typeof created>;
void session;
check<Equal<ReturnType<typeof opentok.generateToken>, string>>();
check<Equal<typeof opentok.apiKey, string>>();
// @ts-expect-error the secret is required
new OpenTok('123456');
// Callable without `new` as well, as 2.x (and the ESM types) allow.
const called = OpenTok('123456', 'secret', {
  apiUrl: 'https://api.opentok.com',
  proxy: 'http://proxy.example.com:3128',
});
check<Equal<typeof called, OpenTok>>();
const fromNumber: OpenTok.OpenTok = OpenTok(123456, 'secret', 'https://api.opentok.com');
void fromNumber;
// @ts-expect-error the secret is required without `new` too
OpenTok('123456');

// The named exports hang off it, values and types alike, as in the CommonJS build.
const sdk = new OpenTok.OpenTokSDK('123456', 'secret');
check<Equal<typeof OpenTok.RoleConstants.MODERATOR, 'moderator'>>();
check<Equal<ReturnType<typeof sdk.generateToken>, string>>();
const named: OpenTok.OpenTok = new OpenTok.OpenTok('123456', 'secret');
// The class and the module are one at run time: instances go both ways.
const fromNamed: OpenTok = named;
const fromModule: OpenTok.OpenTok = opentok;
void [fromNamed, fromModule];
check<Equal<typeof named.apiKey, string>>();
check<Equal<typeof OpenTok.default, typeof OpenTok.OpenTok>>();
check<Equal<ReturnType<typeof OpenTok.generateToken>, string>>();
check<Equal<ReturnType<typeof OpenTok.encodeSessionId>, string>>();
const error: unknown = undefined;
if (OpenTok.NotFoundError.isInstance(error)) check<Equal<typeof error.status, number | undefined>>();
const role: OpenTok.Role = 'publisher';
const options: OpenTok.OpenTokOptions = { timeout: 1000 };
const client: OpenTok.Client = OpenTok.createClient({ apiKey: '123456', apiSecret: 'secret', ...options });
void [role, client];
// @ts-expect-error an unknown export is not invented
OpenTok.noSuchExport;

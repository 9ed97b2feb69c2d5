/**
 * Type tests of the public door (sources, so that typecheck needs no build of this package):
 * compiled by `pnpm typecheck`, never run. Each `@ts-expect-error` fails the
 * build if the line it marks starts to compile.
 * @module
 */
import type OpenTok from '../src/index.js';
import {
  type Archive,
  type OpenTokArchive,
  type OpenTokSDK,
  RoleConstants,
  type Session,
  SessionProperties,
} from '../src/index.js';

declare const sdk: OpenTokSDK;
declare const opentok: OpenTok;
declare function expectType<T>(value: T): void;

// The modern class: promises with the REST layer's types, synchronous tokens.
expectType<Promise<Session>>(opentok.createSession({ mediaMode: 'routed' }));
expectType<string>(opentok.generateToken('1_x', { role: 'moderator', format: 't1' }));
expectType<Promise<Archive>>(opentok.archives.start('1_x'));
// @ts-expect-error an unknown role is refused at compile time too
opentok.generateToken('1_x', { role: 'owner' });

// The 1.0 facade: callbacks return nothing, no callback returns a promise.
expectType<undefined>(sdk.createSession((_error, sessionId) => expectType<string | undefined>(sessionId)));
expectType<undefined>(sdk.createSession('127.0.0.1', { 'p2p.preference': 'enabled' }, () => {}));
expectType<Promise<string>>(sdk.createSession({ 'p2p.preference': 'disabled' }));
// @ts-expect-error p2p.preference is 'enabled' or 'disabled'
sdk.createSession({ 'p2p.preference': 'sometimes' }, () => {});

expectType<string>(
  sdk.generateToken({ session_id: '1_x', role: RoleConstants.PUBLISHER, connection_data: 'userId:42' }),
);
expectType<string>(sdk.generateToken('1_x', { role: 'subscriber', expireTime: 1, data: 'x' }));
expectType<'p2p.preference'>(SessionProperties.p2p_preference);

// A one-parameter handler is typed without help and returns the promise its failure rejects.
expectType<Promise<OpenTokArchive>>(
  sdk.getArchiveManifest('id', 'token', (tbarchive) => {
    expectType<string>(tbarchive.resources[0]!.getId());
    expectType<Promise<string>>(tbarchive.downloadArchiveURL('video', (url) => expectType<string>(url)));
  }),
);
// A two-parameter handler, annotated, gets (error, result) and the call returns nothing.
expectType<undefined>(sdk.getArchiveManifest('id', 'token', (_error: Error | null, _tbarchive?: OpenTokArchive) => {}));

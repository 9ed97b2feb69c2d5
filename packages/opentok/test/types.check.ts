/**
 * Type tests of the public door (sources, so that typecheck needs no build of this package):
 * compiled by `pnpm typecheck`, never run. `toEqualTypeOf` fails unless the types are the same
 * (not merely assignable: `any` or a wider type fails too), and each `@ts-expect-error` fails
 * the build if the line it marks starts to compile.
 * @module
 */

import { expectTypeOf } from 'vitest';
import type OpenTok from '../src/index.js';
import {
  type Archive,
  type Broadcast,
  type OpenTokArchive,
  type OpenTokSDK,
  RoleConstants,
  type Session,
  SessionProperties,
} from '../src/index.js';

declare const sdk: OpenTokSDK;
declare const opentok: OpenTok;

// The modern class: promises with the REST layer's types, synchronous tokens. createSession's
// promise is of the 2.x session it resolves to, which has the REST session's fields.
expectTypeOf(opentok.createSession({ mediaMode: 'routed' })).toEqualTypeOf<Promise<SessionResult>>();
expectTypeOf(opentok.createSession({ mediaMode: 'routed' })).resolves.toExtend<Session>();
expectTypeOf(opentok.generateToken('1_x', { role: 'moderator', format: 't1' })).toEqualTypeOf<string>();
expectTypeOf(opentok.archives.start('1_x')).toEqualTypeOf<Promise<Archive>>();
expectTypeOf(opentok.broadcasts.start('1_x', { outputs: { hls: {} } })).toEqualTypeOf<Promise<Broadcast>>();
// @ts-expect-error an unknown role is refused at compile time too
opentok.generateToken('1_x', { role: 'owner' });

// The 1.0 facade: callbacks return nothing, no callback returns a promise.
expectTypeOf(
  sdk.createSession((_error, sessionId) => {
    expectTypeOf(sessionId).toEqualTypeOf<string | undefined>();
  }),
).toEqualTypeOf<undefined>();
expectTypeOf(sdk.createSession('127.0.0.1', { 'p2p.preference': 'enabled' }, () => {})).toEqualTypeOf<undefined>();
expectTypeOf(sdk.createSession({ 'p2p.preference': 'disabled' })).toEqualTypeOf<Promise<string>>();
// @ts-expect-error p2p.preference is 'enabled' or 'disabled'
sdk.createSession({ 'p2p.preference': 'sometimes' }, () => {});

expectTypeOf(
  sdk.generateToken({ session_id: '1_x', role: RoleConstants.PUBLISHER, connection_data: 'userId:42' }),
).toEqualTypeOf<string>();
expectTypeOf(sdk.generateToken('1_x', { role: 'subscriber', expireTime: 1, data: 'x' })).toEqualTypeOf<string>();
expectTypeOf(SessionProperties.p2p_preference).toEqualTypeOf<'p2p.preference'>();

// A one-parameter handler is typed without help and returns the promise its failure rejects.
expectTypeOf(
  sdk.getArchiveManifest('id', 'token', (tbarchive) => {
    expectTypeOf(tbarchive.resources[0]!.getId()).toEqualTypeOf<string>();
    expectTypeOf(
      tbarchive.downloadArchiveURL('video', (url) => {
        expectTypeOf(url).toEqualTypeOf<string>();
      }),
    ).toEqualTypeOf<Promise<string>>();
  }),
).toEqualTypeOf<Promise<OpenTokArchive>>();
// A two-parameter handler, annotated, gets (error, result) and the call returns nothing.
expectTypeOf(
  sdk.getArchiveManifest('id', 'token', (_error: Error | null, _tbarchive?: OpenTokArchive) => {}),
).toEqualTypeOf<undefined>();

// The 2.x forms of the same class (src/compat/v2.ts): callback last returns nothing, no
// callback returns a promise; callable without `new`; the 2.x result classes.
import OpenTokClass, { type ArchiveResult, type SessionResult } from '../src/index.js';

const v2 = OpenTokClass('123456', 'secret', 'https://api.opentok.com');
expectTypeOf(v2).toEqualTypeOf<OpenTok>();
expectTypeOf(
  v2.createSession({ mediaMode: 'routed' }, (_error, session) => void session.sessionId),
).toEqualTypeOf<undefined>();
expectTypeOf(v2.startArchive('1_x', { name: 'x' })).toEqualTypeOf<Promise<ArchiveResult>>();
expectTypeOf(v2.startArchive('1_x', (_error, archive) => void archive.stop())).toEqualTypeOf<undefined>();
expectTypeOf(
  v2.listArchives({ count: 5 }, (_error, archives, total) => void [archives[0]?.delete(), total]),
).toEqualTypeOf<undefined>();
expectTypeOf(v2.getStream('1_x', 's')).toEqualTypeOf<Promise<import('../src/index.js').StreamResult>>();
expectTypeOf(v2.generateToken('1_x', { initialLayoutClassList: 'focus full' }, true)).toEqualTypeOf<string>();
declare const made: SessionResult;
expectTypeOf(made.generateToken({ role: 'moderator' })).toEqualTypeOf<string>();
// @ts-expect-error a proxy is a string
new OpenTokClass('123456', 'secret', { proxy: 1 });

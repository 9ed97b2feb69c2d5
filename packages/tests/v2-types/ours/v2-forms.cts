/**
 * The 2.x forms our types declare beyond `@types/opentok` (ours only, so not in ../app/): the
 * short callback forms 2.23 takes (options left out), `remove*Stream` as 2.23 takes it, the
 * five-argument layout form, `headers: null`, and `util.promisify` of the methods
 * `@types/opentok` does not declare, each with its full argument list. Compiled, never run.
 * @module
 */
import OpenTok = require('opentok');
import util = require('node:util');

import { expectTypeOf } from 'vitest';

declare const opentok: OpenTok;
type Done = (error: Error | null) => void;
declare const done: Done;

// Short callback forms: the options left out, the callback typed, nothing returned.
expectTypeOf(
  opentok.createSession((error, session) => {
    expectTypeOf(error).toEqualTypeOf<Error | null>();
    expectTypeOf(session.sessionId).toEqualTypeOf<string>();
  }),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.startArchive('session', (_error, archive) => expectTypeOf(archive).toEqualTypeOf<OpenTok.Archive>()),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.listArchives((_error, archives, total) => {
    expectTypeOf(archives).toEqualTypeOf<OpenTok.Archive[]>();
    expectTypeOf(total).toEqualTypeOf<number>();
  }),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.listBroadcasts((_error, broadcasts) => expectTypeOf(broadcasts).toEqualTypeOf<OpenTok.Broadcast[]>()),
).toEqualTypeOf<undefined>();
expectTypeOf(opentok.addArchiveStream('archive', 'stream', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.addBroadcastStream('broadcast', 'stream', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.forceMuteAll('session', done)).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.startCaptions('session', 'token', (_error, id) => expectTypeOf(id).toEqualTypeOf<string>()),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.websocketConnect('session', 'token', 'wss://example.com', (_error, connection) =>
    expectTypeOf(connection.connectionId).toEqualTypeOf<string>(),
  ),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.listCallbacks((_error, callbacks) => expectTypeOf(callbacks).toEqualTypeOf<OpenTok.CallbackResult[]>()),
).toEqualTypeOf<undefined>();
expectTypeOf(
  opentok.dial('session', 'token', 'sip:a@b', (_error, call) => expectTypeOf(call.id).toEqualTypeOf<string>()),
).toEqualTypeOf<undefined>();

// remove*Stream as 2.23 takes it (no options), and the promise form with or without options.
expectTypeOf(opentok.removeArchiveStream('archive', 'stream', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.removeBroadcastStream('broadcast', 'stream', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.removeArchiveStream('archive', 'stream', {})).toEqualTypeOf<Promise<void>>();
expectTypeOf(opentok.removeBroadcastStream('broadcast', 'stream')).toEqualTypeOf<Promise<void>>();

// Layouts: the type alone, `null` stylesheets, a screen-share type, with or without a callback.
expectTypeOf(opentok.setArchiveLayout('archive', 'pip', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.setArchiveLayout('archive', 'bestFit', null, 'pip', done)).toEqualTypeOf<undefined>();
expectTypeOf(opentok.setBroadcastLayout('broadcast', 'bestFit', null, 'pip')).toEqualTypeOf<Promise<void>>();
expectTypeOf(opentok.setBroadcastLayout('broadcast', 'pip', null, null)).toEqualTypeOf<Promise<void>>();

// `headers: null`, as 2.x takes it (nothing is sent).
void opentok.dial('session', 'token', 'sip:a@b', { headers: null, secure: true });
void opentok.websocketConnect('session', 'token', 'wss://example.com', { headers: null });

// The promise form of createSession: the 2.x session.
expectTypeOf(opentok.createSession()).toEqualTypeOf<Promise<OpenTok.SessionResult>>();

// util.promisify of the bound methods: the full argument list, the result.
const promised = {
  forceMuteAll: util.promisify(opentok.forceMuteAll.bind(opentok)),
  forceMuteStream: util.promisify(opentok.forceMuteStream.bind(opentok)),
  disableForceMute: util.promisify(opentok.disableForceMute.bind(opentok)),
  startCaptions: util.promisify(opentok.startCaptions.bind(opentok)),
  stopCaptions: util.promisify(opentok.stopCaptions.bind(opentok)),
  websocketConnect: util.promisify(opentok.websocketConnect.bind(opentok)),
  listCallbacks: util.promisify(opentok.listCallbacks.bind(opentok)),
  registerCallback: util.promisify(opentok.registerCallback.bind(opentok)),
  unregisterCallback: util.promisify(opentok.unregisterCallback.bind(opentok)),
  startRender: util.promisify(opentok.startRender.bind(opentok)),
  getRender: util.promisify(opentok.getRender.bind(opentok)),
  listRenders: util.promisify(opentok.listRenders.bind(opentok)),
  stopRender: util.promisify(opentok.stopRender.bind(opentok)),
  removeArchiveStream: util.promisify(opentok.removeArchiveStream.bind(opentok)),
  setArchiveLayout: util.promisify(opentok.setArchiveLayout.bind(opentok)),
};
expectTypeOf(promised.forceMuteAll).parameters.toExtend<[string, object | undefined]>();
expectTypeOf(promised.forceMuteStream).toEqualTypeOf<(sessionId: string, streamId: string) => Promise<void>>();
expectTypeOf(promised.disableForceMute).returns.toEqualTypeOf<Promise<void>>();
expectTypeOf(promised.startCaptions).parameters.toExtend<[string, string, object | undefined]>();
expectTypeOf(promised.startCaptions).returns.toEqualTypeOf<Promise<string>>();
expectTypeOf(promised.stopCaptions).returns.toEqualTypeOf<Promise<true>>();
expectTypeOf(promised.websocketConnect).parameters.toExtend<[string, string, string, object | undefined]>();
expectTypeOf(promised.websocketConnect).returns.toEqualTypeOf<Promise<{ id: string; connectionId: string }>>();
expectTypeOf(promised.listCallbacks).returns.toEqualTypeOf<Promise<OpenTok.CallbackResult[]>>();
expectTypeOf(promised.registerCallback).returns.toEqualTypeOf<Promise<OpenTok.CallbackResult>>();
expectTypeOf(promised.unregisterCallback).returns.toEqualTypeOf<Promise<void>>();
expectTypeOf(promised.startRender).returns.toEqualTypeOf<Promise<OpenTok.RenderResult>>();
expectTypeOf(promised.getRender).returns.toEqualTypeOf<Promise<OpenTok.RenderResult>>();
expectTypeOf(promised.listRenders).returns.toEqualTypeOf<Promise<{ count: number; items: OpenTok.RenderResult[] }>>();
expectTypeOf(promised.stopRender).returns.toEqualTypeOf<Promise<void>>();
expectTypeOf(promised.removeArchiveStream).parameters.toEqualTypeOf<
  [archiveId: string, streamId: string, options: OpenTok.PatchStream | undefined]
>();
expectTypeOf(promised.setArchiveLayout).parameters.toEqualTypeOf<
  [archiveId: string, type: string, stylesheet: string | null | undefined]
>();

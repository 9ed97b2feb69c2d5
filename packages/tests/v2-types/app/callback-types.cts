/**
 * The parameter types the 2.x callbacks receive, checked with vitest's `expectTypeOf`: the
 * error is `Error | null`; a result is the namespace type of the same name (or `undefined`
 * where `@types/opentok` marks it optional). Compiled, never run.
 * @module
 */
import OpenTok = require('opentok');

import { expectTypeOf } from 'vitest';

declare const opentok: OpenTok;

opentok.createSession({}, (error, session) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  // 2.x's session object: `sessionId` and more (`properties`, `generateToken()`).
  expectTypeOf(session).exclude<undefined>().toExtend<OpenTok.Session>();
});
opentok.startArchive('session', {}, (error, archive) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(archive).exclude<undefined>().toEqualTypeOf<OpenTok.Archive>();
});
opentok.stopArchive('archive', (error, archive) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(archive).exclude<undefined>().toEqualTypeOf<OpenTok.Archive>();
});
opentok.getArchive('archive', (_error, archive) => {
  expectTypeOf(archive).exclude<undefined>().toEqualTypeOf<OpenTok.Archive>();
  if (archive) {
    archive.stop((stopError, stopped) => {
      expectTypeOf(stopError).toEqualTypeOf<Error | null>();
      expectTypeOf(stopped).exclude<undefined>().toEqualTypeOf<OpenTok.Archive>();
    });
    archive.delete((deleteError) => expectTypeOf(deleteError).toEqualTypeOf<Error | null>());
  }
});
opentok.deleteArchive('archive', (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.listArchives({}, (error, archives, totalCount) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(archives).exclude<undefined>().toEqualTypeOf<OpenTok.Archive[]>();
  expectTypeOf(totalCount).exclude<undefined>().toEqualTypeOf<number>();
});
opentok.startBroadcast('session', { outputs: { hls: {} }, layout: { type: 'bestFit' } }, (error, broadcast) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(broadcast).toEqualTypeOf<OpenTok.Broadcast>();
  broadcast.stop((stopError, stopped) => {
    expectTypeOf(stopError).toEqualTypeOf<Error | null>();
    expectTypeOf(stopped).toEqualTypeOf<OpenTok.Broadcast>();
  });
});
opentok.stopBroadcast('broadcast', (error, stopped) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(stopped).toExtend<OpenTok.BroadcastStopResponse>();
});
opentok.getBroadcast('broadcast', (_error, broadcast) => {
  expectTypeOf(broadcast).exclude<undefined>().toEqualTypeOf<OpenTok.Broadcast>();
});
opentok.listBroadcasts({}, (_error, broadcasts) => {
  expectTypeOf(broadcasts).exclude<undefined>().toEqualTypeOf<OpenTok.Broadcast[]>();
});
opentok.getStream('session', 'stream', (_error, stream) => {
  expectTypeOf(stream).exclude<undefined>().toEqualTypeOf<OpenTok.Stream>();
});
opentok.listStreams('session', (_error, streams) => {
  expectTypeOf(streams).exclude<undefined>().toEqualTypeOf<OpenTok.Stream[]>();
});
opentok.dial('session', 'token', 'sip:a@b', { secure: true, from: 'me' }, (error, call) => {
  expectTypeOf(error).toEqualTypeOf<Error | null>();
  expectTypeOf(call).toEqualTypeOf<OpenTok.SipInterconnect>();
});
opentok.signal('session', null, { type: 't', data: 'd' }, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.forceDisconnect('session', 'connection', (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.playDTMF('session', 'connection', '1', (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.setArchiveLayout('archive', 'custom', 'stream { }', (error) =>
  expectTypeOf(error).toEqualTypeOf<Error | null>(),
);
opentok.setBroadcastLayout('broadcast', 'custom', 'stream { }', (error) =>
  expectTypeOf(error).toEqualTypeOf<Error | null>(),
);
opentok.setStreamClassLists('session', [], (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.addArchiveStream('archive', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.addBroadcastStream('broadcast', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
// `null` stylesheets and the options of remove*Stream, as @types/opentok declares them.
opentok.getArchive('archive', (_error, archive) => {
  // `url`, `name`, `broadcastUrls` and `videoType` are typed as present, as @types/opentok types them.
  if (archive) expectTypeOf(archive.url).toEqualTypeOf<string>();
  if (archive) expectTypeOf(archive.name).toEqualTypeOf<string>();
});
opentok.setArchiveLayout('archive', 'pip', null, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.setBroadcastLayout('broadcast', 'pip', null, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.removeArchiveStream('archive', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.removeBroadcastStream('broadcast', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.startBroadcast('session', { outputs: { hls: {} }, layout: { type: 'pip' } }, (_error, broadcast) => {
  expectTypeOf(broadcast.broadcastUrls).toEqualTypeOf<OpenTok.BroadcastUrlsResponse>();
});
opentok.getStream('session', 'stream', (_error, stream) => {
  if (stream) expectTypeOf(stream.videoType).toExtend<string>();
});
expectTypeOf(opentok.generateToken('session')).toEqualTypeOf<OpenTok.Token>();

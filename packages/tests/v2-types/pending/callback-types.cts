/**
 * PENDING (issue 22, second part): callback parameter types that need compat/v2.ts and
 * compat/v2-results.ts changed (see server-signatures.cts). Compiled, never run.
 * @module
 */
import OpenTok = require('opentok');

import { expectTypeOf } from 'vitest';

declare const opentok: OpenTok;

opentok.getArchive('archive', (_error, archive) => {
  if (archive) expectTypeOf(archive.url).toEqualTypeOf<string>();
});
opentok.setArchiveLayout('archive', 'pip', null, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.setBroadcastLayout('broadcast', 'pip', null, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.removeArchiveStream('archive', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.removeBroadcastStream('broadcast', 'stream', {}, (error) => expectTypeOf(error).toEqualTypeOf<Error | null>());
opentok.startBroadcast('session', { outputs: { hls: {} }, layout: { type: 'pip' } }, (_error, broadcast) => {
  expectTypeOf(broadcast.broadcastUrls).toEqualTypeOf<OpenTok.BroadcastUrlsResponse>();
});

import { type CreateSessionOptions, InvalidArgumentError, RequestError, type StartArchiveOptions } from '@opentok/rest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();

interface SessionState {
  sessionId: string;
  mediaMode: string;
  archiveMode: string;
  e2ee: boolean;
  location: string | null;
}

/** Every valid combination of session options (docs/protocol.md §6.1). */
const sessionOptions: fc.Arbitrary<CreateSessionOptions> = fc
  .record(
    {
      mediaMode: fc.constantFrom('routed' as const, 'relayed' as const),
      archiveMode: fc.constantFrom('manual' as const, 'always' as const),
      e2ee: fc.boolean(),
      location: fc.ipV4(),
    },
    { requiredKeys: [] },
  )
  .filter(
    ({ mediaMode, archiveMode, e2ee }) =>
      (archiveMode !== 'always' || mediaMode === 'routed') &&
      (!e2ee || (mediaMode === 'routed' && archiveMode !== 'always')),
  );

describe('round trips through the emulator (property-based, bounded)', () => {
  it('every valid set of session options arrives as sent and comes back in the result', async () => {
    const client = emulator.client();
    await fc.assert(
      fc.asyncProperty(sessionOptions, async (options) => {
        const session = await client.createSession(options);
        const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as { sessions: SessionState[] };
        const stored = state.sessions.find((candidate) => candidate.sessionId === session.sessionId);
        const mediaMode = options.mediaMode ?? 'relayed';
        const archiveMode = options.archiveMode ?? 'manual';
        expect(session).toMatchObject({ mediaMode, archiveMode });
        expect(stored).toMatchObject({ mediaMode, archiveMode, e2ee: options.e2ee ?? false });
        expect(stored?.location ?? undefined).toBe(options.location);
        expect(session.location).toBe(options.location);
      }),
      { numRuns: 40 },
    );
  });

  it('every valid set of archive options comes back in the archive', async () => {
    const client = emulator.client();
    const { sessionId } = await client.createSession({ mediaMode: 'routed' });
    await emulator.join(sessionId);
    const archiveOptions: fc.Arbitrary<StartArchiveOptions> = fc
      .record(
        {
          name: fc.string({ minLength: 1, maxLength: 40 }),
          hasAudio: fc.boolean(),
          hasVideo: fc.boolean(),
          outputMode: fc.constantFrom('composed' as const, 'individual' as const),
          resolution: fc.constantFrom('640x480' as const, '1280x720' as const, '1080x1920' as const),
          streamMode: fc.constantFrom('auto' as const, 'manual' as const),
        },
        { requiredKeys: [] },
      )
      .filter(
        (options) =>
          (options.hasAudio !== false || options.hasVideo !== false) &&
          (options.outputMode !== 'individual' || options.resolution === undefined),
      );
    await fc.assert(
      fc.asyncProperty(archiveOptions, async (options) => {
        const archive = await client.archives.start(sessionId, options);
        try {
          expect(archive).toMatchObject({
            status: 'started',
            sessionId,
            name: options.name ?? null,
            hasAudio: options.hasAudio ?? true,
            hasVideo: options.hasVideo ?? true,
            outputMode: options.outputMode ?? 'composed',
          });
          if (options.resolution) expect(archive.resolution).toBe(options.resolution);
          if (options.streamMode) expect(archive.streamMode).toBe(options.streamMode);
          expect(await client.archives.get(archive.id)).toEqual(archive);
        } finally {
          await client.archives.stop(archive.id);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('garbage arguments give InvalidArgumentError or a RequestError, never a TypeError', async () => {
    const client = emulator.client({ retry: 0 });
    const anything = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const calls = [
      (value: unknown) => client.createSession(value as never),
      (value: unknown) => client.archives.get(value as never),
      (value: unknown) => client.archives.start(value as never, {}),
      (value: unknown) => client.archives.list(value as never),
      (value: unknown) => client.archives.setLayout('00000000-0000-4000-8000-000000000000', value as never),
      (value: unknown) => client.archives.addStream('00000000-0000-4000-8000-000000000000', 'stream', value as never),
      (value: unknown) => client.getArchiveManifest(value as never),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(calls.length - 1), anything, async (index, value) => {
        try {
          await calls[index]!(value);
        } catch (error) {
          expect(error).not.toBeInstanceOf(TypeError);
          expect(InvalidArgumentError.isInstance(error) || RequestError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

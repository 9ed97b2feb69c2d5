import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, fixture } from '../test/helpers.js';
import { createClient } from './client.js';
import { NotFoundError, ResponseParseError } from './errors.js';
import { readManifest } from './legacy-archives.js';

describe('readManifest', () => {
  it('reads the recorded two-video manifest', async () => {
    expect(await readManifest(answer(fixture('legacy/archive-manifest.xml'), 'text/xml'))).toEqual({
      archiveId: '200567af-0726-4e93-883b-fe0426d6310a',
      title: '1346797109799',
      resources: [
        { id: 'bbf108c9-7237-49ae-9057-2ccdb71cf675', name: '', length: 18734 },
        { id: '3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd', name: '', length: 18743 },
      ],
      timeline: [
        { type: 'PLAY', id: '3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd', offset: 1255 },
        { type: 'PLAY', id: 'bbf108c9-7237-49ae-9057-2ccdb71cf675', offset: 1263 },
      ],
    });
  });

  it('reads a single-video manifest as a one-element list', async () => {
    const manifest = await readManifest(answer(fixture('legacy/archive-manifest-single-video.xml'), 'text/xml'));
    expect(manifest.title).toBe('Song Test Archive');
    expect(manifest.resources).toEqual([{ id: '4b7227de-3b3f-45a7-a2dd-bffe6bf62085', name: '', length: 5118 }]);
    expect(manifest.timeline).toHaveLength(1);
  });

  it('reads an empty manifest', async () => {
    const manifest = await readManifest(
      answer('<manifest archiveid="a" title=""><resources/><timeline/></manifest>', 'text/xml'),
    );
    expect(manifest).toEqual({ archiveId: 'a', title: '', resources: [], timeline: [] });
  });

  it('turns the legacy <Errors> 404 body into NotFoundError', async () => {
    await expect(readManifest(answer(fixture('errors/xml-errors-404-item-not-found.xml'), 'text/xml'))).rejects.toThrow(
      NotFoundError,
    );
  });

  it('raises ResponseParseError for wrong shapes and bad numbers', async () => {
    for (const body of [
      '<other/>',
      '<manifest title="t"/>',
      '<manifest archiveid="a"><resources><video id="v" length="long"/></resources></manifest>',
      '<manifest archiveid="a"><timeline><event id="v" offset="1"/></timeline></manifest>',
      '{"archiveId": "a"}',
    ]) {
      await expect(readManifest(answer(body, 'text/xml'))).rejects.toThrow(ResponseParseError);
    }
  });

  it('never throws a TypeError on garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (body) => {
        try {
          await readManifest(answer(`<manifest archiveid="a">${body}</manifest>`, 'text/xml'));
        } catch (error) {
          expect(error).not.toBeInstanceOf(TypeError);
          expect((error as Error).name).toMatch(/Error$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('legacy archive arguments', () => {
  const client = createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl: 'http://127.0.0.1:9' });
  it('refuses a missing archive or video ID', async () => {
    await expect(client.getArchiveManifest('')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.getArchiveDownloadUrl('a', 42 as never)).rejects.toMatchObject({ argument: 'videoId' });
  });

  it('refuses a session of another project for the token, without a request', async () => {
    const foreign = '1_MX4xMDB-MTI3LjAuMC4xflR1ZSBKYW4gMjggMTU6NDg6NDAgUFNUIDIwMTR-MC43NjAyOTYyfg';
    await expect(client.getArchiveManifest('a', { sessionId: foreign })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('never echoes a malformed token', async () => {
    const token = 'T1==secret\u0000token';
    await expect(client.getArchiveManifest('a', { token })).rejects.toSatisfy(
      (error: Error) => error instanceof InvalidArgumentError && !error.message.includes('secret'),
    );
  });
});

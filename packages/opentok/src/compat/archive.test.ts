import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OpenTokArchive, OpenTokArchiveVideoResource } from './archive.js';

const manifest = {
  archiveId: '200567af-0726-4e93-883b-fe0426d6310a',
  title: '1346797109799',
  resources: [
    { id: 'bbf108c9-7237-49ae-9057-2ccdb71cf675', length: 18734, name: '' },
    { id: '3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd', length: 18743, name: 'host' },
  ],
  timeline: [{ type: 'PLAY', id: '3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd', offset: 1255 }],
};
const secretToken = 'T1==c2VjcmV0LXRva2Vu';

describe('OpenTokArchive', () => {
  // The lookup stands in for the facade's bound REST call; it records what it is asked.
  const asked: string[][] = [];
  const archive = new OpenTokArchive(manifest as never, async (archiveId, videoId) => {
    asked.push([archiveId, videoId]);
    if (videoId === 'missing') throw new Error('not found');
    return `https://media.example/${archiveId}/${videoId}.flv?token=${secretToken.length}`;
  });

  it('carries the manifest with 1.0 video resources', () => {
    expect(archive.archiveId).toBe(manifest.archiveId);
    expect(archive.title).toBe('1346797109799');
    expect(archive.resources).toHaveLength(2);
    const [first] = archive.resources;
    expect(first).toBeInstanceOf(OpenTokArchiveVideoResource);
    expect(first?.getId()).toBe('bbf108c9-7237-49ae-9057-2ccdb71cf675');
    expect(first).toMatchObject({ vid: first?.getId(), length: 18734, name: '' });
    expect(archive.timeline).toEqual(manifest.timeline);
  });

  it('downloadArchiveURL calls a one-parameter handler with the URL', async () => {
    const url = await new Promise<string>((resolve) => {
      archive.downloadArchiveURL(archive.resources[1]!.getId(), (found: string) => resolve(found));
    });
    expect(url).toContain('/3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd.flv');
    expect(asked.at(-1)).toEqual([manifest.archiveId, '3f0d3ec6-4a41-4cc5-9e38-f9e6375ba5fd']);
  });

  it('downloadArchiveURL gives (error) to a two-parameter handler and rejects for a one-parameter one', async () => {
    const error = await new Promise((resolve) =>
      archive.downloadArchiveURL('missing', (failure: Error | null, _url?: string) => resolve(failure)),
    );
    expect(error).toBeInstanceOf(Error);
    let called = false;
    await expect(
      archive.downloadArchiveURL('missing', (_url: string) => {
        called = true;
      }),
    ).rejects.toThrow('not found');
    expect(called).toBe(false);
  });

  it('does not show its token or lookup in inspect output', () => {
    expect(inspect(archive, { depth: 5, showHidden: true })).not.toContain(secretToken);
  });
});

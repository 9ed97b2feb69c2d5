import { InvalidArgumentError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { answer, fixture } from '../test/helpers.js';
import { toArchive, toLayout, toStartBody } from './archives.js';
import { createClient } from './client.js';
import { ResponseParseError } from './errors.js';

const SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';

describe('toArchive', () => {
  const files = [
    'archive-available',
    'archive-deleted-2013',
    'archive-expired',
    'archive-paused',
    'archive-started-2013',
    'archive-started-node',
    'archive-started',
    'archive-stopped',
    'archive-with-transcription',
  ];
  for (const file of files) {
    it(`reads ${file}.json keeping every field and filling defaults`, () => {
      const raw = JSON.parse(fixture(`json/${file}.json`)) as Record<string, unknown>;
      const archive = toArchive(answer(''), raw, '123456');
      expect(archive.id).toBe(raw.id);
      expect(archive.status).toBe(raw.status);
      expect(typeof archive.partnerId).toBe('string');
      expect(typeof archive.projectId).toBe('string');
      expect(typeof archive.hasAudio).toBe('boolean');
      expect(['composed', 'individual']).toContain(archive.outputMode);
      expect(archive.url === null || typeof archive.url === 'string').toBe(true);
      for (const key of Object.keys(raw)) expect(archive).toHaveProperty(key);
    });
  }

  it('reads every item of both list fixtures', () => {
    for (const file of ['archive-list.json', 'archive-list-2013.json']) {
      const page = JSON.parse(fixture(`json/${file}`)) as { count: number; items: unknown[] };
      for (const item of page.items) expect(toArchive(answer(''), item, '123456').createdAt).toBeGreaterThan(0);
    }
  });

  it('keeps the transcription details', () => {
    const raw = JSON.parse(fixture('json/archive-with-transcription.json'));
    expect(toArchive(answer(''), raw, '1').transcription).toMatchObject({
      primaryLanguageCode: 'es-ES',
      hasSummary: true,
    });
  });

  it('refuses objects that are not archives', () => {
    for (const value of [
      null,
      [],
      'x',
      {},
      { id: 'a' },
      { id: 'a', status: 'dancing', sessionId: 's' },
      { id: 1, status: 'started' },
    ]) {
      expect(() => toArchive(answer(''), value, '1')).toThrow(ResponseParseError);
    }
  });
});

describe('toStartBody', () => {
  it('sends only what was given', () => {
    expect(toStartBody(SESSION, undefined)).toEqual({ sessionId: SESSION });
    expect(
      toStartBody(SESSION, {
        name: 'n',
        hasAudio: true,
        hasVideo: false,
        outputMode: 'composed',
        resolution: '1280x720',
        layout: { type: 'custom', stylesheet: 'stream { }' },
        streamMode: 'manual',
        multiArchiveTag: 'tag',
        quantizationParameter: 20,
      }),
    ).toEqual({
      sessionId: SESSION,
      name: 'n',
      hasAudio: true,
      hasVideo: false,
      outputMode: 'composed',
      resolution: '1280x720',
      layout: { type: 'custom', stylesheet: 'stream { }' },
      streamMode: 'manual',
      multiArchiveTag: 'tag',
      quantizationParameter: 20,
    });
  });

  const refused: [unknown, string][] = [
    [{ hasAudio: false, hasVideo: false }, 'hasAudio'],
    [{ outputMode: 'individual', resolution: '640x480' }, 'resolution'],
    [{ outputMode: 'individual', layout: { type: 'pip' } }, 'layout'],
    [{ outputMode: 'mixed' }, 'outputMode'],
    [{ resolution: '10x10' }, 'resolution'],
    [{ quantizationParameter: 14 }, 'quantizationParameter'],
    [{ quantizationParameter: 41 }, 'quantizationParameter'],
    [{ maxBitrate: 1000, quantizationParameter: 20 }, 'quantizationParameter'],
    [{ maxBitrate: 1.5 }, 'maxBitrate'],
    [{ streamMode: 'semi' }, 'streamMode'],
    [{ name: 42 }, 'name'],
    [{ layout: 'pip' }, 'layout'],
    ['composed', 'options'],
  ];
  for (const [options, argument] of refused) {
    it(`refuses ${JSON.stringify(options)} naming ${argument}`, () => {
      expect(() => toStartBody(SESSION, options as never)).toThrow(InvalidArgumentError);
      try {
        toStartBody(SESSION, options as never);
      } catch (error) {
        expect((error as InvalidArgumentError).argument).toBe(argument);
      }
    });
  }

  it('refuses a missing session ID', () => {
    expect(() => toStartBody('', {})).toThrow(InvalidArgumentError);
    expect(() => toStartBody(undefined as never, {})).toThrow(InvalidArgumentError);
  });
});

describe('toLayout', () => {
  it('accepts the documented combinations', () => {
    expect(toLayout('layout', { type: 'bestFit', screenshareType: 'pip' })).toEqual({
      type: 'bestFit',
      screenshareType: 'pip',
    });
    expect(toLayout('layout', { type: 'verticalPresentation' })).toEqual({ type: 'verticalPresentation' });
  });

  it('refuses the rest', () => {
    for (const layout of [
      {},
      { type: 'grid' },
      { type: 'custom' },
      { type: 'pip', stylesheet: 'x' },
      { type: 'pip', screenshareType: 'bestFit' },
      { type: 'bestFit', screenshareType: 'custom' },
      null,
    ]) {
      expect(() => toLayout('layout', layout)).toThrow(InvalidArgumentError);
    }
  });
});

describe('archive arguments', () => {
  const client = createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl: 'http://127.0.0.1:9' });
  it('reject (never throw synchronously) bad IDs and options', async () => {
    await expect(client.archives.get('')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.archives.stop(undefined as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.archives.delete('a\nb')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.archives.list({ count: 0 })).rejects.toMatchObject({ argument: 'count' });
    await expect(client.archives.list({ count: 1001 })).rejects.toMatchObject({ argument: 'count' });
    await expect(client.archives.list({ offset: -1 })).rejects.toMatchObject({ argument: 'offset' });
    await expect(client.archives.setLayout('a', { type: 'grid' } as never)).rejects.toMatchObject({
      argument: 'layout.type',
    });
    await expect(client.archives.addStream('a', '')).rejects.toMatchObject({ argument: 'streamId' });
    await expect(client.archives.addStream('a', 's', { hasAudio: 'no' } as never)).rejects.toMatchObject({
      argument: 'hasAudio',
    });
    await expect(client.archives.removeStream('a', 7 as never)).rejects.toMatchObject({ argument: 'streamId' });
    await expect(client.archives.all({ pageSize: 0 }).next()).rejects.toMatchObject({ argument: 'pageSize' });
  });
});

import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, fixture } from '../test/helpers.js';
import { toBroadcast, toStartBroadcastBody } from './broadcasts.js';
import { createClient } from './client.js';
import { ResponseParseError } from './errors.js';
import { RESOLUTIONS } from './values.js';

const SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';
const RTMP = { id: 'yt', serverUrl: 'rtmps://a.rtmp.youtube.com/live2', streamName: 'k3x9-2m4q' };

describe('toBroadcast', () => {
  const files = [
    'broadcast',
    'broadcast-started',
    'broadcast-stopped',
    'broadcast-hls-settings',
    'broadcast-rtmp-as-object',
  ];
  for (const file of files) {
    it(`reads ${file}.json keeping every field, rtmp as an array`, () => {
      const raw = JSON.parse(fixture(`json/${file}.json`)) as Record<string, unknown>;
      const broadcast = toBroadcast(answer(''), raw, '123456');
      expect(broadcast.id).toBe(raw.id);
      expect(['started', 'stopped']).toContain(broadcast.status);
      expect(typeof broadcast.projectId).toBe('string');
      expect(typeof broadcast.updatedAt).toBe('number');
      for (const key of Object.keys(raw)) expect(broadcast).toHaveProperty(key);
      if (raw.broadcastUrls === null) expect(broadcast.broadcastUrls).toBeNull();
      else expect(Array.isArray(broadcast.broadcastUrls?.rtmp)).toBe(true);
    });
  }

  it('turns the keyed-object RTMP form into an array carrying each id', () => {
    const raw = JSON.parse(fixture('json/broadcast-rtmp-as-object.json'));
    expect(toBroadcast(answer(''), raw, '1').broadcastUrls?.rtmp).toEqual([
      { id: 'foo', serverUrl: 'rtmp://myfooserver/myfooapp', streamName: 'myfoostream' },
      { id: 'bar', serverUrl: 'rtmp://mybarserver/mybarapp', streamName: 'mybarstream' },
    ]);
  });

  it('reads maxBitRate (a spelling some servers send) as maxBitrate', () => {
    const raw = JSON.parse(fixture('json/broadcast-hls-settings.json'));
    expect(toBroadcast(answer(''), raw, '1').maxBitrate).toBe(2000000);
  });

  it('reads every item of the list fixture', () => {
    const page = JSON.parse(fixture('json/broadcast-list.json')) as { items: unknown[] };
    for (const item of page.items) expect(toBroadcast(answer(''), item, '1').createdAt).toBeGreaterThan(0);
  });

  it('refuses objects that are not broadcasts, and never throws anything else on garbage', () => {
    for (const value of [null, [], 'x', {}, { id: 'a' }, { id: 'a', status: 'live', sessionId: 's' }]) {
      expect(() => toBroadcast(answer(''), value, '1')).toThrow(ResponseParseError);
    }
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          toBroadcast(answer(''), value, '1');
        } catch (error) {
          expect(error).toBeInstanceOf(ResponseParseError);
        }
      }),
    );
  });
});

describe('toStartBroadcastBody', () => {
  it('sends only what was given', () => {
    expect(toStartBroadcastBody(SESSION, { outputs: { hls: {} } })).toEqual({
      sessionId: SESSION,
      outputs: { hls: {} },
    });
    expect(
      toStartBroadcastBody(SESSION, {
        outputs: { hls: { dvr: true }, rtmp: [RTMP] },
        layout: { type: 'bestFit', screenshareType: 'pip' },
        maxDuration: 60,
        maxBitrate: 6_000_000,
        resolution: '1920x1080',
        streamMode: 'manual',
        multiBroadcastTag: 'stage',
        hasAudio: true,
        hasVideo: false,
      }),
    ).toEqual({
      sessionId: SESSION,
      outputs: { hls: { dvr: true }, rtmp: [RTMP] },
      layout: { type: 'bestFit', screenshareType: 'pip' },
      maxDuration: 60,
      maxBitrate: 6_000_000,
      resolution: '1920x1080',
      streamMode: 'manual',
      multiBroadcastTag: 'stage',
      hasAudio: true,
      hasVideo: false,
    });
  });

  const target = (overrides: Record<string, unknown>) => ({ ...RTMP, ...overrides });
  const refused: [unknown, string][] = [
    [undefined, 'options'],
    [{}, 'outputs'],
    [{ outputs: {} }, 'outputs'],
    [{ outputs: { hls: { dvr: true, lowLatency: true } } }, 'outputs.hls'],
    [{ outputs: { hls: { dvr: 'yes' } } }, 'outputs.hls.dvr'],
    [{ outputs: { rtmp: [] } }, 'outputs.rtmp'],
    [{ outputs: { rtmp: Array.from({ length: 6 }, () => RTMP) } }, 'outputs.rtmp'],
    [{ outputs: { rtmp: [target({ serverUrl: 'https://x.test/live' })] } }, 'outputs.rtmp[0].serverUrl'],
    [{ outputs: { rtmp: [RTMP, target({ streamName: ' ' })] } }, 'outputs.rtmp[1].streamName'],
    [{ outputs: { rtmp: [target({ id: '' })] } }, 'outputs.rtmp[0].id'],
    [{ outputs: { rtmp: [target({ server: 'x' })] } }, 'outputs.rtmp[0].server'],
    [{ outputs: { hls: {} }, maxDuration: 59 }, 'maxDuration'],
    [{ outputs: { hls: {} }, maxDuration: 36_001 }, 'maxDuration'],
    [{ outputs: { hls: {} }, maxBitrate: 99_999 }, 'maxBitrate'],
    [{ outputs: { hls: {} }, maxBitrate: 6_000_001 }, 'maxBitrate'],
    [{ outputs: { hls: {} }, resolution: '800x600' }, 'resolution'],
    [{ outputs: { hls: {} }, streamMode: 'semi' }, 'streamMode'],
    [{ outputs: { hls: {} }, hasAudio: false, hasVideo: false }, 'hasAudio'],
    [{ outputs: { hls: {} }, layout: { type: 'custom' } }, 'layout.stylesheet'],
    [{ outputs: { hls: {} }, layout: { type: 'pip', screenshareType: 'pip' } }, 'layout.screenshareType'],
    [{ outputs: { hls: {} }, maxBitRate: 1 }, 'maxBitRate'],
  ];
  for (const [options, argument] of refused) {
    it(`refuses ${JSON.stringify(options)} naming ${argument}`, () => {
      let caught: unknown;
      try {
        toStartBroadcastBody(SESSION, options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    });
  }

  it('accepts every resolution of the shared list', () => {
    for (const resolution of RESOLUTIONS) {
      expect(toStartBroadcastBody(SESSION, { outputs: { hls: {} }, resolution }).resolution).toBe(resolution);
    }
  });
});

describe('broadcast methods', () => {
  const client = createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl: 'http://127.0.0.1:9', retry: 0 });
  it('check IDs and options before any request', async () => {
    await expect(client.broadcasts.get('..')).rejects.toMatchObject({ argument: 'broadcastId' });
    await expect(client.broadcasts.stop('a/b')).rejects.toMatchObject({ argument: 'broadcastId' });
    await expect(client.broadcasts.setLayout('b', { type: 'grid' } as never)).rejects.toMatchObject({
      argument: 'layout.type',
    });
    await expect(client.broadcasts.addStream('b', '')).rejects.toMatchObject({ argument: 'streamId' });
    await expect(client.broadcasts.removeStream('', 's')).rejects.toMatchObject({ argument: 'broadcastId' });
    await expect(client.broadcasts.list({ count: 1001 })).rejects.toMatchObject({ argument: 'count' });
    await expect(client.broadcasts.all({ pageSize: 0 }).next()).rejects.toMatchObject({ argument: 'pageSize' });
    await expect(client.broadcasts.start(SESSION, { outputs: {} })).rejects.toMatchObject({ argument: 'outputs' });
  });
});

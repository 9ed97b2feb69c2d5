/**
 * `parseCallback`: every event of the service's callbacks read into its variant, from an
 * object, a string and bytes; unknown fields kept; random and truncated bodies give only
 * `InvalidArgumentError`.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_EVENTS, type Callback, parseCallback } from './callbacks.js';

const SESSION = '1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4';
const connection = { id: '9d1f0b52-6c2e-4f7a-8a3b-52e0c1d7f644', createdAt: 1731500012345, data: 'userId=42' };
const stream = { id: 'e2f48a13', connection, createdAt: 1731500020777, name: 'Alice', videoType: 'camera' };
const call = { id: 'c1', connectionId: 'k1', createdAt: 1731500020777 };
const monitoring = { sessionId: SESSION, projectId: '123456', timestamp: 1731500512031 };
const archive = JSON.parse(
  readFileSync(new URL('./__fixtures__/json/archive-available.json', import.meta.url), 'utf8'),
);

/** One body of each event, as the service (or the emulator) sends it. */
const BODIES: Record<Callback['event'], Record<string, unknown>> = {
  archive: { ...archive, event: 'archive' },
  broadcast: {
    id: 'b1',
    sessionId: SESSION,
    projectId: 123456,
    partnerId: 123456,
    createdAt: 1,
    updatedAt: 2,
    status: 'started',
    event: 'broadcast',
    broadcastUrls: { hls: 'https://example.com/x.m3u8', hlsStatus: 'live', rtmp: [] },
  },
  sessionCreated: { ...monitoring, event: 'sessionCreated' },
  sessionDestroyed: { ...monitoring, event: 'sessionDestroyed' },
  connectionCreated: { ...monitoring, event: 'connectionCreated', connection },
  connectionDestroyed: { ...monitoring, event: 'connectionDestroyed', reason: 'forceDisconnected', connection },
  streamCreated: { ...monitoring, event: 'streamCreated', stream },
  streamDestroyed: { ...monitoring, event: 'streamDestroyed', reason: 'forceUnpublished', stream },
  callCreated: { ...monitoring, event: 'callCreated', call },
  callUpdated: { ...monitoring, event: 'callUpdated', state: 'RINGING', call },
  callDestroyed: { ...monitoring, event: 'callDestroyed', reason_code: 700, reason_message: 'normal', call },
  muteForced: { ...monitoring, event: 'muteForced', call },
  render: {
    id: 'r1',
    sessionId: SESSION,
    streamId: 's1',
    status: 'stopped',
    reason: 'Stop Requested',
    event: 'render',
  },
  captions: { captionId: 'c1', sessionId: SESSION, projectId: '123456', status: 'started', event: 'captions' },
};

describe('parseCallback', () => {
  it('has a body for every event it knows', () => {
    expect(Object.keys(BODIES).sort()).toEqual([...CALLBACK_EVENTS].sort());
  });

  for (const [event, body] of Object.entries(BODIES)) {
    it(`reads ${event} from an object, a string and bytes into its variant`, () => {
      const json = JSON.stringify({ ...body, extraField: { kept: true } });
      for (const input of [JSON.parse(json), json, new TextEncoder().encode(json)]) {
        const callback = parseCallback(input);
        expect(callback.event).toBe(event);
        expect((callback as unknown as Record<string, unknown>).extraField).toEqual({ kept: true });
        if ('sessionId' in callback) expect(callback.sessionId).toBe(body.sessionId);
      }
    });
  }

  it('gives the project ID as a string, from a number too', () => {
    const callback = parseCallback({ ...BODIES.connectionCreated, projectId: 123456 });
    expect(callback.event === 'connectionCreated' && callback.projectId).toBe('123456');
    const fromArchive = parseCallback(BODIES.archive);
    expect(fromArchive.event === 'archive' && fromArchive.partnerId).toBe(String(archive.partnerId));
  });

  it('narrows on event to the fields of the variant', () => {
    const callback = parseCallback(BODIES.streamDestroyed);
    if (callback.event !== 'streamDestroyed') throw new Error('wrong variant');
    expect(callback.reason).toBe('forceUnpublished');
    expect(callback.stream.connection.data).toBe('userId=42');
    const archived = parseCallback(BODIES.archive);
    if (archived.event !== 'archive') throw new Error('wrong variant');
    expect(archived.status).toBe('available');
    expect(archived.url).toMatch(/^https?:\/\//);
  });

  it('names captions and renders sent without an event', () => {
    const { event: _c, ...captions } = BODIES.captions;
    const { event: _r, ...render } = BODIES.render;
    expect(parseCallback(captions).event).toBe('captions');
    expect(parseCallback(render).event).toBe('render');
  });

  it.each([
    ['not JSON', '{"event":'],
    ['an array', '[]'],
    ['a number', 42],
    ['null', null],
    ['an unknown event', { ...BODIES.sessionCreated, event: 'sessionExploded' }],
    ['a stream event without its stream', { ...monitoring, event: 'streamCreated' }],
    ['a destroyed connection without a reason', { ...monitoring, event: 'connectionDestroyed', connection }],
    ['an archive without a status', { ...BODIES.archive, status: undefined }],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
    ['no event and no known shape', { id: 'x' }],
  ])('refuses %s with an InvalidArgumentError', (_, body) => {
    expect(() => parseCallback(body)).toThrow(InvalidArgumentError);
  });

  it('never quotes the body in its error', () => {
    const secret = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
    for (const body of [`{"event":"${secret}"}`, `${secret}`, { event: 'archive', id: secret }]) {
      try {
        parseCallback(body);
        throw new Error('no error');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(String((error as Error).message)).not.toContain(secret);
      }
    }
  });

  /** Random JSON-ish values and the valid bodies cut anywhere or with a field replaced. */
  const validJson = fc.constantFrom(...Object.values(BODIES).map((body) => JSON.stringify(body)));
  const truncated = validJson.chain((json) => fc.nat({ max: json.length - 1 }).map((end) => json.slice(0, end)));
  const mutated = fc
    .tuple(fc.constantFrom(...Object.values(BODIES)), fc.string({ maxLength: 12 }), fc.jsonValue())
    .map(([body, key, value]) => {
      const keys = Object.keys(body);
      const target = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] as string) : key;
      return { ...body, [target]: value };
    });
  const garbage = fc.oneof(
    fc.anything({ withBigInt: true, withTypedArray: true, withNullPrototype: true, withMap: true }),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 64 }),
    fc.json(),
    truncated,
    mutated,
  );

  it('has generators that reach truncated bodies and mutated valid ones', () => {
    const truncatedSample = fc.sample(truncated, 50);
    expect(truncatedSample.some((text) => text.startsWith('{') && text.length > 20)).toBe(true);
    const mutatedSample = fc.sample(mutated, 200);
    // Some mutations leave a valid callback, some break one: both sides are exercised.
    const outcomes = mutatedSample.map((body) => {
      try {
        parseCallback(body);
        return 'parsed';
      } catch {
        return 'refused';
      }
    });
    expect(outcomes).toContain('parsed');
    expect(outcomes).toContain('refused');
  });

  it('lets only InvalidArgumentError out, whatever the body', () => {
    fc.assert(
      fc.property(garbage, (body) => {
        try {
          const callback = parseCallback(body);
          expect(CALLBACK_EVENTS).toContain(callback.event);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every strict prefix of a valid body', () => {
    for (const json of Object.values(BODIES).map((body) => JSON.stringify(body))) {
      for (let end = 0; end < json.length; end++) {
        expect(() => parseCallback(json.slice(0, end))).toThrow(InvalidArgumentError);
      }
    }
  });
});

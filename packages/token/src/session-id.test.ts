import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sessionIds from './__fixtures__/session-ids.json' with { type: 'json' };
import { InvalidArgumentError, InvalidSessionIdError, OpenTokError } from './errors.js';
import { decodeSessionId, encodeSessionId } from './session-id.js';

interface Fixture {
  session_id: string;
  decoded?: string;
  fields: { api_key: string; location: string; created: string; random: string } | null;
}

describe('decodeSessionId', () => {
  const fixtures = sessionIds as Fixture[];
  const decodable = fixtures.filter((fixture) => fixture.fields !== null);
  const broken = fixtures.filter((fixture) => fixture.fields === null);

  it('has real IDs of every generation to check', () => {
    expect(decodable.length).toBeGreaterThan(30);
    expect(broken.length).toBeGreaterThan(3);
  });

  it.each(decodable.map((fixture) => [fixture.session_id, fixture] as const))('decodes %s', (sessionId, fixture) => {
    const decoded = decodeSessionId(sessionId);
    expect(decoded.apiKey).toBe(fixture.fields?.api_key);
    expect(decoded.location).toBe(fixture.fields?.location || undefined);
    expect(decoded.createTimeText).toBe(fixture.fields?.created);
    expect(decoded.random).toBe(fixture.fields?.random);
    expect(decoded.fields.join('~')).toBe(fixture.decoded);
    expect(decoded.prefix).toBe(sessionId[0]);
  });

  it('rejects a body cut one character past a 4-character group, and misplaced padding, in both builds', () => {
    const sessionId = encodeSessionId({ apiKey: 123456 });
    const body = sessionId.slice(2).replace(/=+$/, '');
    for (let cut = body.length - 8; cut <= body.length; cut++) {
      const truncated = `1_${body.slice(0, cut)}`;
      if (cut % 4 === 1) expect(() => decodeSessionId(truncated)).toThrow(InvalidSessionIdError);
    }
    const whole = body.slice(0, body.length - (body.length % 4));
    expect(() => decodeSessionId(`1_${whole}A`)).toThrow('An invalid session ID was passed');
    expect(() => decodeSessionId(`1_${whole}A===`)).toThrow(InvalidSessionIdError);
    expect(() => decodeSessionId(`1_${whole.slice(0, -2)}=`)).toThrow(InvalidSessionIdError);
    expect(() => decodeSessionId(`1_${whole.slice(0, -4)}AB=`)).toThrow(InvalidSessionIdError);
    expect(decodeSessionId(`1_${whole}`).apiKey).toBe('123456');
  });

  it.each(broken.map((fixture) => fixture.session_id))('rejects the malformed fixture %s', (sessionId) => {
    expect(() => decodeSessionId(sessionId)).toThrow(
      new InvalidSessionIdError('sessionId', '[@opentok/token] An invalid session ID was passed'),
    );
  });

  it('parses the creation time of each generation', () => {
    // 2014, Java Date.toString() in Pacific daylight time.
    expect(decodeSessionId('1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4').createTime).toBe(
      Date.UTC(2014, 2, 15, 21, 42, 23),
    );
    // 2025, milliseconds, relayed flag.
    const modern = decodeSessionId('1_MX40NzY2NTk3MX5-MTczOTUzODg5NDk1OX5ROW1jWEcxUXJOM1RJWXU4eStwcHgvZ3N-UH5-');
    expect(modern).toMatchObject({ apiKey: '47665971', createTime: 1739538894959, p2p: true, location: undefined });
    // 2012, ISO-like with microseconds and a UTC offset.
    const iso = (sessionIds as Fixture[]).find((fixture) => fixture.fields?.created.startsWith('2012-05-16'));
    expect(iso).toBeDefined();
    expect(decodeSessionId(iso?.session_id as string).createTime).toBe(Date.UTC(2012, 4, 16, 23, 22, 34, 874));
  });

  it('keeps the wording of the original SDKs', () => {
    for (const empty of [null, undefined, '']) {
      expect(() => decodeSessionId(empty as unknown as string)).toThrow('Null or empty session ID is not valid');
    }
    for (const bad of ['abc', '1_', '1_!!!!', 42, {}, '1abc70a34d069d2e6a1e565f3958b5250b435e32']) {
      expect(() => decodeSessionId(bad as string)).toThrow('An invalid session ID was passed');
    }
  });

  it('turns any garbage into InvalidSessionIdError, never a TypeError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (input) => {
        try {
          decodeSessionId(input as string);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidSessionIdError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects text made of base64-looking garbage unless it decodes to fields', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]_[A-Za-z0-9_-]{1,60}$/), (input) => {
        try {
          const decoded = decodeSessionId(input);
          expect(decoded.fields[0]).toBe('1');
          expect(decoded.fields.length).toBeGreaterThanOrEqual(5);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidSessionIdError);
        }
      }),
    );
  });
});

describe('encodeSessionId', () => {
  it('makes IDs in the 2025 shape that decode to what was given', () => {
    const sessionId = encodeSessionId({ apiKey: '47665971', createTime: 1739538894959, mediaMode: 'relayed' });
    expect(sessionId).toMatch(/^1_MX40NzY2NTk3MX5-MTczOTUzODg5NDk1OX[A-Za-z0-9-]+$/);
    const decoded = decodeSessionId(sessionId);
    expect(decoded).toMatchObject({ apiKey: '47665971', createTime: 1739538894959, p2p: true, location: undefined });
    expect(decoded.random).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(decoded.fields).toHaveLength(8);
  });

  it('never puts _ in the body (the .NET SDK splits on it) and round-trips every input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.option(fc.ipV4(), { nil: undefined }),
        fc.integer({ min: 0, max: 4102444800000 }),
        fc.constantFrom('routed' as const, 'relayed' as const),
        (apiKey, location, createTime, mediaMode) => {
          const sessionId = encodeSessionId({ apiKey, location, createTime, mediaMode });
          expect(sessionId.slice(2)).not.toContain('_');
          expect(sessionId).not.toContain('=');
          expect(decodeSessionId(sessionId)).toMatchObject({
            apiKey: String(apiKey),
            location,
            createTime,
            p2p: mediaMode === 'relayed',
          });
        },
      ),
    );
  });

  it('makes a different ID every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => encodeSessionId({ apiKey: 123456 })));
    expect(ids.size).toBe(200);
  });

  it('rejects bad input with InvalidArgumentError', () => {
    expect(() => encodeSessionId({ apiKey: 'abc' })).toThrow(InvalidArgumentError);
    expect(() => encodeSessionId({ apiKey: 1, location: 'localhost' })).toThrow('location must be an IPv4 address');
    expect(() => encodeSessionId({ apiKey: 1, createTime: -1 })).toThrow(InvalidArgumentError);
    expect(() => encodeSessionId({ apiKey: 1, mediaMode: 'p2p' as 'routed' })).toThrow(InvalidArgumentError);
    expect(() => encodeSessionId(undefined as never)).toThrow(OpenTokError);
  });
});

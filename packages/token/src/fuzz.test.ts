/**
 * Bad input, library-wide: random strings (lone surrogates included), numbers, objects,
 * arrays, bytes and near-valid values thrown at every public function and every option.
 * Only the package's own errors may come out — never a TypeError, RangeError or URIError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as library from './index.js';

const { OpenTokError, InvalidArgumentError, InvalidTokenError } = library;
const credentials = { apiKey: '123456', apiSecret: 'fuzzing secret' };
const sessionId = library.encodeSessionId({ apiKey: credentials.apiKey });
const token = library.generateToken(credentials, sessionId);
const restToken = library.generateRestToken(credentials);

/** Strings of every kind: lone surrogates, separators of both token formats, near-valid tokens. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('\ud800', 'a\udfff', '\u0000', '%', '%E0%A4%A', '=', '==', '.', '..', 'T1==', '1_', '2_MX4'),
  fc.constantFrom(sessionId, token, restToken, `T1==${btoa('partner_id=123456&sig=00:role=x')}`),
  fc
    .tuple(fc.constantFrom(sessionId, token, restToken), fc.nat(), fc.string())
    .map(
      ([valid, at, insert]) => valid.slice(0, at % (valid.length + 1)) + insert + valid.slice(at % (valid.length + 1)),
    ),
);

/** Any value at all: the above, numbers of every kind, objects, arrays, bytes, dates, functions. */
const value = fc.oneof(
  text,
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, new Date(Number.NaN), () => 1, Symbol('x')),
  fc.uint8Array(),
);

/** Option objects with the real keys (random values), near-miss keys and random keys. */
const options = (keys: readonly string[]) =>
  fc.oneof(
    value,
    fc.record(Object.fromEntries(keys.map((key) => [key, value])), { requiredKeys: [] }),
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), text), value, { maxKeys: 4 }),
  );

const credentialValues = fc.oneof(
  value,
  fc.record({ apiKey: fc.oneof(value, fc.constant('123456')), apiSecret: fc.oneof(value, fc.constant('secret')) }),
  fc.constant(credentials),
);

const TOKEN_OPTIONS = ['role', 'expireTime', 'data', 'initialLayoutClassList', 'format'];
const VERIFY_OPTIONS = ['now', 'clockTolerance', 'maxLifetime'];

/** Runs `call`; anything thrown must be one of this package's errors. */
function onlyOwnErrors(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (!(error instanceof OpenTokError)) throw error;
    expect(OpenTokError.isInstance(error)).toBe(true);
    expect(error.message.startsWith('[@opentok/token] ')).toBe(true);
  }
}

type Loose = (...args: unknown[]) => unknown;
const loose = (fn: unknown) => fn as Loose;

describe('fuzz: every public function and option', () => {
  it('the generators reach lone surrogates, objects, numbers and near-valid tokens', () => {
    const samples = fc.sample(value, { numRuns: 3000, seed: 7 });
    expect(samples.some((sample) => typeof sample === 'string' && !sample.isWellFormed())).toBe(true);
    expect(samples.some((sample) => typeof sample === 'string' && sample.startsWith('T1=='))).toBe(true);
    expect(samples.some((sample) => typeof sample === 'number')).toBe(true);
    expect(samples.some((sample) => sample instanceof Uint8Array)).toBe(true);
    expect(samples.some((sample) => sample !== null && typeof sample === 'object' && !Array.isArray(sample))).toBe(
      true,
    );
    const optionSamples = fc.sample(options(TOKEN_OPTIONS), { numRuns: 1000, seed: 7 });
    expect(optionSamples.some((sample) => Object(sample).role !== undefined)).toBe(true);
  });

  const cases: Array<[string, fc.Arbitrary<unknown[]>, Loose]> = [
    ['decodeSessionId', fc.tuple(value), loose(library.decodeSessionId)],
    [
      'encodeSessionId',
      fc.tuple(options(['apiKey', 'location', 'createTime', 'mediaMode'])),
      loose(library.encodeSessionId),
    ],
    ['decodeToken', fc.tuple(value), loose(library.decodeToken)],
    ['decodeRestToken', fc.tuple(value), loose(library.decodeRestToken)],
    ['verifyToken', fc.tuple(value, credentialValues, options(VERIFY_OPTIONS)), loose(library.verifyToken)],
    ['verifyRestToken', fc.tuple(value, credentialValues, options(VERIFY_OPTIONS)), loose(library.verifyRestToken)],
    ['generateToken', fc.tuple(credentialValues, value, options(TOKEN_OPTIONS)), loose(library.generateToken)],
    [
      'generateToken (valid session, random options)',
      fc.tuple(fc.constant(credentials), fc.constant(sessionId), options(TOKEN_OPTIONS)),
      loose(library.generateToken),
    ],
    ['generateRestToken', fc.tuple(credentialValues, options(['ttl'])), loose(library.generateRestToken)],
    ['createTokenGenerator', fc.tuple(credentialValues), loose(library.createTokenGenerator)],
    [
      'a token generator',
      fc.tuple(fc.oneof(value, fc.constant(sessionId)), options(TOKEN_OPTIONS)),
      loose(library.createTokenGenerator(credentials)),
    ],
    ['OpenTokError.isInstance', fc.tuple(value), loose((input: unknown) => InvalidTokenError.isInstance(input))],
  ];

  it.each(cases)('%s throws only its own errors', (_, inputs, call) => {
    fc.assert(
      fc.property(inputs, (args) => onlyOwnErrors(() => call(...args))),
      { numRuns: 1500 },
    );
  });

  it('makes its error classes from any string or number', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.double()), fc.option(text, { nil: undefined }), (first, second) => {
        for (const Class of [
          OpenTokError,
          InvalidArgumentError,
          library.InvalidSessionIdError,
          InvalidTokenError,
          library.TokenExpiredError,
        ]) {
          const error = new (Class as unknown as new (...args: unknown[]) => Error)(first, second);
          expect(OpenTokError.isInstance(error)).toBe(true);
          expect(typeof error.message).toBe('string');
        }
      }),
    );
  });
});

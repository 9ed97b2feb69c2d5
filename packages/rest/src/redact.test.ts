import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, secretsOf } from './redact.js';

describe('redact', () => {
  it('removes the secret, JWTs and T1 tokens, and shortens', () => {
    const text = 'key s3cr3t then eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIxIn0.c2ln and T1==cGFydG5lcl9pZD0x==';
    expect(redact(text, 's3cr3t', 500)).toBe('key [REDACTED] then [REDACTED] and [REDACTED]');
    expect(redact('x'.repeat(50), 's', 10)).toBe('xxxxxxx...');
  });

  it('replaces unprintable characters', () => {
    expect(redact('a\u0000\u001b[31mb\né', 'zzz', 50)).toBe('a [31mb');
  });

  it('replaces until nothing is left, even where the marker and the text spell the secret again', () => {
    const secret = ']aaaaaaaa';
    expect(redact(`${secret}aaaaaaaa`, secret, 500)).not.toContain(secret);
    expect(redact('xREDACTEDx', 'RED', 500)).not.toContain('RED');
    expect(redact('aaaa', 'aa', 500)).not.toContain('aa');
  });

  it('hides each part of the auth JWT when a server echoes one alone', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIxMjM0NTYifQ.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLWp3dA';
    const signature = jwt.split('.')[2]!;
    const said = redact(`bad signature ${signature} in header`, secretsOf('s3cr3t-s3cr3t', jwt), 500);
    expect(said).not.toContain(signature);
    expect(said).toBe('bad signature [REDACTED] in header');
  });

  it('never lets a secret through, wherever it sits and however it overlaps the marker', () => {
    const secretArbitrary = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.constantFrom(']aaaaaaaa', '[REDACTED]', 'RED', ']', 'D]x', 'a'),
      fc.stringMatching(/^[\][a-zREDACT.]{1,12}$/),
    );
    const textArbitrary = fc.array(
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('[REDACTED]', ']', '[', 'a')),
      {
        maxLength: 12,
      },
    );
    const samples = fc.sample(fc.tuple(textArbitrary, secretArbitrary), 50);
    expect(samples.some(([, secret]) => secret.includes(']'))).toBe(true);
    fc.assert(
      fc.property(
        textArbitrary,
        secretArbitrary,
        fc.array(secretArbitrary, { maxLength: 3 }),
        fc.nat(300),
        (pieces, secret, more, limit) => {
          // The secret, with pieces of the marker and other text around and between its copies.
          const text = pieces.join(secret);
          const secrets = [secret, ...more];
          const result = redact(text, secrets, limit);
          expect(result.length).toBeLessThanOrEqual(limit);
          // Only printable secrets can survive the printable pass at all; check those whole.
          for (const value of secrets) if (/^[\x20-\x7e]+$/.test(value)) expect(result).not.toContain(value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

describe('redact', () => {
  it('removes the secret, JWTs and T1 tokens, and shortens', () => {
    const text = 'key s3cr3t then eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIxIn0.c2ln and T1==cGFydG5lcl9pZD0x==';
    expect(redact(text, 's3cr3t', 500)).toBe('key [REDACTED] then [REDACTED] and [REDACTED]');
    expect(redact('x'.repeat(50), 's', 10)).toBe('xxxxxxx...');
  });

  it('replaces unprintable characters', () => {
    expect(redact('a\u0000\u001b[31mb\né', 'zzz', 50)).toBe('a [31mb');
  });

  it('never lets a secret through, wherever it sits', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 8, maxLength: 40 }), fc.string(), (before, secret, after) => {
        fc.pre(/^[\x21-\x7e]+$/.test(secret) && !'[REDACTED]'.includes(secret));
        expect(redact(before + secret + after, secret, 10_000)).not.toContain(secret);
      }),
    );
  });
});

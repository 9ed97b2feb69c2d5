import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

/** The obvious regular-expression reading of a glob, as a reference on short inputs. */
function reference(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

describe('compileGlob', () => {
  it('matches exact paths and stars that span slashes', () => {
    expect(compileGlob('/session/create').test('/session/create')).toBe(true);
    expect(compileGlob('/session/create').test('/session/create/')).toBe(false);
    expect(compileGlob('/v2/project/*').test('/v2/project/1/archive/x')).toBe(true);
    expect(compileGlob('/v2/*/archive').test('/v2/project/1/archive')).toBe(true);
    expect(compileGlob('/v2/*/archive').test('/v2/project/1/archives')).toBe(false);
    expect(compileGlob('/a*a').test('/a')).toBe(false);
    expect(compileGlob('*').test('')).toBe(true);
  });

  it('agrees with the regular-expression reading on random patterns and paths', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '*', '.');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '.'), maxLength: 24 });
    const pattern = fc.string({ unit: alphabet, maxLength: 12 });
    expect(fc.sample(pattern, 50).some((sample) => sample.split('*').length > 2)).toBe(true);
    fc.assert(
      fc.property(pattern, text, (glob, path) => {
        expect(compileGlob(glob).test(path)).toBe(reference(glob).test(path));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers a pattern that makes a regular expression backtrack in linear time', () => {
    const glob = compileGlob(`/${'*a'.repeat(14)}*b`);
    const path = `/${'a'.repeat(48)}`;
    // 100 000 matches of a 49-character path: a backtracking matcher would not finish one.
    const started = performance.now();
    for (let round = 0; round < 10_000; round++) expect(glob.test(path)).toBe(false);
    expect(glob.test(`${path}b`)).toBe(true);
    // Generous: linear work is a few hundred milliseconds even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

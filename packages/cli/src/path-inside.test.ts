import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from './failure.js';
import { pathInside } from './path-inside.js';

describe('pathInside', () => {
  it('gives the path of a plain file name in the folder', () => {
    expect(pathInside('out', '5d1e8c7a-0000-4000-8000-000000000000.mp4')).toBe(
      join('out', '5d1e8c7a-0000-4000-8000-000000000000.mp4'),
    );
    expect(pathInside('/tmp/out/', 'a.zip')).toBe('/tmp/out/a.zip');
  });

  it('refuses names that resolve anywhere else, the name shown escaped', () => {
    for (const file of ['../x.mp4', '../../x', '/etc/passwd', 'sub/x.mp4', '.', '..', '', 'a/../../x']) {
      expect(() => pathInside('/tmp/out', file), file).toThrow(CliError);
    }
    expect(() => pathInside('out', '\x1b[2J/../../x')).toThrow(
      'refusing to write "\\x1b[2J/../../x": it is not a file name inside out (--out); nothing was downloaded',
    );
  });

  it('never gives a path outside the folder, whatever the name', () => {
    const part = fc.constantFrom('..', '.', '/', 'x', 'mp4', '\\', '\x00', '\u202e', '%2e');
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 8 }).map((parts) => parts.join('')),
        (file) => {
          let path: string;
          try {
            path = pathInside('/tmp/out', file);
          } catch (error) {
            expect(error).toBeInstanceOf(CliError);
            return;
          }
          expect(resolve(path, '..')).toBe('/tmp/out');
        },
      ),
    );
  });
});

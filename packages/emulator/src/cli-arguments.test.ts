import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments.js';

describe('parseCliArguments', () => {
  it('has defaults', () => {
    expect(parseCliArguments([])).toEqual({ host: '127.0.0.1', port: 0, projects: [], help: false });
  });

  it('reads host, port, repeated projects and --name=value forms', () => {
    const parsed = parseCliArguments([
      '--host',
      '0.0.0.0',
      '--port=4010',
      '--project',
      '1:a:b',
      '--project=22:c',
      '-h',
    ]);
    expect(parsed).toEqual({
      host: '0.0.0.0',
      port: 4010,
      projects: [
        { apiKey: '1', apiSecret: 'a:b' },
        { apiKey: '22', apiSecret: 'c' },
      ],
      help: true,
    });
  });

  it('rejects bad values without repeating a secret', () => {
    expect(() => parseCliArguments(['--port', '70000'])).toThrow(InvalidArgumentError);
    expect(() => parseCliArguments(['--port'])).toThrow('--port needs a value');
    expect(() => parseCliArguments(['--verbose'])).toThrow('Unknown option "--verbose"');
    for (const value of ['key:topsecret', ':topsecret', '12:', 'topsecret']) {
      const error = (() => {
        try {
          parseCliArguments(['--project', value]);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error?.message).not.toContain('topsecret');
    }
  });

  it('turns any garbage into a parse or an InvalidArgumentError, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (argv) => {
        try {
          parseCliArguments(argv);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
        }
      }),
    );
  });
});

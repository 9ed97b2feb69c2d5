/** `--callback-url` on the command line: every group, one group, repeated, refused. */
import { InvalidArgumentError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments.js';
import { CALLBACK_GROUPS } from './stores/callback-store.js';

describe('--callback-url', () => {
  it('sends every group to one URL', () => {
    const { callbackUrl } = parseCliArguments(['--callback-url', 'http://127.0.0.1:3000/hooks']);
    expect(Object.keys(callbackUrl ?? {}).sort()).toEqual([...CALLBACK_GROUPS].sort());
    expect(new Set(Object.values(callbackUrl ?? {}))).toEqual(new Set(['http://127.0.0.1:3000/hooks']));
  });

  it('sets one group with GROUP=URL, and later options win for their groups', () => {
    const { callbackUrl } = parseCliArguments([
      '--callback-url=http://127.0.0.1:3000/all',
      '--callback-url',
      'archive=https://example.com/archives',
    ]);
    expect(callbackUrl?.archive).toBe('https://example.com/archives');
    expect(callbackUrl?.session).toBe('http://127.0.0.1:3000/all');
  });

  it('is absent unless given', () => {
    expect(parseCliArguments([]).callbackUrl).toBeUndefined();
  });

  it.each(['ftp://example.com', 'not a url', 'sessions=http://127.0.0.1/x', 'http://user:pass@127.0.0.1/x'])(
    'refuses %s',
    (value) => {
      expect(() => parseCliArguments(['--callback-url', value])).toThrow(InvalidArgumentError);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { CliError } from './failure.js';
import { checkPlainId } from './plain-id.js';

describe('checkPlainId', () => {
  it('passes UUIDs, as the service and the emulator make them', () => {
    expect(checkPlainId('5d1e8c7a-0000-4000-8000-00000000abcd', 'archive ID')).toBe(
      '5d1e8c7a-0000-4000-8000-00000000abcd',
    );
    expect(checkPlainId('5D1E8C7A-0000-4000-8000-00000000ABCD', 'archive ID')).toBe(
      '5D1E8C7A-0000-4000-8000-00000000ABCD',
    );
  });

  it('refuses anything else with exit 1, the value shown escaped and shortened', () => {
    for (const id of [
      '../../x',
      '',
      'x',
      '5d1e8c7a-0000-4000-8000-00000000abcd/..',
      ' 5d1e8c7a-0000-4000-8000-00000000abcd',
    ]) {
      expect(() => checkPlainId(id, 'archive ID'), id).toThrow(CliError);
    }
    expect(() => checkPlainId(42, 'archive ID')).toThrow('the server gave the archive ID number, which is not');
    expect(() => checkPlainId(`\x1b[2J${'a'.repeat(100)}`, 'video ID')).toThrow(
      `the server gave the video ID "\\x1b[2J${'a'.repeat(76)}…", which is not a plain ID (a UUID): nothing was downloaded`,
    );
  });
});

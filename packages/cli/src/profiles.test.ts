import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './failure.js';
import { checkProfileName, emptyProfiles, findProfile, readProfiles } from './profiles.js';

describe('profile names and lookups', () => {
  it('refuses every name of Object.prototype, and takes ordinary names', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(() => checkProfileName(name), name).toThrow(CliError);
    }
    expect(checkProfileName('work.eu-1_b')).toBe('work.eu-1_b');
  });

  it('finds own profiles only, in a map read without a prototype', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'opentok-profiles-')), 'config.json');
    writeFileSync(path, JSON.stringify({ profiles: { work: { apiKey: '1', apiSecret: 's' } }, note: 'kept' }), {
      mode: 0o600,
    });
    const file = await readProfiles(path);
    expect(Object.getPrototypeOf(file?.profiles)).toBeNull();
    expect(findProfile(file, 'work')).toEqual({ apiKey: '1', apiSecret: 's' });
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(findProfile(file, name)).toBeUndefined();
    expect(file).toMatchObject({ note: 'kept' });
    expect(findProfile({ profiles: emptyProfiles() }, 'valueOf')).toBeUndefined();
  });
});

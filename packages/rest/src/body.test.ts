import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { answer, SECRET } from '../test/helpers.js';
import { readJson, readXml } from './body.js';
import { ResponseParseError } from './errors.js';

/** Everything an error would show. */
const printed = (error: unknown) => `${String(error)} ${inspect(error, { depth: 10, showHidden: true })}`;

const caught = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('readJson and readXml', () => {
  it('show no part of a secret that opens a broken body', async () => {
    for (const [read, type] of [
      [readJson, 'application/json'],
      [readXml, 'text/xml'],
    ] as const) {
      const error = await caught(() => read(answer(`${SECRET}<oops`, type)));
      expect(error).toBeInstanceOf(ResponseParseError);
      expect((error as ResponseParseError).excerpt).toBe('[REDACTED]<oops');
      expect(printed(error)).not.toContain(SECRET.slice(0, 10));
    }
  });

  it('keep the excerpt printable and short', async () => {
    const error = (await caught(() => readJson(answer(`\u0000\u001b[2J${'é'.repeat(500)}`)))) as ResponseParseError;
    expect(error.excerpt).toMatch(/^[\x20-\x7e]*$/);
    expect(error.excerpt.length).toBeLessThanOrEqual(120);
  });
});

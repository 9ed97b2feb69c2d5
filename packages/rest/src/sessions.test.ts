import { decodeSessionId, InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, fixture } from '../test/helpers.js';
import { createClient } from './client.js';
import { AuthenticationError, ResponseParseError } from './errors.js';
import { readSessionAnswer } from './sessions.js';

describe('readSessionAnswer', () => {
  it('reads the JSON arrays of 2016 and 2025', async () => {
    for (const file of ['json/session-create.json', 'json/session-create-2016.json']) {
      const body = fixture(file);
      const expected = (JSON.parse(body) as { session_id: string }[])[0]!.session_id;
      expect((await readSessionAnswer(answer(body))).sessionId).toBe(expected);
    }
  });

  it('reads XML shapes A and B, by content type or by the first character', async () => {
    const cases: [string, string][] = [
      ['legacy/session-create-2012.xml', 'text/xml'],
      ['legacy/hl-session-create-2012.xml', 'text/xml'],
      ['legacy/session-create-2014.xml', 'text/xml'],
      ['legacy/session-create-relayed-2014.xml', 'application/xml'],
      ['legacy/session-create-2014.xml', 'text/plain'],
    ];
    for (const [file, type] of cases) {
      const { sessionId, createDate } = await readSessionAnswer(answer(fixture(file), type));
      expect(decodeSessionId(sessionId).apiKey).toMatch(/^\d+$/);
      expect(createDate).toBeTruthy();
    }
  });

  it('turns the 2012 <Errors> body sent with HTTP 200 into an AuthenticationError', async () => {
    const error = await readSessionAnswer(
      answer(fixture('errors/xml-errors-403-not-authorized.xml'), 'text/plain'),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, serviceMessage: expect.stringContaining('API secret did not match') });
  });

  it('raises ResponseParseError with a short excerpt for anything else', async () => {
    for (const [body, type] of [
      ['<html>oops</html>', 'text/html'],
      ['{"nope": 1}', 'application/json'],
      ['[]', 'application/json'],
      ['[{"session_id": 42}]', 'application/json'],
      ['not json', 'application/json'],
      ['plain text', 'text/plain'],
    ]) {
      await expect(readSessionAnswer(answer(body!, type))).rejects.toThrow(ResponseParseError);
    }
    const error = await readSessionAnswer(answer(`garbage ${'x'.repeat(5000)}`, 'text/plain')).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).excerpt.length).toBeLessThanOrEqual(120);
  });

  it('never throws anything but ResponseParseError or a RequestError on garbage bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'text/xml', 'text/plain', ''),
        async (body, type) => {
          try {
            await readSessionAnswer(answer(body, type));
          } catch (error) {
            // Exactly a ResponseParseError: not a subclass, not a TypeError dressed up.
            expect(Object.getPrototypeOf(error), String(error)).toBe(ResponseParseError.prototype);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('createSession options', () => {
  const client = createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl: 'http://127.0.0.1:9' });
  const refused: [Record<string, unknown>, string][] = [
    [{ mediaMode: 'sideways' }, 'mediaMode'],
    [{ archiveMode: 'always' }, 'archiveMode'],
    [{ archiveMode: 'always', mediaMode: 'relayed' }, 'archiveMode'],
    [{ e2ee: true }, 'e2ee'],
    [{ e2ee: true, mediaMode: 'routed', archiveMode: 'always' }, 'e2ee'],
    [{ e2ee: 'yes', mediaMode: 'routed' }, 'e2ee'],
    [{ location: 'localhost' }, 'location'],
    [{ location: '300.1.1.1' }, 'location'],
    [{ p2p: true, mediaMode: 'routed' }, 'p2p'],
    [{ archiveName: 'x' }, 'archiveName'],
    [{ archiveResolution: '1280x720', mediaMode: 'routed' }, 'archiveResolution'],
    [{ archiveName: 'x'.repeat(81), mediaMode: 'routed', archiveMode: 'always' }, 'archiveName'],
  ];
  for (const [options, argument] of refused) {
    it(`refuses ${JSON.stringify(options)} naming ${argument}`, async () => {
      await expect(client.createSession(options as never)).rejects.toMatchObject({
        name: 'InvalidArgumentError',
        argument,
      });
      await expect(client.createSession(options as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    });
  }

  it('refuses options that are not an object', async () => {
    await expect(client.createSession('routed' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

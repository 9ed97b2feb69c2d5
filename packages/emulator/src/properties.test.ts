import { decodeSessionId } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, connect, createSession, emulator } from '../test/support.js';
import { escapeXml } from './respond.js';

const unescapeXml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!,
  );

describe('properties', () => {
  it('escapeXml round-trips every text, minus the control characters XML 1.0 forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|apos);)/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
        expect(unescapeXml(escaped)).toBe(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
      }),
    );
  });

  it('every valid set of session options is honoured: ID fields, state, archive rules', async () => {
    const { url } = await emulator();
    const octet = fc.integer({ min: 0, max: 255 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          routed: fc.boolean(),
          always: fc.boolean(),
          location: fc.option(
            fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.')),
            { nil: undefined },
          ),
        }),
        async ({ routed, always, location }) => {
          fc.pre(routed || !always); // always needs routed (a 400, tested elsewhere)
          const form: Record<string, string> = {
            'p2p.preference': routed ? 'disabled' : 'enabled',
            archiveMode: always ? 'always' : 'manual',
          };
          if (location) form.location = location;
          const sessionId = await createSession(url, form);
          expect(decodeSessionId(sessionId)).toMatchObject({ apiKey: '123456', location, p2p: !routed });
          await connect(url, sessionId, true);
          const listed = await call('GET', `${url}/v2/project/123456/archive?sessionId=${sessionId}`);
          expect(listed.body.count).toBe(always ? 1 : 0);
          const start = await call('POST', `${url}/v2/project/123456/archive`, { sessionId });
          expect(start.status).toBe(routed && !always ? 200 : 409);
        },
      ),
      { numRuns: 40 },
    );
  });
});

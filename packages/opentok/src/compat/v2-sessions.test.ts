import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindMessage, COMMON, v2Message } from './v2-messages.js';
import { sessionForm, sessionOptions } from './v2-sessions.js';

const key = fc
  .stringMatching(/^[a-z][\w.]{0,11}$/)
  .filter((name) => !['mediaMode', 'archiveMode', 'location', '__proto__'].includes(name));

describe("2.x's createSession options and form", () => {
  it("keep the caller's key order, drop mediaMode, append the defaults and end with p2p.preference", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 6 }),
        fc.constantFrom('routed', 'relayed', 'other', undefined),
        (names, mediaMode) => {
          const given: Record<string, unknown> = {};
          for (const name of names) given[name] = name.length;
          if (mediaMode !== undefined) given.mediaMode = mediaMode;
          const form = sessionForm(sessionOptions(given));
          expect(Object.keys(form)).toEqual([...names, 'archiveMode', 'p2p.preference']);
          expect(form['p2p.preference']).toBe(mediaMode === 'routed' ? 'disabled' : 'enabled');
          for (const name of names) expect(form[name]).toBe(String(name.length));
        },
      ),
    );
  });

  it('make any mediaMode or archiveMode one of 2.x’s, then check always and location', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (mediaMode, archiveMode) => {
        let options: Record<string, unknown>;
        try {
          options = sessionOptions({ mediaMode, archiveMode });
        } catch (error) {
          expect((error as Error).message).toBe(
            'A session with always archive mode must also have the routed media mode.',
          );
          expect(archiveMode).toBe('always');
          return;
        }
        expect(['routed', 'relayed']).toContain(options.mediaMode);
        expect(['manual', 'always']).toContain(options.archiveMode);
      }),
    );
    expect(() => sessionOptions({ location: '256.1.1.1' })).toThrow(/location must be an IPv4 address/);
    expect(sessionOptions({ location: '10.0.0.1' })).toEqual({
      location: '10.0.0.1',
      mediaMode: 'relayed',
      archiveMode: 'manual',
    });
  });
});

describe("2.x's words", () => {
  it('quote any body as 2.x does, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }).filter((status) => ![401, 403, 404].includes(status)),
        fc.string(),
        (status, text) => {
          const message = v2Message(COMMON, { status, text, body: text });
          expect(message).toBe(`Unexpected response from OpenTok: "${JSON.stringify({ message: text })}"`);
        },
      ),
    );
  });

  it('leave errors that are not request errors as they are', () => {
    const error = new Error('No archive ID given');
    expect(bindMessage(error, { prefix: 'Failed to start broadcast.' })).toBe(error);
    expect(error.message).toBe('No archive ID given');
  });
});

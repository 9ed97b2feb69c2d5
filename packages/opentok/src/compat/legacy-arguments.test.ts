import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCreateSessionArguments, toTokenCall } from './legacy-arguments.js';

const done = () => {};

describe('parseCreateSessionArguments', () => {
  it('reads (callback)', () => {
    expect(parseCreateSessionArguments([done])).toEqual({ location: undefined, mediaMode: 'routed', callback: done });
  });

  it('reads (location, callback)', () => {
    expect(parseCreateSessionArguments(['127.0.0.1', done])).toEqual({
      location: '127.0.0.1',
      mediaMode: 'routed',
      callback: done,
    });
  });

  it('reads (properties, callback)', () => {
    expect(parseCreateSessionArguments([{ 'p2p.preference': 'enabled' }, done])).toEqual({
      location: undefined,
      mediaMode: 'relayed',
      callback: done,
    });
  });

  it('reads (location, properties, callback)', () => {
    expect(parseCreateSessionArguments(['10.0.0.1', { 'p2p.preference': 'disabled' }, done])).toEqual({
      location: '10.0.0.1',
      mediaMode: 'routed',
      callback: done,
    });
  });

  it('treats null, undefined and empty strings as "not given"', () => {
    expect(parseCreateSessionArguments([null, null, done])).toMatchObject({ location: undefined, mediaMode: 'routed' });
    expect(parseCreateSessionArguments(['', undefined, done])).toMatchObject({ location: undefined });
    expect(parseCreateSessionArguments([undefined, { 'p2p.preference': 'enabled' }])).toMatchObject({
      mediaMode: 'relayed',
      callback: undefined,
    });
  });

  it('accepts no callback at all (the facade then returns a promise)', () => {
    expect(parseCreateSessionArguments([])).toEqual({ location: undefined, mediaMode: 'routed', callback: undefined });
  });

  it('rejects a property the service no longer knows, naming it', () => {
    expect(() => parseCreateSessionArguments([{ 'echoSuppression.enabled': true }, done])).toThrow(
      /Unsupported session property "echoSuppression.enabled"/,
    );
  });

  it("rejects a p2p.preference other than 'enabled' or 'disabled'", () => {
    expect(() => parseCreateSessionArguments([{ 'p2p.preference': 'yes' }, done])).toThrow(InvalidArgumentError);
  });

  it('rejects too many arguments and wrong types', () => {
    expect(() => parseCreateSessionArguments(['1.2.3.4', {}, 'x', done])).toThrow(/takes \(\[location\]/);
    expect(() => parseCreateSessionArguments([42, done])).toThrow(/location must be an IP address string/);
    expect(() => parseCreateSessionArguments(['1.2.3.4', 'x', done])).toThrow(/properties must be an object/);
  });

  it('never throws anything but InvalidArgumentError, whatever it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 4 }), (args) => {
        try {
          const call = parseCreateSessionArguments(args);
          expect(['routed', 'relayed']).toContain(call.mediaMode);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
        }
      }),
    );
  });
});

describe('toTokenCall', () => {
  it('maps the 1.0 object form to the modern options, asking for T1', () => {
    const expireTime = 1_900_000_000;
    expect(
      toTokenCall({
        session_id: 'S',
        role: 'moderator',
        expire_time: expireTime,
        connection_data: 'userId:42',
        initial_layout_class_list: ['focus'],
      }),
    ).toEqual({
      sessionId: 'S',
      options: { role: 'moderator', expireTime, data: 'userId:42', initialLayoutClassList: ['focus'], format: 't1' },
    });
  });

  it('maps the (sessionId, { role, expireTime, data }) form', () => {
    expect(toTokenCall('S', { role: 'subscriber', data: 'd' })).toEqual({
      sessionId: 'S',
      options: { role: 'subscriber', data: 'd', format: 't1' },
    });
    expect(toTokenCall('S')).toEqual({ sessionId: 'S', options: { format: 't1' } });
  });

  it('drops null and undefined values so that defaults apply', () => {
    expect(toTokenCall({ session_id: 'S', role: null, expire_time: undefined })).toEqual({
      sessionId: 'S',
      options: { format: 't1' },
    });
  });

  it('rejects unknown option names and a second argument beside the object form', () => {
    expect(() => toTokenCall({ session_id: 'S', format: 'jwt' })).toThrow(/Unknown token option 'format'/);
    expect(() => toTokenCall({ session_id: 'S' }, { role: 'publisher' })).toThrow(InvalidArgumentError);
    expect(() => toTokenCall('S', 'publisher')).toThrow(/options must be an object/);
  });

  it('names the nearest known option for a misspelled one', () => {
    expect(() => toTokenCall('S', { rol: 'publisher' })).toThrow("Unknown token option 'rol' (did you mean 'role'?)");
    expect(() => toTokenCall({ session_id: 'S', conection_data: 'x' })).toThrow(
      "Unknown token option 'conection_data' (did you mean 'connection_data'?)",
    );
    expect(() => toTokenCall({ session_id: 'S', permissions: 'all' })).toThrow(
      /^\[opentok\] Unknown token option 'permissions'$/,
    );
  });

  it('refuses keys inherited from Object.prototype, and never quotes a key that is not a name', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => toTokenCall(JSON.parse(`{"session_id": "S", ${JSON.stringify(key)}: 1}`))).toThrow(
        InvalidArgumentError,
      );
    }
    const secret = 'f00dfacef00dfacef00dfacef00dface : not a name';
    expect(() => toTokenCall('S', { [secret]: 1 })).toThrow('[opentok] Unknown token option (not an option name)');
  });
});

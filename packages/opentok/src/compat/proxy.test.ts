import { NetworkError } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProxy, PROXY_REFUSED, throughProxy } from './proxy.js';

const NODE = { process: { versions: { node: '20.19.0' } } };

describe('checkProxy', () => {
  it('takes http: and https: URLs, and names them without their userinfo', () => {
    expect(checkProxy('http://proxy.example.com:3128', NODE)).toEqual({
      url: 'http://proxy.example.com:3128',
      label: 'http://proxy.example.com:3128',
    });
    expect(checkProxy('https://ops:s3cret@proxy.example.com', NODE)).toEqual({
      url: 'https://ops:s3cret@proxy.example.com',
      label: 'https://proxy.example.com',
    });
  });

  it('takes undefined, null and an empty string as no proxy, on any runtime', () => {
    for (const none of [undefined, null, '']) expect(checkProxy(none, {})).toBeUndefined();
  });

  it('refuses a proxy outside Node, saying what to do instead', () => {
    for (const scope of [{}, { process: {} }, { process: { versions: {} } }, { process: { versions: { node: 20 } } }]) {
      expect(() => checkProxy('http://proxy.example.com:3128', scope)).toThrow(/needs Node .* pass a `fetch` option/);
    }
  });

  it('refuses what is not an http(s) URL with a host, with InvalidArgumentError naming proxy', () => {
    for (const value of ['proxy:3128', 'http://', 'file:///tmp/socket', 'socks5://proxy:1080', 3128, {}, ['x']]) {
      let thrown: unknown;
      try {
        checkProxy(value, NODE);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as InvalidArgumentError).argument).toBe('proxy');
      expect((thrown as Error).message).toMatch(/^\[opentok\] proxy /);
    }
  });

  it('never repeats the credentials of a URL it refuses or names', () => {
    const password = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/);
    const scheme = fc.constantFrom('http', 'https', 'ftp', 'socks5', 'ws', 'htp');
    const host = fc.constantFrom('proxy.example.com', '127.0.0.1:3128', '', '[::1]:8080', 'exa mple.com', '%%');
    fc.assert(
      fc.property(scheme, password, host, (protocol, secret, where) => {
        const text = `${protocol}://ops:${secret}@${where}`;
        try {
          const setting = checkProxy(text, NODE);
          expect(setting?.label).not.toContain(secret);
        } catch (error) {
          expect(InvalidArgumentError.isInstance(error)).toBe(true);
          expect(String((error as Error).message)).not.toContain(secret);
        }
      }),
    );
  });
});

describe('throughProxy', () => {
  it('adds the proxy to network errors only', () => {
    const setting = { url: 'http://ops:pw@proxy.example.com:3128', label: 'http://proxy.example.com:3128' };
    const network = new NetworkError('[@opentok/rest] GET /x: could not reach https://api.opentok.com');
    expect((throughProxy(network, setting) as Error).message).toBe(
      '[@opentok/rest] GET /x: could not reach https://api.opentok.com (through the proxy http://proxy.example.com:3128)',
    );
    const other = new InvalidArgumentError('x', 'unchanged');
    expect((throughProxy(other, setting) as Error).message).toBe('unchanged');
    const direct = new NetworkError('no proxy');
    expect((throughProxy(direct, undefined) as Error).message).toBe('no proxy');
  });
});

describe('throughProxy on a refused tunnel', () => {
  it('says what the proxy answered instead of the code, from the innermost error of the cause chain', () => {
    const setting = { url: 'http://ops:pw@proxy.example.com:3128', label: 'http://proxy.example.com:3128' };
    const inner = Object.assign(new Error('the proxy answered 407 to CONNECT'), { code: PROXY_REFUSED });
    const outer = Object.assign(new Error('fetch failed', { cause: inner }), { code: PROXY_REFUSED });
    const network = new NetworkError(
      `[@opentok/rest] POST /session/create: could not reach https://api.opentok.com (${PROXY_REFUSED})`,
      { cause: outer },
    );
    expect((throughProxy(network, setting) as Error).message).toBe(
      '[@opentok/rest] POST /session/create: could not reach https://api.opentok.com: the proxy answered 407 to CONNECT (through the proxy http://proxy.example.com:3128)',
    );
  });
});

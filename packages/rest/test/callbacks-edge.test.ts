/**
 * `parseCallback` of the built package in Vercel's edge sandbox (`@edge-runtime/vm`): bundled
 * with the edge export conditions, it reads a callback from a string and from bytes with no
 * Node API at hand (no `process`, no `Buffer`).
 */
import { EdgeVM } from '@edge-runtime/vm';
import { describe, expect, it } from 'vitest';
import { bundleForEdge } from './edge-bundle.js';

const PROBE = `
import { parseCallback } from '@opentok/rest';
globalThis.probe = () => {
  const body = '{"sessionId":"s1","projectId":123456,"event":"connectionDestroyed","reason":"forceDisconnected","timestamp":1,"connection":{"id":"c1","createdAt":1,"data":""}}';
  const fromText = parseCallback(body);
  const fromBytes = parseCallback(new TextEncoder().encode(body));
  let refused = '';
  try { parseCallback(new Uint8Array([0x7b, 0xff])); } catch (error) { refused = error.name; }
  return JSON.stringify({
    hasProcess: typeof process !== 'undefined',
    hasBuffer: typeof Buffer !== 'undefined',
    fromText: [fromText.event, fromText.reason, fromText.projectId],
    fromBytes: [fromBytes.event, fromBytes.connection.id],
    refused,
  });
};
`;

describe('parseCallback in an edge runtime', () => {
  it('reads strings and bytes without Node APIs', async () => {
    const { code } = await bundleForEdge({ source: PROBE });
    expect(code).not.toMatch(/\brequire\(|\bnode:(crypto|fs|stream|http|buffer)\b/);
    const vm = new EdgeVM();
    vm.evaluate(code);
    expect(JSON.parse(vm.evaluate('probe()') as string)).toEqual({
      hasProcess: false,
      hasBuffer: false,
      fromText: ['connectionDestroyed', 'forceDisconnected', '123456'],
      fromBytes: ['connectionDestroyed', 'c1'],
      refused: 'InvalidArgumentError',
    });
  });
});

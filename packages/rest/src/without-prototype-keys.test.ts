/**
 * `parseCallback` and the copy it reads: a JSON `__proto__` key (and `constructor`,
 * `prototype`) never survives as an own property, at any depth, so copying a callback never
 * changes a prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallback } from './callbacks.js';
import { withoutPrototypeKeys } from './without-prototype-keys.js';

const ARCHIVE = {
  event: 'archive',
  id: 'a1',
  sessionId: 's1',
  status: 'available',
  partnerId: 123456,
  url: 'https://example.com/a.mp4',
};

/** Every own key of a value, at every depth. */
function ownKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.add(key);
      ownKeys((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

describe('parseCallback drops prototype keys', () => {
  const hostile = `{"event":"archive","id":"a1","sessionId":"s1","status":"available","partnerId":123456,
    "__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},
    "meta":{"__proto__":{"polluted":true},"deep":[{"__proto__":{"polluted":true},"keep":1}]}}`;

  it.each([
    ['a string', hostile],
    ['bytes', new TextEncoder().encode(hostile)],
    ['an object a body parser made', JSON.parse(hostile)],
  ])('from %s: no own __proto__, constructor or prototype key, at any depth', (_what, body) => {
    const callback = parseCallback(body);
    const keys = ownKeys(callback);
    for (const key of ['__proto__', 'constructor', 'prototype']) expect(keys.has(key)).toBe(false);
    expect((callback as unknown as { meta: { deep: { keep: number }[] } }).meta.deep[0]!.keep).toBe(1);
    const copy = Object.assign({}, callback);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(callback).toMatchObject({ event: 'archive', id: 'a1', projectId: '123456' });
  });

  it('an escaped spelling of the key ("\\u005f_proto__") is dropped as well', () => {
    const callback = parseCallback(JSON.stringify(ARCHIVE).replace('{', '{"\\u005f_proto__":{"polluted":true},'));
    expect(Object.hasOwn(callback, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(Object.assign({}, callback))).toBe(Object.prototype);
  });
});

describe('withoutPrototypeKeys', () => {
  it('keeps every other JSON value as it was', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const keys = ownKeys(value);
        if (keys.has('__proto__') || keys.has('constructor') || keys.has('prototype')) return;
        expect(withoutPrototypeKeys(value)).toStrictEqual(value);
      }),
    );
  });

  it('never leaves one at any depth', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'b');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 3 }).map((entries) => {
          const record: Record<string, unknown> = {};
          for (const [name, value] of entries)
            Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
          return record;
        }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        const keys = ownKeys(withoutPrototypeKeys(value));
        for (const name of ['__proto__', 'constructor', 'prototype']) expect(keys.has(name)).toBe(false);
      }),
    );
  });

  it('walks 100,000 levels of nesting without overflowing the stack, and copies cycles as cycles', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(Array.isArray(withoutPrototypeKeys(deep))).toBe(true);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const copy = withoutPrototypeKeys(cyclic) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(copy).not.toBe(cyclic);
  });
});

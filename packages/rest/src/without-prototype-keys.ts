/**
 * Drops the keys that reach an object's prototype from parsed JSON.
 * @module
 */

/**
 * Keys no callback has, and that change a prototype when a parsed object is copied:
 * `JSON.parse` keeps `"__proto__"` as an own property, and `Object.assign({}, parsed)` then
 * sets the target's prototype to its value.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A copy of a JSON value (or of an object a JSON body parser made) without `__proto__`,
 * `constructor` and `prototype` keys, at every depth. Arrays and plain objects are copied
 * (shared and cyclic parts stay shared and cyclic); anything else is kept as it is. Walks with
 * a stack of its own, so deep nesting cannot overflow the call stack.
 */
export function withoutPrototypeKeys(root: unknown): unknown {
  if (!isContainer(root)) return root;
  const copies = new Map<object, Record<string, unknown>>();
  const copyOf = (source: object) => {
    let copy = copies.get(source);
    if (copy === undefined) {
      copy = (Array.isArray(source) ? new Array(source.length) : {}) as Record<string, unknown>;
      copies.set(source, copy);
      pending.push([source as Record<string, unknown>, copy]);
    }
    return copy;
  };
  const pending: [Record<string, unknown>, Record<string, unknown>][] = [];
  const top = copyOf(root);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next;
    for (const key of Object.keys(source)) {
      if (PROTOTYPE_KEYS.has(key)) continue;
      const value = source[key];
      target[key] = isContainer(value) ? copyOf(value) : value;
    }
  }
  return top;
}

/** `true` for an array or a plain object (what `JSON.parse` makes). */
function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

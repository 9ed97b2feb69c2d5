/**
 * Path globs of the fault injection, matched in linear time: `*` matches any run of
 * characters, `/` included; every other character matches itself. No regular expression, so
 * no pattern can make the matcher backtrack (`/*a*a*a…*b` against a long path of `a`s
 * answers as fast as any other).
 * @module
 */

/** KMP failure table of a literal part of the pattern. */
function failureTable(part: string): Int32Array {
  const table = new Int32Array(part.length);
  let matched = 0;
  for (let index = 1; index < part.length; index++) {
    while (matched > 0 && part[index] !== part[matched]) matched = table[matched - 1] as number;
    if (part[index] === part[matched]) matched++;
    table[index] = matched;
  }
  return table;
}

/**
 * First index in `from`..`end` where `part` occurs whole in `text`, or -1. Reads each
 * character of the range at most twice (KMP); the next search starts after the match.
 */
function find(text: string, part: string, from: number, end: number, table: Int32Array): number {
  let matched = 0;
  for (let index = from; index < end; index++) {
    while (matched > 0 && text[index] !== part[matched]) matched = table[matched - 1] as number;
    if (text[index] === part[matched]) matched++;
    if (matched === part.length) return index - part.length + 1;
  }
  return -1;
}

/** A compiled glob: a test that runs in time linear in the path and the pattern. */
export interface Glob {
  test(path: string): boolean;
}

/**
 * Compiles a glob. Without `*` it is an exact match. With stars, the part before the first
 * must start the path, the part after the last must end it, and the parts between are found
 * left to right, each at its first occurrence (taking the earliest one never loses a match).
 * @example
 * compileGlob('/v2/project/*').test('/v2/project/1/archive') // true
 */
export function compileGlob(pattern: string): Glob {
  const parts = pattern.split('*');
  if (parts.length === 1) return { test: (path) => path === pattern };
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const tables = middle.map(failureTable);
  return {
    test(path) {
      if (path.length < first.length + last.length) return false;
      if (!path.startsWith(first) || !path.endsWith(last)) return false;
      let position = first.length;
      const end = path.length - last.length;
      for (let index = 0; index < middle.length; index++) {
        const part = middle[index] as string;
        const found = find(path, part, position, end, tables[index] as Int32Array);
        if (found < 0) return false;
        position = found + part.length;
      }
      return true;
    },
  };
}

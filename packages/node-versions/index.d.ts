/**
 * The Node.js binaries of the versions users run, from this package's dependencies.
 * @module
 */

/** Node versions tested and measured besides the machine's own, newest last. */
export declare const NODE_MAJORS: readonly [22, 24];

/**
 * The path of the Node `major` binary, or `undefined` when its package is not installed.
 * @example
 * const node24 = nodeBinary(24); // …/node_modules/node24/bin/node
 */
export declare function nodeBinary(major: 22 | 24): string | undefined;

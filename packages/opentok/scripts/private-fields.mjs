#!/usr/bin/env node
/**
 * Removes the `#private;` lines that TypeScript writes into the declarations of classes with
 * `#` members, after tsup and scripts/commonjs-types.mjs.
 *
 * A declaration file with `#private` fails to compile under a `target` before ES2015 (TS18028,
 * "Private identifiers are only available when targeting ECMAScript 2015 and higher") when
 * `skipLibCheck` is off, as in DefinitelyTyped's own test settings and many 2.x-era projects.
 * The line only makes the class nominal: without it, an object of the same public shape is
 * assignable to the class type, which is harmless for these classes (nothing outside the
 * package reads their `#` members).
 * @module
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const PRIVATE_LINE = /^[ \t]*#private;\r?\n/gm;
const declarations = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => /\.d\.c?ts$/.test(file));

let removed = 0;
for (const file of declarations) {
  const text = readFileSync(`${dist}${file}`, 'utf8');
  const kept = text.replace(PRIVATE_LINE, () => {
    removed += 1;
    return '';
  });
  if (/^[ \t]*(?:readonly |static |get |set )*#\w/m.test(kept)) {
    console.error(`private-fields: dist/${file} still declares a # member`);
    process.exit(1);
  }
  if (kept !== text) writeFileSync(`${dist}${file}`, kept);
}
console.log(`private-fields: removed ${removed} #private lines from the declarations`);

#!/usr/bin/env node
/**
 * arethetypeswrong for a package's `publint` script, quiet when green: `node ../../scripts/attw.mjs
 * --pack . --profile node16` runs `attw` with those arguments. When it passes, one line says what
 * was checked; the table, whose `(ignored)` column lists resolutions the profile leaves out (such
 * as node10's `💀 Resolution failed` for subpath exports), is printed only when it fails, so a
 * green run shows nothing a reader must interpret.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
// The package's own attw (a devDependency), also when this runs outside `pnpm run`.
const local = join(process.cwd(), 'node_modules', '.bin', 'attw');
const attw = existsSync(local) ? local : 'attw';
const run = (extra) =>
  spawnSync(attw, [...args, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });

const json = run(['--format', 'json']);
let analysis;
try {
  ({ analysis } = JSON.parse(json.stdout));
} catch {}
if (json.status === 0 && analysis) {
  const entrypoints = Object.keys(analysis.entrypoints ?? {});
  const profile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : 'strict';
  console.log(
    `arethetypeswrong: ${analysis.packageName} ${analysis.packageVersion}, ${entrypoints.length} entry points ` +
      `(${entrypoints.join(', ')}), profile ${profile}: no problems`,
  );
  process.exit(0);
}
// Failed: the full table, without colour codes, then attw's exit code.
const table = run(['--format', 'table-flipped', '--no-color']);
process.stdout.write(table.stdout ?? '');
process.stderr.write(table.stderr || json.stderr || `${table.error?.message ?? ''}\n`);
process.exit(table.status || json.status || 1);

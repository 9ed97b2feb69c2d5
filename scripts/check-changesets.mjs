#!/usr/bin/env node
/**
 * The changeset step of the test command.
 *
 * 1. Every `.changeset/*.md` parses (with the parser `changeset version` uses) and names only
 *    published workspace packages with a `patch`, `minor` or `major` bump and a summary line.
 *    This holds in any checkout, shallow or detached.
 * 2. Where the base branch of `.changeset/config.json` exists locally (a full clone), `changeset status`
 *    checks that changed packages carry a changeset.
 *    Elsewhere it says that this part did not run, and why.
 *
 * Exits 1 when either check fails.
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const directory = join(root, '.changeset');
const require = createRequire(import.meta.url);
// @changesets/parse is a dependency of @changesets/cli, resolved from where the CLI is installed.
const cli = realpathSync(join(root, 'node_modules', '@changesets', 'cli'));
const parse = require(require.resolve('@changesets/parse', { paths: [cli] })).default;

/** The workspace's packages: name → whether it is published (not private). */
function workspacePackages() {
  const published = new Map();
  const patterns = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*['"]?([^'"]+?)['"]?\s*$/.exec(line)?.[1])
    .filter(Boolean);
  for (const pattern of patterns) {
    const folders = pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(pattern.slice(0, -2), entry.name))
      : [pattern];
    for (const folder of folders) {
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
      } catch {
        continue; // a folder without a package.json is not a package
      }
      published.set(manifest.name, manifest.private !== true);
    }
  }
  return published;
}

const packages = workspacePackages();
const problems = [];
const files = readdirSync(directory).filter((name) => name.endsWith('.md') && name !== 'README.md');
for (const file of files) {
  let changeset;
  try {
    changeset = parse(readFileSync(join(directory, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: does not parse (${String(error?.message ?? error).split('\n')[0]})`);
    continue;
  }
  if (changeset.releases.length === 0) problems.push(`${file}: names no package`);
  if (!changeset.summary.trim()) problems.push(`${file}: has no summary line for the CHANGELOG`);
  for (const { name, type } of changeset.releases) {
    if (!packages.has(name)) problems.push(`${file}: "${name}" is not a package of this workspace`);
    else if (!packages.get(name)) problems.push(`${file}: "${name}" is private and is never released`);
    if (!['patch', 'minor', 'major'].includes(type)) problems.push(`${file}: "${name}" has bump "${type}"`);
  }
}

if (problems.length > 0) {
  console.error(`changesets: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`changesets: ${files.length} changeset(s) parse and name published packages`);

const { baseBranch = 'main' } = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};
// `changeset status` compares with the base branch of the config; it needs that branch locally,
// sharing history with HEAD (a shallow clone of another branch, or a detached CI checkout, has none).
if (!git('rev-parse', '--verify', '--quiet', `${baseBranch}^{commit}`) || !git('merge-base', 'HEAD', baseBranch)) {
  console.log(
    `changesets: not checked whether each changed package carries a changeset: this checkout has no local ` +
      `"${baseBranch}" branch sharing history with HEAD (run \`git fetch origin ${baseBranch}:${baseBranch}\` to check it)`,
  );
  process.exit(0);
}
const status = spawnSync(join(root, 'node_modules', '.bin', 'changeset'), ['status'], { cwd: root, stdio: 'inherit' });
process.exit(status.status ?? 1);

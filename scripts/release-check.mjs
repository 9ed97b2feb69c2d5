#!/usr/bin/env node
/**
 * `pnpm release:check`, a step of the test command: a release rehearsed in a scratch copy, so
 * that the real `.changeset/` and package versions are never touched.
 *
 * 1. Copies what a release reads (the workspace manifests, `.changeset/`, and each published
 *    package's README, LICENSE and `files`) into a temporary folder; `dist/` must be built.
 * 2. Runs `changeset version` there and checks that each published package got a new version
 *    and a `CHANGELOG.md` with the first line of every changeset that names it.
 * 3. Runs `pnpm publish --dry-run` for each published package (against a loopback stand-in
 *    registry), packs it (`pnpm pack`, the tarball `publish` uploads) and checks the tarball:
 *    only what users need (scripts/release-rules.mjs), every `exports`/`bin`/`main` target
 *    present, the root LICENSE, and workspace dependencies turned into ranges of the new versions.
 * 4. Checks `publishConfig` (public access, provenance).
 *
 * Prints one line per package, or the problems and exits 1. Removes the scratch folder.
 * @module
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dependencyProblems, manifestTargets, takenVersionProblem, unwantedFiles } from './release-rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const cli = realpathSync(join(root, 'node_modules', '@changesets', 'cli'));
const parse = require(require.resolve('@changesets/parse', { paths: [cli] })).default;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The workspace's package folders, from pnpm-workspace.yaml. */
function workspaceFolders() {
  const patterns = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*['"]?([^'"]+?)['"]?\s*$/.exec(line)?.[1])
    .filter(Boolean);
  return patterns
    .flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(pattern.slice(0, -2), entry.name))
        : [pattern],
    )
    .filter((folder) => existsSync(join(root, folder, 'package.json')));
}

/** `pnpm`, as the running pnpm names itself (its script, run by this Node), else from PATH. */
function pnpmCommand() {
  const { npm_execpath: script } = process.env;
  return script && /pnpm/.test(script) && /\.c?js$/.test(script) ? [process.execPath, [script]] : ['pnpm', []];
}

/** Runs pnpm and returns its output. */
function pnpm(args, cwd) {
  const [command, prefix] = pnpmCommand();
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs pnpm without blocking the loop (the stand-in registry below answers on it). */
function pnpmAsync(args, cwd) {
  const [command, prefix] = pnpmCommand();
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 127, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// `publish --dry-run` still asks the registry who is logged in; a real registry answers in about
// a second, an unreachable one only after a minute of retries. A loopback stand-in that knows no
// one answers at once, so the check runs offline and can never reach a real registry.
const standIn = createServer((request, response) => {
  request.resume();
  response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"not logged in"}');
});
await new Promise((resolve) => standIn.listen(0, '127.0.0.1', resolve));
const registry = `http://127.0.0.1:${standIn.address().port}/`;

const scratch = mkdtempSync(join(tmpdir(), 'opentok-release-check-'));
const problems = [];
const lines = [];
try {
  // 1. The scratch copy.
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'LICENSE', '.npmrc']) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(scratch, file));
  }
  cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
  // `changeset version` loads the changelog writer named in the config from here.
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  const published = [];
  for (const folder of workspaceFolders()) {
    const manifest = readJson(join(root, folder, 'package.json'));
    mkdirSync(join(scratch, folder), { recursive: true });
    cpSync(join(root, folder, 'package.json'), join(scratch, folder, 'package.json'));
    if (manifest.private === true) continue;
    published.push({ folder, name: manifest.name, before: manifest.version, manifest });
    for (const entry of ['README.md', 'LICENSE', 'CHANGELOG.md', ...(manifest.files ?? [])]) {
      const from = join(root, folder, entry);
      if (existsSync(from)) cpSync(from, join(scratch, folder, entry), { recursive: true });
    }
    if (!existsSync(join(root, folder, 'dist'))) problems.push(`${manifest.name}: no dist/ (run \`pnpm build\` first)`);
  }
  if (problems.length > 0) throw new Error('not built');

  // What each package's CHANGELOG must say: the first line of each changeset naming it.
  const entries = new Map(published.map(({ name }) => [name, []]));
  for (const file of readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const { summary, releases } = parse(readFileSync(join(root, '.changeset', file), 'utf8'));
    for (const { name } of releases) entries.get(name)?.push({ file, line: summary.trim().split('\n')[0] });
  }

  // 2. `changeset version`, in the scratch copy only.
  const version = spawnSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  if (version.status !== 0) throw new Error(`changeset version failed:\n${version.stdout}${version.stderr}`);
  const versions = new Map();
  for (const item of published) {
    item.after = readJson(join(scratch, item.folder, 'package.json')).version;
    versions.set(item.name, item.after);
  }
  for (const item of published) {
    const { name, folder, before, after } = item;
    const expected = entries.get(name);
    const changelogPath = join(scratch, folder, 'CHANGELOG.md');
    const taken = takenVersionProblem(name, after);
    if (taken) problems.push(`${name}: ${taken}`);
    if (expected.length > 0 && after === before) problems.push(`${name}: still ${before} after \`changeset version\``);
    if (expected.length > 0 && !existsSync(changelogPath)) {
      problems.push(`${name}: \`changeset version\` wrote no CHANGELOG.md`);
      continue;
    }
    const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
    if (expected.length > 0 && !changelog.includes(`## ${after}`))
      problems.push(`${name}: CHANGELOG.md has no "## ${after}"`);
    for (const { file, line } of expected) {
      if (!changelog.includes(line)) problems.push(`${name}: CHANGELOG.md lacks the entry of .changeset/${file}`);
    }
    item.changelogEntries = expected.length;
  }

  // 3. Pack and inspect. `pnpm pack` reads the version of a `workspace:` dependency from the
  // package's node_modules: link each to its versioned scratch copy.
  const folders = new Map(
    workspaceFolders().map((folder) => [readJson(join(root, folder, 'package.json')).name, folder]),
  );
  for (const { folder, manifest } of published) {
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        if (!String(range).startsWith('workspace:') || !folders.has(dependency)) continue;
        const link = join(scratch, folder, 'node_modules', dependency);
        mkdirSync(dirname(link), { recursive: true });
        if (!existsSync(link)) symlinkSync(join(scratch, folders.get(dependency)), link, 'dir');
      }
    }
  }
  const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
  const tarballs = join(scratch, '.tarballs');
  const dryRuns = [];
  for (const item of published) {
    const { name, folder, manifest } = item;
    const directory = join(tarballs, name.replace('/', '+'));
    mkdirSync(directory, { recursive: true });
    pnpm(['pack', '--pack-destination', directory], join(scratch, folder));
    const tarball = readdirSync(directory).find((file) => file.endsWith('.tgz'));
    if (!tarball) {
      problems.push(`${name}: \`pnpm pack\` made no tarball`);
      continue;
    }
    const bytes = statSync(join(directory, tarball)).size;
    execFileSync('tar', ['-xzf', tarball], { cwd: directory });
    const unpacked = join(directory, 'package');
    const files = execFileSync('tar', ['-tzf', tarball], { cwd: directory, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    const packed = readJson(join(unpacked, 'package.json'));
    const fail = (text) => problems.push(`${name}: ${text}`);
    for (const unwanted of unwantedFiles(name, files, manifest.files ?? [])) fail(`the tarball holds ${unwanted}`);
    for (const target of manifestTargets(packed)) {
      if (!files.includes(target)) fail(`package.json points at ${target}, which is not in the tarball`);
    }
    if (!files.includes('README.md')) fail('the tarball has no README.md');
    if (!files.includes('LICENSE')) fail('the tarball has no LICENSE');
    else if (readFileSync(join(unpacked, 'LICENSE'), 'utf8') !== licence)
      fail('its LICENSE differs from the root LICENSE');
    dryRuns.push(
      pnpmAsync(['publish', '--dry-run', '--no-git-checks', '--registry', registry], join(scratch, folder)).then(
        (dryRun) => dryRun.code === 0 || fail(`\`pnpm publish --dry-run\` failed:\n${dryRun.output}`),
      ),
    );
    if (packed.version !== item.after) fail(`the tarball says version ${packed.version}, not ${item.after}`);
    for (const problem of dependencyProblems(packed, versions)) fail(problem);
    // 4. publishConfig.
    if (manifest.publishConfig?.access !== 'public') fail('publishConfig.access is not "public"');
    if (manifest.publishConfig?.provenance !== true) fail('publishConfig.provenance is not true');
    lines.push(
      `  ${name} ${item.before} → ${item.after}: CHANGELOG.md with ${item.changelogEntries} entries; ` +
        `${tarball} ${files.length} files, ${(bytes / 1024).toFixed(1)} KB`,
    );
  }
  await Promise.all(dryRuns);
} catch (error) {
  if (error.message !== 'not built')
    problems.push(`${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`.trim());
} finally {
  standIn.close();
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`release check: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`release check: versioned and packed in a scratch copy, every tarball complete\n${lines.join('\n')}`);

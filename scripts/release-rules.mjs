/**
 * What a published tarball must hold, as pure functions over a manifest and a file list, apart
 * from scripts/release-check.mjs (which versions and packs) so that a test can feed them.
 * @module
 */

/** Top-level files every tarball may carry besides its `files` folders. */
const TOP_LEVEL = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);

/**
 * Packages whose tarball may carry source maps (`*.map`). None does today: every tsup config
 * sets `sourcemap: false`, and a map would ship the sources a second time.
 */
export const SOURCE_MAPS = new Set();

/**
 * Every relative file a manifest points at: `main`, `module`, `types`, `typings`, `bin`, and
 * each string leaf of `exports` and `imports` (bare specifiers in `imports`, like `undici`, are
 * dependencies, not files).
 * @param {Record<string, any>} manifest a package.json
 * @returns {string[]} paths without the leading `./`, sorted, each once
 */
export function manifestTargets(manifest) {
  const targets = new Set();
  const file = (path) => targets.add(path.replace(/^\.\//, ''));
  const leaves = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./')) file(value);
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) leaves(inner);
    }
  };
  for (const field of ['main', 'module', 'types', 'typings']) {
    if (typeof manifest[field] === 'string') file(manifest[field]);
  }
  if (typeof manifest.bin === 'string') file(manifest.bin);
  else for (const path of Object.values(manifest.bin ?? {})) file(path);
  leaves(manifest.exports);
  leaves(manifest.imports);
  return [...targets].sort();
}

/**
 * The files of a tarball that users do not need: anything outside the top-level files and the
 * manifest's `files` folders, tests, TypeScript sources (declarations aside) and source maps
 * (unless the package is in {@link SOURCE_MAPS}).
 * @param {string} name the package name
 * @param {string[]} files paths inside the tarball, without the leading `package/`
 * @param {string[]} folders the manifest's `files` entries
 * @returns {string[]} each unwanted path with the reason
 */
export function unwantedFiles(name, files, folders) {
  const unwanted = [];
  for (const file of files) {
    const inFolder = folders.some((folder) => file === folder || file.startsWith(`${folder.replace(/\/$/, '')}/`));
    if (!TOP_LEVEL.has(file) && !inFolder) unwanted.push(`${file} (not in "files" nor a top-level file users need)`);
    else if (/(^|\/)(test|tests|__tests__|fixtures)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file))
      unwanted.push(`${file} (a test)`);
    else if (/\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) unwanted.push(`${file} (a TypeScript source)`);
    else if (file.endsWith('.map') && !SOURCE_MAPS.has(name)) unwanted.push(`${file} (a source map)`);
  }
  return unwanted;
}

/**
 * Dependencies of a packed manifest that would not install from the registry: a `workspace:`
 * range left over, or a workspace package named with a range that its released version does not
 * meet (the range must be `^version`, `~version` or `version`).
 * @param {Record<string, any>} manifest the package.json inside the tarball
 * @param {Map<string, string>} versions workspace package name → its version after versioning
 * @returns {string[]} one line per problem
 */
export function dependencyProblems(manifest, versions) {
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`${field}.${dependency} is still "${range}"`);
      } else if (field !== 'devDependencies' && versions.has(dependency)) {
        const version = versions.get(dependency);
        if (String(range).replace(/^[\^~]/, '') !== version) {
          problems.push(`${field}.${dependency} is "${range}", not a range of its release ${version}`);
        }
      }
    }
  }
  return problems;
}

/**
 * Registry names whose earlier versions belong to another package, and the lowest major this
 * project may publish under them: `opentok` 0.1.0 to 3.0.1-beta are the official package's, so a
 * range like `^0.1.0` (what `workspace:^` becomes) would install theirs.
 */
export const FIRST_FREE_MAJOR = new Map([['opentok', 4]]);

/**
 * Whether a released version would share a name and major with another package's versions.
 * @param {string} name the package name
 * @param {string} version its version after `changeset version`
 * @returns {string | undefined} the problem, if any
 */
export function takenVersionProblem(name, version) {
  const first = FIRST_FREE_MAJOR.get(name);
  const major = Number(version.split('.')[0]);
  if (first !== undefined && !(major >= first)) {
    return `${version} is in a major that the registry's other "${name}" package used; release ${first}.0.0 or later`;
  }
  return undefined;
}

/**
 * The rules of the release check (scripts/release-rules.mjs): which tarball files users do not
 * need, which manifest targets must be packed, which packed dependencies would not install, and
 * which versions of `opentok` belong to the registry's other package.
 * @module
 */
import { describe, expect, it } from 'vitest';

type Rules = {
  manifestTargets: (manifest: Record<string, unknown>) => string[];
  unwantedFiles: (name: string, files: string[], folders: string[]) => string[];
  dependencyProblems: (manifest: Record<string, unknown>, versions: Map<string, string>) => string[];
  takenVersionProblem: (name: string, version: string) => string | undefined;
};

const modulePath = new URL('../../../../scripts/release-rules.mjs', import.meta.url).href;
const rules = (await import(modulePath)) as Rules;

describe('manifestTargets', () => {
  it('collects main, types, bin and every relative leaf of exports and imports, not bare specifiers', () => {
    expect(
      rules.manifestTargets({
        main: './dist/index.cjs',
        types: './dist/index.d.cts',
        bin: { opentok: './bin/opentok.js' },
        exports: {
          '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: './dist/index.cjs' },
          './package.json': './package.json',
        },
        imports: { '#undici': { node: 'undici', default: './dist/no-undici.js' } },
      }),
    ).toEqual([
      'bin/opentok.js',
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/no-undici.js',
      'package.json',
    ]);
    expect(rules.manifestTargets({ bin: 'cli.js' })).toEqual(['cli.js']);
  });
});

describe('unwantedFiles', () => {
  it('accepts what users need', () => {
    const files = ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'bin/opentok.js'];
    expect(rules.unwantedFiles('@opentok/cli', files, ['dist', 'bin'])).toEqual([]);
  });

  it('names tests, sources, source maps and files outside "files"', () => {
    const problems = rules.unwantedFiles(
      '@opentok/token',
      ['dist/index.test.js', 'dist/test/helper.js', 'dist/index.ts', 'dist/index.js.map', 'src/index.ts', '.env'],
      ['dist'],
    );
    expect(problems).toEqual([
      'dist/index.test.js (a test)',
      'dist/test/helper.js (a test)',
      'dist/index.ts (a TypeScript source)',
      'dist/index.js.map (a source map)',
      'src/index.ts (not in "files" nor a top-level file users need)',
      '.env (not in "files" nor a top-level file users need)',
    ]);
  });
});

describe('dependencyProblems', () => {
  const versions = new Map([
    ['@opentok/token', '0.1.0'],
    ['opentok', '4.0.0'],
  ]);

  it('accepts ranges of the released versions', () => {
    const manifest = { dependencies: { '@opentok/token': '^0.1.0', opentok: '4.0.0', ky: '1.14.3' } };
    expect(rules.dependencyProblems(manifest, versions)).toEqual([]);
  });

  it('names a workspace: range left over and a range that misses the release', () => {
    const manifest = {
      dependencies: { '@opentok/token': 'workspace:^', opentok: '^0.1.0' },
      devDependencies: { '@opentok/token': 'workspace:*' },
    };
    expect(rules.dependencyProblems(manifest, versions)).toEqual([
      'dependencies.@opentok/token is still "workspace:^"',
      'dependencies.opentok is "^0.1.0", not a range of its release 4.0.0',
      'devDependencies.@opentok/token is still "workspace:*"',
    ]);
  });
});

describe('takenVersionProblem', () => {
  it('refuses the majors of the official opentok package, for that name only', () => {
    expect(rules.takenVersionProblem('opentok', '0.1.0')).toMatch(/release 4\.0\.0 or later/);
    expect(rules.takenVersionProblem('opentok', '2.24.0')).toBeDefined();
    expect(rules.takenVersionProblem('opentok', '4.0.0')).toBeUndefined();
    expect(rules.takenVersionProblem('@opentok/token', '0.1.0')).toBeUndefined();
  });
});

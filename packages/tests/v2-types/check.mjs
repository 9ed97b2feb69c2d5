#!/usr/bin/env node
/**
 * The 2.x type test (issue 22): compiles the 2.x-style TypeScript of app/ with `tsc --noEmit`
 * semantics in each setting of tsconfig/, once against `@types/opentok` 2.14.4 + the official
 * `opentok` (tsconfig/official/, proving the files are real 2.x code) and once against this
 * repository's `opentok` (built dist/). Both must report 0 errors.
 *
 * ours/ is ours only: `opentok/node`, `opentok/lib/errors`, `@opentok/rest/node` under node10, the RestX names,
 * and the 2.x forms @types/opentok does not declare (short callback forms, `util.promisify`'s
 * full argument lists).
 *
 * Run by `pnpm typecheck` in packages/tests. Each setting can be reproduced with
 * `tsc -p v2-types/tsconfig/<file>`.
 * @module
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const SETTINGS = ['commonjs-interop', 'commonjs', 'nodenext', 'es6-loose'];
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => report([diagnostic]) };
const formatHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => here,
  getNewLine: () => '\n',
};

function report(diagnostics) {
  process.stderr.write(ts.formatDiagnostics(diagnostics, formatHost));
}

/** Parsed files, shared by the programs (the libraries and declarations are the same in most). */
const sourceFiles = new Map();

/** The errors of one tsconfig, optionally with more root files. */
function compile(config, extraFiles = []) {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(here, 'tsconfig', config), {}, host);
  if (parsed.errors.length > 0) return parsed.errors;
  const compilerHost = ts.createCompilerHost(parsed.options);
  const read = compilerHost.getSourceFile;
  compilerHost.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!sourceFiles.has(key)) sourceFiles.set(key, read.call(compilerHost, fileName, languageVersion, ...rest));
    return sourceFiles.get(key);
  };
  const rootNames = [...parsed.fileNames, ...extraFiles];
  const program = ts.createProgram({ rootNames, options: parsed.options, host: compilerHost });
  return ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
}

let failed = false;
function expectClean(label, diagnostics) {
  console.log(`${diagnostics.length === 0 ? 'ok  ' : 'FAIL'} ${label}: ${diagnostics.length} errors`);
  if (diagnostics.length > 0) {
    failed = true;
    report(diagnostics);
  }
}

for (const setting of SETTINGS) {
  expectClean(`${setting}, @types/opentok + official opentok`, compile(`official/${setting}.json`));
  expectClean(`${setting}, our opentok`, compile(`${setting}.json`));
}
expectClean('ours only (node10 subpaths, REST names), our packages', compile('ours-node10.json'));
process.exit(failed ? 1 : 0);

/**
 * The node build loads `node:crypto` on first use, not at import: importing it costs some
 * thirty internal modules, most of the package's import time. A fresh Node process imports
 * each built file (ESM and CommonJS) and lists the crypto modules Node has loaded, right
 * after the import and again after a token is signed (which must load them: else the check
 * would see nothing either way).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageFolder } from './runtime/reference.js';

/** What `process.moduleLoadList` names for `node:crypto` and its internals. */
const CRYPTO_MODULE = /^(NativeModule (crypto|internal\/crypto\/)|Internal Binding crypto$)/;

interface Loaded {
  beforeImport: string[];
  afterImport: string[];
  afterSigning: string[];
  token: string;
}

/**
 * Loads `file` in a new Node process, by `import` or by `require`. The script runs as an ES
 * module: `node -e` in CommonJS mode loads `node:crypto` itself before any user code.
 */
async function load(file: string, how: 'import' | 'require'): Promise<Loaded> {
  const path = join(packageFolder, 'dist', file);
  const script = `
    import { createRequire } from 'node:module';
    const pattern = ${CRYPTO_MODULE};
    const crypto = () => process.moduleLoadList.filter((name) => pattern.test(name));
    const beforeImport = crypto();
    const library = ${how === 'import' ? `await import(${JSON.stringify(pathToFileURL(path).href)})` : `createRequire(import.meta.url)(${JSON.stringify(path)})`};
    const afterImport = crypto();
    const credentials = { apiKey: '123456', apiSecret: 'secret of the lazy crypto test' };
    const token = library.generateToken(credentials, library.encodeSessionId({ apiKey: '123456' }));
    console.log(JSON.stringify({ beforeImport, afterImport, afterSigning: crypto(), token }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageFolder,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout) as Loaded;
}

describe.each([
  ['import dist/node.js', 'node.js', 'import'],
  ['require dist/node.cjs', 'node.cjs', 'require'],
] as const)('%s', (_, file, how) => {
  it('loads no part of node:crypto until the first token is signed', async () => {
    const { beforeImport, afterImport, afterSigning, token } = await load(file, how);
    expect(beforeImport).toEqual([]);
    expect(afterImport).toEqual([]);
    expect(afterSigning).toContain('NativeModule crypto');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{43}$/);
  });
});

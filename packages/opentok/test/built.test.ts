import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// These run real `node` processes against dist/ through the package's own exports map
// (a package can import itself by name), so they check what users get, not the sources.
const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const node = async (kind: 'cjs' | 'esm', code: string) => {
  const flag = kind === 'cjs' ? '--input-type=commonjs' : '--input-type=module';
  const { stdout } = await run(process.execPath, [flag, '-e', code], { cwd: root });
  return JSON.parse(stdout) as Record<string, unknown>;
};
const prelude = `
  const apiKey = '123456', apiSecret = '1234567890abcdef1234567890abcdef1234567890';
`;

beforeAll(() => {
  if (!existsSync(new URL('../dist/index.cjs', import.meta.url))) throw new Error('run `pnpm build` first');
});

describe('require("opentok")', () => {
  it('runs 1.0 code unchanged: OpenTokSDK, RoleConstants, T1 tokens', async () => {
    const result = await node(
      'cjs',
      `${prelude}
      var OpenTok = require('opentok');
      var opentok = new OpenTok.OpenTokSDK(apiKey, apiSecret);
      var sessionId = OpenTok.encodeSessionId({ apiKey: apiKey });
      var token = opentok.generateToken({ session_id: sessionId, role: OpenTok.RoleConstants.PUBLISHER, connection_data: 'userId:42' });
      var claims = OpenTok.verifyToken(token, { apiKey: apiKey, apiSecret: apiSecret });
      console.log(JSON.stringify({ role: claims.role, format: claims.format, moderator: opentok.RoleConstants.MODERATOR }));`,
    );
    expect(result).toEqual({ role: 'publisher', format: 't1', moderator: 'moderator' });
  });

  it('is also the modern class, constructible as the official 2.x module is, and carries every export', async () => {
    const result = await node(
      'cjs',
      `${prelude}
      const OpenTok = require('opentok');
      const direct = new OpenTok(apiKey, apiSecret);
      const named = new OpenTok.OpenTok(apiKey, apiSecret);
      const { generateToken, OpenTokError, createClient } = require('opentok');
      console.log(JSON.stringify({
        direct: direct instanceof OpenTok.OpenTok, named: named instanceof OpenTok,
        defaultIsClass: OpenTok.default === OpenTok,
        jwt: direct.generateToken(OpenTok.encodeSessionId({ apiKey })).split('.').length,
        functions: [generateToken, OpenTokError, createClient].every((f) => typeof f === 'function'),
      }));`,
    );
    expect(result).toEqual({ direct: true, named: true, defaultIsClass: true, jwt: 3, functions: true });
  });

  it("leaves @opentok/rest's client unloaded until first use, OPERATIONS included", async () => {
    const result = await node(
      'cjs',
      `const loaded = () => Object.keys(require.cache).some((file) => /[\\\\/]rest[\\\\/]dist[\\\\/]api\\.cjs$/.test(file));
      const OpenTok = require('opentok');
      const atRequire = loaded();
      const operations = OpenTok.OPERATIONS;
      console.log(JSON.stringify({ atRequire, atRead: loaded(),
        same: operations === require('@opentok/rest').OPERATIONS && operations.length > 0 }));`,
    );
    expect(result).toEqual({ atRequire: false, atRead: true, same: true });
  });
});

describe('the CommonJS declarations (dist/index.d.cts)', () => {
  it('attach exactly the names require("opentok") carries', async () => {
    const file = fileURLToPath(new URL('../dist/index.d.cts', import.meta.url));
    expect(readFileSync(file, 'utf8')).toMatch(/^export = OpenTok;$/m);
    // The properties TypeScript sees on the value `require('opentok')` (the class's `prototype` aside).
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      noEmit: true,
      types: ['node'],
    });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const exported = checker.getAliasedSymbol(module.exports!.get(ts.InternalSymbolName.ExportEquals)!);
    const declared = checker
      .getPropertiesOfType(checker.getTypeOfSymbol(exported))
      .map((property) => property.name)
      .filter((name) => name !== 'prototype')
      .sort();
    const result = await node('cjs', `console.log(JSON.stringify({ keys: Object.keys(require('opentok')) }));`);
    expect(declared).toEqual((result.keys as string[]).sort());
    expect(declared).toContain('default');
  });
});

describe('callbacks', () => {
  it('let an exception thrown by a callback surface as an uncaught exception, not a lost rejection', async () => {
    const code = `${prelude}
      process.on('unhandledRejection', () => { console.log(JSON.stringify({ seen: 'rejection' })); process.exit(0); });
      process.on('uncaughtException', (error) => { console.log(JSON.stringify({ seen: 'uncaught', message: error.message })); process.exit(0); });
      const OpenTok = require('opentok');
      new OpenTok.OpenTokSDK(apiKey, apiSecret).createSession({ 'p2p.preference': 'maybe' }, function (err) {
        throw new Error('thrown by the callback after ' + err.name);
      });`;
    expect(await node('cjs', code)).toEqual({
      seen: 'uncaught',
      message: 'thrown by the callback after InvalidArgumentError',
    });
  });
});

describe('import "opentok"', () => {
  it('offers the default class, the named exports and the 1.0 facade', async () => {
    const result = await node(
      'esm',
      `${prelude}
      import OpenTok, { OpenTokSDK, RoleConstants, OpenTok as Named, encodeSessionId } from 'opentok';
      const sdk = new OpenTokSDK(apiKey, apiSecret);
      const token = sdk.generateToken(encodeSessionId({ apiKey }), { role: RoleConstants.SUBSCRIBER });
      console.log(JSON.stringify({ same: OpenTok === Named, t1: token.startsWith('T1=='),
        untouched: !('OpenTokSDK' in OpenTok) }));`,
    );
    expect(result).toEqual({ same: true, t1: true, untouched: true });
  });

  it('offers the Node helpers under opentok/node', async () => {
    const result = await node(
      'esm',
      `import * as nodeHelpers from 'opentok/node';
       const cjs = (await import('node:module')).createRequire(import.meta.url)('opentok/node');
       console.log(JSON.stringify({ esm: typeof nodeHelpers.downloadArchive, cjs: typeof cjs.downloadArchive }));`,
    );
    expect(result).toEqual({ esm: 'function', cjs: 'function' });
  });
});

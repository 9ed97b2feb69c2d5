/**
 * `@opentok/token` against the official packages and against bare `node:crypto`, in this
 * one process: tokens per second, the min+gzip size of each build bundled for its platform,
 * and the runtime dependencies. Prints PASS or MISS for each target of the package; a
 * benchmark reports, it never fails.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as nodeBuild from '@opentok/token';
import { build } from 'esbuild';
import OurOpenTok from 'opentok';

type TokenModule = typeof nodeBuild;

/** The official Node SDK 2.x, as far as tokens go. */
interface OfficialOpenTok {
  generateToken(sessionId: string, options?: { data?: string; role?: string }, t1?: boolean): string;
}

const require = createRequire(import.meta.url);
const OpenTok = require('official-opentok') as new (apiKey: string, apiSecret: string) => OfficialOpenTok;
const encodeT1 = require('opentok-token') as (
  data: Record<string, string>,
  apiKey: string,
  apiSecret: string,
) => string;

const credentials = { apiKey: '4567890', apiSecret: 'f2b1ad3c9e0d4a7b8c6e5f4a3b2c1d0e9f8a7b6c' };
const data = 'userId:42';
/** Each row runs this long in all, in rounds that alternate between rows, after a warm-up. */
const ROW_MILLISECONDS = 3000;
const ROUNDS = 10;
const WARM_UP_MILLISECONDS = 100;

let sink = 0;

/**
 * Calls `sign` for `milliseconds` of this process's CPU time and returns calls per CPU
 * second: on a machine shared with other jobs, wall time would mostly measure their load.
 */
function rate(sign: () => string, milliseconds: number): number {
  let calls = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    for (let batch = 0; batch < 100; batch++) sink += sign().length;
    calls += 100;
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1000;
  }
  return (calls * 1000) / elapsed;
}

/**
 * Tokens per second of each row: every row warms up, then the rows take turns for
 * {@link ROUNDS} rounds, and each keeps its best round, so that load from other processes
 * on a shared machine weighs on all rows alike and as little as it can.
 */
function measure(rows: readonly (readonly [string, () => string])[]): Map<string, number> {
  for (const [, sign] of rows) rate(sign, WARM_UP_MILLISECONDS);
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, sign] of rows) {
      best.set(name, Math.max(best.get(name) ?? 0, rate(sign, ROW_MILLISECONDS / ROUNDS)));
    }
  }
  return best;
}

interface Signed {
  input: string;
  signature: string;
}

/** The exact bytes our HMACs cover (the JWT's `header.payload`, the T1's query) and the signatures. */
function signedInputs(library: TokenModule, sessionId: string): { jwt: Signed; t1: Signed } {
  const jwt = library.generateToken(credentials, sessionId, { data });
  const t1 = Buffer.from(library.generateToken(credentials, sessionId, { data, format: 't1' }).slice(4), 'base64');
  const text = t1.toString('utf8');
  const colon = text.indexOf(':');
  return {
    jwt: { input: jwt.slice(0, jwt.lastIndexOf('.')), signature: jwt.slice(jwt.lastIndexOf('.') + 1) },
    t1: { input: text.slice(colon + 1), signature: text.slice(text.indexOf('&sig=') + 5, colon) },
  };
}

/** min+gzip bytes of `entry` bundled by esbuild for `platform`, and the build file it took. */
async function bundledSize(entry: string, platform: 'node' | 'browser'): Promise<{ bytes: number; build: string }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform,
    target: 'es2022',
    external: platform === 'node' ? ['node:*'] : [],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const picked = Object.keys(result.metafile.inputs).find((file) => /\/dist\/\w+\.js$/.test(file)) ?? '?';
  return { bytes: gzipSync(code, { level: 9 }).length, build: picked.slice(picked.lastIndexOf('/dist/') + 1) };
}

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** Prints the table. */
export default async function tokenBench(): Promise<void> {
  const tokenFolder = dirname(require.resolve('@opentok/token/package.json'));
  const edgeBuild = (await import(pathToFileURL(join(tokenFolder, 'dist/default.js')).href)) as TokenModule;
  const sessionId = nodeBuild.encodeSessionId({ apiKey: credentials.apiKey, location: '127.0.0.1' });
  const official = new OpenTok(credentials.apiKey, credentials.apiSecret);
  const inputs = signedInputs(nodeBuild, sessionId);
  const key = Buffer.from(credentials.apiSecret, 'utf8');

  const rows: [string, () => string][] = [];
  for (const [label, library] of [
    ['node', nodeBuild],
    ['edge', edgeBuild],
  ] as const) {
    const sign = library.createTokenGenerator(credentials);
    rows.push(
      [`ours ${label} JWT generateToken`, () => library.generateToken(credentials, sessionId, { data })],
      [`ours ${label} JWT createTokenGenerator`, () => sign(sessionId, { data })],
      [`ours ${label} T1 generateToken`, () => library.generateToken(credentials, sessionId, { data, format: 't1' })],
      [`ours ${label} T1 createTokenGenerator`, () => sign(sessionId, { data, format: 't1' })],
    );
  }
  // A Vonage application: RS256 through node:crypto, beside a bare crypto.sign of the same input.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const application = { applicationId: '0f3a6e2c-8b1d-4c7e-9a52-3d4b6c8e1f20', privateKey };
  const applicationSession = nodeBuild.encodeSessionId({ applicationId: application.applicationId });
  const signRsa = nodeBuild.createTokenGenerator(application);
  const rsaToken = signRsa(applicationSession, { data });
  const rsaInput = Buffer.from(rsaToken.slice(0, rsaToken.lastIndexOf('.')), 'utf8');
  const rsaKey = createPrivateKey(privateKey);
  rows.push(
    ['ours node RS256 createTokenGenerator', () => signRsa(applicationSession, { data })],
    ['ours node RS256 generateToken', () => nodeBuild.generateToken(application, applicationSession, { data })],
    [
      `bare crypto.sign RS256 (${rsaInput.length} bytes)`,
      () => rsaSign('sha256', rsaInput, rsaKey).toString('base64url'),
    ],
  );
  // The 2.x API of `opentok` (the same call 2.x code makes), beside the official one.
  const ours2x = new OurOpenTok(credentials.apiKey, credentials.apiSecret);
  rows.push(
    ['ours opentok 2.x API JWT generateToken', () => ours2x.generateToken(sessionId, { data })],
    ['ours opentok 2.x API T1 generateToken', () => ours2x.generateToken(sessionId, { data }, true)],
  );
  const t1Fields = { session_id: sessionId, role: 'publisher', connection_data: data };
  rows.push(
    ['official opentok 2.x JWT (default)', () => official.generateToken(sessionId, { data })],
    ['official opentok 2.x T1', () => official.generateToken(sessionId, { data }, true)],
    ['opentok-token T1', () => encodeT1(t1Fields, credentials.apiKey, credentials.apiSecret)],
    [
      `bare HMAC-SHA256 (${inputs.jwt.input.length} chars)`,
      () => createHmac('sha256', key).update(inputs.jwt.input, 'utf8').digest('base64url'),
    ],
    [
      `bare HMAC-SHA1 (${inputs.t1.input.length} chars)`,
      () => createHmac('sha1', key).update(inputs.t1.input, 'utf8').digest('hex'),
    ],
  );

  // Every row must make a token our verifier accepts; the bare HMACs, our very signatures.
  for (const [name, sign] of rows) {
    const token = sign();
    if (name.includes('RS256')) {
      const valid = name.startsWith('bare')
        ? token === rsaToken.slice(rsaToken.lastIndexOf('.') + 1)
        : nodeBuild.verifyToken(token, application).data === data;
      if (!valid) throw new Error(`${name}: not the RS256 signature or token expected`);
      continue;
    }
    if (name.startsWith('bare')) {
      const expected = name.includes('SHA256') ? inputs.jwt.signature : inputs.t1.signature;
      if (token !== expected) throw new Error(`${name}: not the signature our build made`);
      continue;
    }
    const claims = nodeBuild.verifyToken(token, credentials);
    if (claims.sessionId !== sessionId || claims.data !== data) throw new Error(`${name}: wrong claims`);
  }

  const rates = measure(rows);
  const table: string[] = [];
  const width = Math.max(...rows.map(([name]) => name.length));
  table.push(`${'row'.padEnd(width)}  ${'tokens/CPU s'.padStart(12)}`, `${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [name] of rows) {
    const perSecond = rates.get(name) ?? Number.NaN;
    table.push(`${name.padEnd(width)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(12)}`);
  }
  console.log(table.join('\n'));

  const whole = "export * from '@opentok/token';";
  const signing = "export { createTokenGenerator, generateToken } from '@opentok/token';";
  const sizes = {
    node: await bundledSize(whole, 'node'),
    edge: await bundledSize(whole, 'browser'),
    nodeSigning: await bundledSize(signing, 'node'),
    edgeSigning: await bundledSize(signing, 'browser'),
  };
  console.log(
    '\nmin+gzip, esbuild --bundle --minify: whole API / signing path (generateToken, createTokenGenerator)\n' +
      `  node build (platform node, node:* external): ${kilobytes(sizes.node.bytes)} / ${kilobytes(sizes.nodeSigning.bytes)} from ${sizes.node.build}\n` +
      `  edge build (platform browser, @noble/hashes bundled): ${kilobytes(sizes.edge.bytes)} / ${kilobytes(sizes.edgeSigning.bytes)} from ${sizes.edge.build}`,
  );
  const manifest = JSON.parse(readFileSync(join(tokenFolder, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const dependencies = Object.entries(manifest.dependencies ?? {}).map(([name, version]) => `${name}@${version}`);
  console.log(`runtime dependencies: ${dependencies.join(', ') || 'none'}`);

  const get = (name: string): number => rates.get(name) ?? Number.NaN;
  const ratio = (value: number): string => `${value.toFixed(2)}x`;
  const targets: [string, boolean, string][] = [];
  const officialJwt = get('official opentok 2.x JWT (default)');
  const jwtOneShot = get('ours node JWT generateToken') / officialJwt;
  const jwtGenerator = get('ours node JWT createTokenGenerator') / officialJwt;
  targets.push([
    'JWT >= 50x official generateToken',
    jwtOneShot >= 50,
    `generateToken ${ratio(jwtOneShot)}, createTokenGenerator ${ratio(jwtGenerator)}, edge generateToken ${ratio(get('ours edge JWT generateToken') / officialJwt)}`,
  ]);
  const opentokToken = get('opentok-token T1');
  const t1OneShot = get('ours node T1 generateToken') / opentokToken;
  targets.push([
    'T1 >= 1.5x opentok-token',
    t1OneShot >= 1.5,
    `generateToken ${ratio(t1OneShot)}, createTokenGenerator ${ratio(get('ours node T1 createTokenGenerator') / opentokToken)}, edge generateToken ${ratio(get('ours edge T1 generateToken') / opentokToken)}`,
  ]);
  const sha256 = get(`bare HMAC-SHA256 (${inputs.jwt.input.length} chars)`);
  const sha1 = get(`bare HMAC-SHA1 (${inputs.t1.input.length} chars)`);
  const ceiling = {
    jwtOneShot: get('ours node JWT generateToken') / sha256,
    jwtGenerator: get('ours node JWT createTokenGenerator') / sha256,
    t1OneShot: get('ours node T1 generateToken') / sha1,
    t1Generator: get('ours node T1 createTokenGenerator') / sha1,
  };
  targets.push([
    'node build >= 0.5x bare HMAC',
    Math.min(ceiling.jwtOneShot, ceiling.t1OneShot) >= 0.5,
    `JWT ${ratio(ceiling.jwtOneShot)} (generator ${ratio(ceiling.jwtGenerator)}), T1 ${ratio(ceiling.t1OneShot)} (generator ${ratio(ceiling.t1Generator)})`,
  ]);
  const api2x = get('ours opentok 2.x API JWT generateToken') / officialJwt;
  targets.push([
    'opentok 2.x API generateToken >= official 2.x',
    api2x >= 1 && get('ours opentok 2.x API T1 generateToken') >= get('official opentok 2.x T1'),
    `JWT ${ratio(api2x)}, T1 ${ratio(get('ours opentok 2.x API T1 generateToken') / get('official opentok 2.x T1'))}`,
  ]);
  const rsa = get('ours node RS256 createTokenGenerator') / get(`bare crypto.sign RS256 (${rsaInput.length} bytes)`);
  targets.push([
    'RS256 >= 0.8x bare crypto.sign',
    rsa >= 0.8,
    `createTokenGenerator ${ratio(rsa)}, generateToken ${ratio(get('ours node RS256 generateToken') / get(`bare crypto.sign RS256 (${rsaInput.length} bytes)`))}`,
  ]);
  for (const [label, limit, whole, signing] of [
    ['edge', 5, sizes.edge, sizes.edgeSigning],
    ['node', 2.5, sizes.node, sizes.nodeSigning],
  ] as const) {
    targets.push([
      `${label} build <= ${limit} KB min+gzip, whole API`,
      whole.bytes <= limit * 1024,
      kilobytes(whole.bytes),
    ]);
    targets.push([
      `${label} build <= ${limit} KB min+gzip, signing path`,
      signing.bytes <= limit * 1024,
      kilobytes(signing.bytes),
    ]);
  }
  targets.push([
    'runtime dependencies: @noble/hashes alone',
    dependencies.length === 1 && dependencies[0]?.startsWith('@noble/hashes@') === true,
    dependencies.join(', '),
  ]);
  console.log('\ntargets (generateToken one-shot is the figure judged; the others are shown):');
  for (const [name, ok, detail] of targets) console.log(`  ${verdict(ok)}  ${name}: ${detail}`);
  if (sink === 0) console.log('(nothing was signed)');
}

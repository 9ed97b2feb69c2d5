/**
 * What bundlers make of the built package's `#undici` import (package.json `imports`): an edge
 * or browser bundle of `opentok` gets the empty module and none of undici; a Node bundle (and
 * a tracer that follows Node's conditions) gets the undici dependency, so a traced deployment
 * that gives `proxy` ships it.
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = `import OpenTok from 'opentok'; export default OpenTok;`;
const bundle = async (options: { platform: 'neutral' | 'node'; conditions: string[] }) => {
  const result = await build({
    stdin: { contents: entry, resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    mainFields: ['module', 'main'],
    ...options,
  });
  return result.outputFiles[0]!.text;
};

beforeAll(() => {
  if (!existsSync(new URL('../dist/no-undici.js', import.meta.url))) throw new Error('run `pnpm build` first');
});

describe('#undici', () => {
  it.each([
    ['workerd', ['workerd', 'worker', 'browser']],
    ['a browser', ['browser']],
  ])('an edge bundle (%s) takes the empty module and no undici', async (_, conditions) => {
    const code = await bundle({ platform: 'neutral', conditions });
    expect(code).toContain('no-undici');
    expect(code).not.toMatch(/node_modules\/undici\//);
  });

  it('a Node bundle resolves it to the undici dependency', async () => {
    const code = await bundle({ platform: 'node', conditions: ['node'] });
    expect(code).toMatch(/\/\/ \S*node_modules\/undici\/index\.js\n/);
    expect(code).not.toContain('no-undici');
  });
});

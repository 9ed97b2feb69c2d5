/**
 * The built package in Vercel's edge sandbox (`@edge-runtime/vm`): the `default` build,
 * bundled with the edge conditions, signs and verifies with no Node globals in reach.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { describe, expect, it } from 'vitest';
import { expectAgreement, expectDefaultBuild } from './runtime/agreement.js';
import { bundleProbe } from './runtime/bundle.js';
import type { ProbeReport } from './runtime/probe.js';
import { nodeReference } from './runtime/reference.js';
import { expectRsaReport, RSA_APPLICATION } from './runtime/rsa-check.js';

describe('edge runtime (EdgeVM)', () => {
  it('runs the default build: no Node globals, same tokens as the node build, both ways verified', async () => {
    const [{ code, inputs }, reference] = await Promise.all([bundleProbe('edge-runtime'), nodeReference()]);
    expectDefaultBuild(inputs);
    expect(code).not.toMatch(/\bnode:crypto\b|\brequire\(/);

    const vm = new EdgeVM();
    vm.evaluate(code);
    const report = JSON.parse(vm.evaluate(`runProbe(${JSON.stringify(reference.report.vectors)})`)) as ProbeReport;

    expect(report.runtime).toMatchObject({
      hasProcess: false,
      hasBuffer: false,
      hasRequire: false,
      hasWindow: false,
      edgeRuntime: 'edge-runtime',
    });
    expectAgreement(report, reference.report);
  });

  it('signs and verifies RS256 (a Vonage application) through the async functions and Web Crypto', async () => {
    const { code } = await bundleProbe('edge-runtime');
    const vm = new EdgeVM();
    vm.evaluate(code);
    expectRsaReport(await vm.evaluate(`runRsaProbe(${JSON.stringify(RSA_APPLICATION)})`));
  });
});

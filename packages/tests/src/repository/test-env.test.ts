/**
 * The environment of the test command's steps (scripts/test-env.mjs): colour codes only on a
 * terminal, none in a saved log or with NO_COLOR, and no turbo telemetry notice.
 * @module
 */
import { describe, expect, it } from 'vitest';

type StepEnvironment = (
  env: Record<string, string | undefined>,
  terminal: boolean,
) => Record<string, string | undefined>;

const modulePath = new URL('../../../../scripts/test-env.mjs', import.meta.url).href;
const { stepEnvironment } = (await import(modulePath)) as { stepEnvironment: StepEnvironment };

describe('stepEnvironment', () => {
  it('written to a file or pipe: no colours, whatever the children would guess', () => {
    const env = stepEnvironment({ PATH: '/bin' }, false);
    expect(env).toMatchObject({ PATH: '/bin', NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1' });
    expect(env).not.toHaveProperty('FORCE_COLOR');
  });

  it('on a terminal: colours kept although the children write to a pipe', () => {
    const env = stepEnvironment({}, true);
    expect(env).toMatchObject({ FORCE_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1' });
    expect(env).not.toHaveProperty('NO_COLOR');
  });

  it('NO_COLOR wins on a terminal, and over an inherited FORCE_COLOR', () => {
    expect(stepEnvironment({ NO_COLOR: '' }, true)).toMatchObject({ NO_COLOR: '1' });
    expect(stepEnvironment({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).not.toHaveProperty('FORCE_COLOR');
  });

  it("a reader's own FORCE_COLOR is kept", () => {
    expect(stepEnvironment({ FORCE_COLOR: '3' }, false)).toMatchObject({ FORCE_COLOR: '3' });
  });
});

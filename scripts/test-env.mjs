/**
 * The environment of the test command's steps (scripts/test.mjs), apart so that a test can feed it.
 * @module
 */

/**
 * Colours only where a person reads them: on a terminal the children are told to keep their
 * colours although they write to a pipe (`FORCE_COLOR=1`); written to a file or a pipe, or with
 * `NO_COLOR` set, they are told to print none (`NO_COLOR=1`), so a saved log holds no escape
 * codes. Turbo's telemetry notice is turned off (`TURBO_TELEMETRY_DISABLED=1`): a green run
 * prints nothing a newcomer must interpret.
 * @param {Record<string, string | undefined>} env the parent's environment
 * @param {boolean} terminal whether the command's output is a terminal
 * @returns {Record<string, string | undefined>} the steps' environment
 */
export function stepEnvironment(env, terminal) {
  const result = { ...env, TURBO_TELEMETRY_DISABLED: '1' };
  if ('FORCE_COLOR' in env && !('NO_COLOR' in env)) return result;
  if (terminal && !('NO_COLOR' in env)) result.FORCE_COLOR = '1';
  else {
    result.NO_COLOR = '1';
    delete result.FORCE_COLOR;
  }
  return result;
}

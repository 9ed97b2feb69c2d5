/**
 * What a command starting the emulator says about who can reach its control API: shared by
 * the `opentok-emulator` bin and `opentok emulator` (`@opentok/cli`), so both warn alike.
 * @module
 */

/**
 * Whether `host` is reachable only from this machine (`127.x.x.x`, `::1`, `localhost`).
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * isLoopbackHost('0.0.0.0') // false
 */
export function isLoopbackHost(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || ['localhost', '::1', '[::1]'].includes(host.toLowerCase());
}

/**
 * The line to print about the control API (`/_emulator/`) once the emulator listens on
 * `host`: that it requires the control token (never printed), or a warning when it listens
 * beyond loopback without one; `undefined` on loopback without a token.
 * @example
 * controlApiNotice('0.0.0.0', false) // 'warning: listening beyond loopback, …'
 */
export function controlApiNotice(host: string, hasControlToken: boolean): string | undefined {
  if (hasControlToken)
    return 'control API (/_emulator/): requires Authorization: Bearer <the control token> (not printed)';
  if (isLoopbackHost(host)) return undefined;
  return (
    'warning: listening beyond loopback, and /_emulator/ has no authentication unless a control token is set: ' +
    'whoever reaches this port can drive the emulator (set OPENTOK_EMULATOR_CONTROL_TOKEN or --control-token)'
  );
}

/**
 * Validation of the `/session/create` form (docs/protocol.md §5.1, §6.1).
 * @module
 */
import { RESOLUTIONS } from './archive-options.js';
import { badRequest } from './problem.js';
import type { SessionCreateOptions } from './state.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function choice(form: URLSearchParams, name: string, choices: readonly string[], fallback: string): string {
  const value = form.get(name);
  if (value === null || value === '') return fallback;
  const normal = value.toLowerCase();
  if (!choices.includes(normal)) throw badRequest(`${name} must be one of: ${choices.join(', ')}.`);
  return normal;
}

/**
 * Reads the form fields: `p2p.preference` (`enabled` = relayed, `disabled` = routed, the
 * legacy default), `archiveMode`, `location` (or node 0.1's `location_hint`), `e2ee`,
 * `archiveName`, `archiveResolution`. Unknown fields (`partner_id`, `api_key`, Flash-era
 * properties) are ignored, as the service did.
 * @throws {EmulatorProblem} 400 for a bad value or a forbidden combination.
 */
export function parseSessionForm(form: URLSearchParams): SessionCreateOptions {
  const mediaMode =
    choice(form, 'p2p.preference', ['enabled', 'disabled'], 'disabled') === 'enabled' ? 'relayed' : 'routed';
  const archiveMode = choice(form, 'archiveMode', ['manual', 'always'], 'manual') as 'manual' | 'always';
  const e2ee = choice(form, 'e2ee', ['true', 'false'], 'false') === 'true';
  const hint = (form.get('location') ?? form.get('location_hint') ?? '').trim();
  // 2012 clients sent `localhost`, which the service took as "no hint".
  if (hint !== '' && hint !== 'localhost' && !IPV4.test(hint)) throw badRequest('location must be an IPv4 address.');
  const archiveName = form.get('archiveName') ?? undefined;
  const archiveResolution = form.get('archiveResolution') ?? undefined;
  if (archiveMode === 'always' && mediaMode !== 'routed') {
    throw badRequest('A session with always archive mode must also have the routed media mode.');
  }
  if (e2ee && (mediaMode !== 'routed' || archiveMode === 'always')) {
    throw badRequest('An end-to-end encrypted session must be routed and cannot use always archive mode.');
  }
  if (archiveName !== undefined && (archiveMode !== 'always' || archiveName.length < 1 || archiveName.length > 80)) {
    throw badRequest('archiveName must be 1 to 80 characters and needs archiveMode always.');
  }
  if (
    archiveResolution !== undefined &&
    (archiveMode !== 'always' || !(RESOLUTIONS as readonly string[]).includes(archiveResolution))
  ) {
    throw badRequest(`archiveResolution must be one of ${RESOLUTIONS.join(', ')} and needs archiveMode always.`);
  }
  return {
    mediaMode,
    archiveMode,
    e2ee,
    location: IPV4.test(hint) ? hint : undefined,
    archiveName,
    archiveResolution,
  };
}

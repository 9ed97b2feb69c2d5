/**
 * Where a command's credentials come from, first found wins: the flags, then the profile
 * named by `--profile` (or `OPENTOK_PROFILE`), then the environment (`OPENTOK_API_KEY`,
 * `OPENTOK_API_SECRET`, `OPENTOK_API_URL`), then the default profile. A missing secret is
 * asked for on a terminal, so it never has to be on the command line.
 * @module
 */

import { usageError } from './failure.js';
import { type Profile, profilePath, readProfiles } from './profiles.js';
import { canPrompt, promptHidden } from './prompt.js';

/** The credential flags every command takes. */
export interface CredentialFlags {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  apiUrl?: string | undefined;
  profile?: string | undefined;
}

/** Credentials for one project, and the API they are for. */
export interface Credentials {
  apiKey: string;
  apiSecret: string;
  /** `undefined` means the service (`https://api.opentok.com`). */
  apiUrl: string | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Finds the credentials, asking for a missing secret on a terminal.
 * @throws {CliError} (usage) when no API key or secret can be found, or the profile file is unusable.
 */
export async function resolveCredentials(flags: CredentialFlags, environment: NodeJS.ProcessEnv): Promise<Credentials> {
  const named = nonEmpty(flags.profile) ?? nonEmpty(environment.OPENTOK_PROFILE);
  const fromEnvironment: Partial<Record<keyof Profile, string | undefined>> = {
    apiKey: nonEmpty(environment.OPENTOK_API_KEY),
    apiSecret: nonEmpty(environment.OPENTOK_API_SECRET),
    apiUrl: nonEmpty(environment.OPENTOK_API_URL),
  };
  let profile: Partial<Record<keyof Profile, string | undefined>> = {};
  const complete =
    nonEmpty(flags.apiKey ?? fromEnvironment.apiKey) && nonEmpty(flags.apiSecret ?? fromEnvironment.apiSecret);
  if (named !== undefined || !complete) {
    const path = profilePath(environment);
    const file = await readProfiles(path);
    const name = named ?? file?.default ?? 'default';
    const found = file?.profiles[name];
    if (named !== undefined && !found) throw usageError(`no profile "${name}" in ${path}`);
    profile = found ?? {};
  }
  // A named profile beats the environment; the environment beats the default profile.
  const [first, second] = named !== undefined ? [profile, fromEnvironment] : [fromEnvironment, profile];
  const pick = (key: keyof Profile) => nonEmpty(flags[key]) ?? nonEmpty(first[key]) ?? nonEmpty(second[key]);
  const apiKey = pick('apiKey');
  if (apiKey === undefined) {
    if (nonEmpty(environment.VONAGE_APPLICATION_ID)) {
      throw usageError(
        'Vonage application credentials (VONAGE_APPLICATION_ID) are not supported yet: set OPENTOK_API_KEY and OPENTOK_API_SECRET',
      );
    }
    throw usageError('no API key: pass --api-key, set OPENTOK_API_KEY, or add a profile with "opentok profile add"');
  }
  if (!/^\d{1,32}$/.test(apiKey)) throw usageError('the API key must be made of digits');
  // A secret goes with its own key: a source naming another key lends no secret.
  const secretOf = (source: typeof first) =>
    source.apiKey === undefined || source.apiKey === apiKey ? nonEmpty(source.apiSecret) : undefined;
  let apiSecret = nonEmpty(flags.apiSecret) ?? secretOf(first) ?? secretOf(second);
  if (apiSecret === undefined) {
    if (!canPrompt()) {
      throw usageError(
        `no API secret for API key ${apiKey}: set OPENTOK_API_SECRET, add a profile, or run in a terminal to be asked`,
      );
    }
    apiSecret = await promptHidden(`API secret for ${apiKey}: `);
    if (apiSecret === '') throw usageError('no API secret given');
  }
  return { apiKey, apiSecret, apiUrl: pick('apiUrl') };
}

/**
 * Where a command's credentials come from, first found wins: the flags, then the profile
 * named by `--profile` (or `OPENTOK_PROFILE`), then the environment (`OPENTOK_API_KEY`,
 * `OPENTOK_API_SECRET`, `OPENTOK_API_URL`; or `VONAGE_APPLICATION_ID` and
 * `VONAGE_PRIVATE_KEY_PATH`), then the default profile. A missing secret is asked for on a
 * terminal, so it never has to be on the command line; a private key is always read from a file.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { usageError } from './failure.js';
import { findProfile, type Profile, profilePath, readProfiles, type Warn } from './profiles.js';
import { canPrompt, promptHidden } from './prompt.js';

/** The credential flags every command takes. */
export interface CredentialFlags {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  apiUrl?: string | undefined;
  profile?: string | undefined;
  applicationId?: string | undefined;
  /** Path of the application's private key (PEM). */
  privateKey?: string | undefined;
}

/** Credentials for one project, and the API they are for. */
export interface ProjectCredentials {
  apiKey: string;
  apiSecret: string;
  applicationId?: undefined;
  /** `undefined` means the service (`https://api.opentok.com`). */
  apiUrl: string | undefined;
}

/** A Vonage application's credentials, and the API they are for. */
export interface ApplicationCredentials {
  applicationId: string;
  /** The PEM text of the private key. */
  privateKey: string;
  apiKey?: undefined;
  /** `undefined` means the service (`https://video.api.vonage.com`). */
  apiUrl: string | undefined;
}

/** A project's or a Vonage application's credentials. */
export type Credentials = ProjectCredentials | ApplicationCredentials;

type Source = Partial<Record<keyof Profile, string | undefined>>;

const APPLICATION_ID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Reads the private key file of an application. */
async function readPrivateKey(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(
      `cannot read the private key ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`,
    );
  }
  const pem = text.trimStart();
  if (!pem.startsWith('-----BEGIN PRIVATE KEY')) {
    throw usageError(`${path} is not a private key in PEM PKCS #8 form (-----BEGIN PRIVATE KEY-----)`);
  }
  return pem;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Finds the credentials, asking for a missing secret on a terminal.
 * @param warn told about a profile folder that others may read and that could not be tightened.
 * @throws {CliError} (usage) when no API key or secret can be found, or the profile file is unusable.
 */
export async function resolveCredentials(
  flags: CredentialFlags,
  environment: NodeJS.ProcessEnv,
  warn: Warn = () => undefined,
): Promise<Credentials> {
  const named = nonEmpty(flags.profile) ?? nonEmpty(environment.OPENTOK_PROFILE);
  const fromEnvironment: Source = {
    apiKey: nonEmpty(environment.OPENTOK_API_KEY),
    apiSecret: nonEmpty(environment.OPENTOK_API_SECRET),
    apiUrl: nonEmpty(environment.OPENTOK_API_URL),
    applicationId: nonEmpty(environment.VONAGE_APPLICATION_ID),
    privateKeyPath: nonEmpty(environment.VONAGE_PRIVATE_KEY_PATH),
  };
  const fromFlags: Source = {
    apiKey: nonEmpty(flags.apiKey),
    apiSecret: nonEmpty(flags.apiSecret),
    apiUrl: nonEmpty(flags.apiUrl),
    applicationId: nonEmpty(flags.applicationId),
    privateKeyPath: nonEmpty(flags.privateKey),
  };
  if (fromFlags.apiKey && fromFlags.applicationId) throw usageError('give --api-key or --application-id, not both');
  let profile: Source = {};
  const complete =
    (nonEmpty(flags.apiKey ?? fromEnvironment.apiKey) && nonEmpty(flags.apiSecret ?? fromEnvironment.apiSecret)) ||
    (nonEmpty(flags.applicationId ?? fromEnvironment.applicationId) &&
      nonEmpty(flags.privateKey ?? fromEnvironment.privateKeyPath));
  if (named !== undefined || !complete) {
    const path = profilePath(environment);
    const file = await readProfiles(path, warn);
    const name = named ?? file?.default ?? 'default';
    const found = findProfile(file, name);
    if (named !== undefined && !found) throw usageError(`no profile "${name}" in ${path}`);
    profile = found ?? {};
  }
  // A named profile beats the environment; the environment beats the default profile.
  const [first, second] = named !== undefined ? [profile, fromEnvironment] : [fromEnvironment, profile];
  const pick = (key: keyof Profile) => nonEmpty(fromFlags[key]) ?? nonEmpty(first[key]) ?? nonEmpty(second[key]);
  // The first source naming a project or an application decides which (a project, when one names both).
  const identity = [fromFlags, first, second].find((source) => source.apiKey || source.applicationId);
  if (identity?.apiKey === undefined && identity?.applicationId !== undefined) {
    const { applicationId } = identity;
    if (!APPLICATION_ID.test(applicationId)) throw usageError('the application ID must be a UUID');
    // A key goes with its own application: a source naming another one lends no key.
    const keyOf = (source: Source) =>
      source.apiKey === undefined && (source.applicationId === undefined || source.applicationId === applicationId)
        ? nonEmpty(source.privateKeyPath)
        : undefined;
    const path = keyOf(fromFlags) ?? keyOf(first) ?? keyOf(second);
    if (path === undefined) {
      throw usageError(
        `no private key for application ${applicationId}: pass --private-key PATH or set VONAGE_PRIVATE_KEY_PATH`,
      );
    }
    return { applicationId, privateKey: await readPrivateKey(resolve(path)), apiUrl: pick('apiUrl') };
  }
  const apiKey = identity?.apiKey;
  if (apiKey === undefined) {
    throw usageError(
      'no API key: pass --api-key, set OPENTOK_API_KEY (or VONAGE_APPLICATION_ID), or add a profile with "opentok profile add"',
    );
  }
  if (!/^\d{1,32}$/.test(apiKey)) throw usageError('the API key must be made of digits');
  // A secret goes with its own key: a source naming another key lends no secret.
  const secretOf = (source: Source) =>
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

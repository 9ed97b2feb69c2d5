/**
 * The profile file, `$XDG_CONFIG_HOME/opentok/config.json` (else `~/.config/opentok/config.json`):
 * named sets of credentials. It holds secrets, so it is written with mode 0600 and refused when
 * others may read it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { usageError } from './failure.js';

/** One named set of credentials: a project's key and secret, or a Vonage application's ID and key file. */
export interface Profile {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  applicationId?: string | undefined;
  /** Path of the application's private key (PEM); the key itself is not copied here. */
  privateKeyPath?: string | undefined;
  /** Base URL of the API, such as an emulator's. */
  apiUrl?: string | undefined;
}

/** The file's content. */
export interface ProfileFile {
  /** The profile used when none is named. @default 'default' */
  default?: string | undefined;
  profiles: Record<string, Profile>;
}

/** Where the profile file lives for this environment. */
export function profilePath(environment: NodeJS.ProcessEnv): string {
  const base = environment.XDG_CONFIG_HOME || join(environment.HOME || homedir(), '.config');
  return join(base, 'opentok', 'config.json');
}

const NAME = /^[\w.-]{1,64}$/;

/** Checks a profile name: letters, digits, `_`, `.` and `-`. */
export function checkProfileName(name: string): string {
  if (!NAME.test(name))
    throw usageError(`profile name "${name.slice(0, 64)}" must be 1 to 64 letters, digits, _ . or -`);
  return name;
}

function parse(text: string, path: string): ProfileFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw usageError(`${path} is not valid JSON`);
  }
  const profiles = (value as { profiles?: unknown } | null)?.profiles;
  if (typeof value !== 'object' || value === null || typeof profiles !== 'object' || profiles === null) {
    throw usageError(`${path} must be an object with "profiles": { "name": { "apiKey", "apiSecret" } }`);
  }
  for (const [name, profile] of Object.entries(profiles)) {
    const { apiKey, apiSecret, apiUrl, applicationId, privateKeyPath } = (profile ?? {}) as Record<string, unknown>;
    const project = typeof apiKey === 'string' && typeof apiSecret === 'string';
    const application = typeof applicationId === 'string' && typeof privateKeyPath === 'string' && apiKey === undefined;
    if (!(project || application) || !(apiUrl === undefined || typeof apiUrl === 'string')) {
      throw usageError(
        `${path}: profile "${name}" needs "apiKey" and "apiSecret" strings, or "applicationId" and "privateKeyPath" (and an optional "apiUrl")`,
      );
    }
  }
  const fallback = (value as { default?: unknown }).default;
  if (fallback !== undefined && typeof fallback !== 'string')
    throw usageError(`${path}: "default" must be a profile name`);
  return value as ProfileFile;
}

/**
 * Reads the profile file; `undefined` when there is none.
 * @throws {CliError} (usage) when others may read it (mode not 0600 or stricter) or it is malformed.
 */
export async function readProfiles(path: string): Promise<ProfileFile | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw usageError(`${path} has mode ${octal} and holds secrets: run chmod 600 ${path}`);
  }
  return parse(await readFile(path, 'utf8'), path);
}

/** Writes the profile file atomically with mode 0600 (its folder 0700). */
export async function writeProfiles(path: string, content: ProfileFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

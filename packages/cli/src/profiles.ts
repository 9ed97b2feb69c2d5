/**
 * The profile file, `$XDG_CONFIG_HOME/opentok/config.json` (else `~/.config/opentok/config.json`):
 * named sets of credentials. It holds secrets, so it is written with mode 0600 and refused when
 * others may read it, and its folder is kept at 0700. Profiles live in a map without a
 * prototype, and names of `Object.prototype` (`__proto__`, `constructor` …) are refused.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { escapeText } from './escape.js';
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
  /** By name; a map without a prototype (see {@link findProfile}). */
  profiles: Record<string, Profile>;
}

/** A new, empty map of profiles: no prototype, so no name finds anything it did not put there. */
export function emptyProfiles(): Record<string, Profile> {
  return Object.create(null) as Record<string, Profile>;
}

/** The profile named `name`, an own entry only (never something inherited, such as `constructor`). */
export function findProfile(file: ProfileFile | undefined, name: string): Profile | undefined {
  return file !== undefined && Object.hasOwn(file.profiles, name) ? file.profiles[name] : undefined;
}

/** Where the profile file lives for this environment. */
export function profilePath(environment: NodeJS.ProcessEnv): string {
  const base = environment.XDG_CONFIG_HOME || join(environment.HOME || homedir(), '.config');
  return join(base, 'opentok', 'config.json');
}

const NAME = /^[\w.-]{1,64}$/;

/** `__proto__`, `constructor`, `toString` …: names that plain objects answer to without holding them. */
const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Checks a profile name: letters, digits, `_`, `.` and `-`, and not a name of `Object.prototype`.
 * @throws {CliError} (usage) for any other name.
 */
export function checkProfileName(name: string): string {
  if (!NAME.test(name))
    throw usageError(`profile name "${escapeText(name.slice(0, 64))}" must be 1 to 64 letters, digits, _ . or -`);
  if (RESERVED.has(name))
    throw usageError(`profile name "${name}" is reserved (a JavaScript object property): pick another`);
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
  // Copied into a map without a prototype: JSON.parse makes "__proto__" an own key like any other.
  const map = emptyProfiles();
  for (const [name, profile] of Object.entries(profiles)) {
    if (RESERVED.has(name)) throw usageError(`${path}: profile name "${name}" is reserved: rename it`);
    const { apiKey, apiSecret, apiUrl, applicationId, privateKeyPath } = (profile ?? {}) as Record<string, unknown>;
    const project = typeof apiKey === 'string' && typeof apiSecret === 'string';
    const application = typeof applicationId === 'string' && typeof privateKeyPath === 'string' && apiKey === undefined;
    if (!(project || application) || !(apiUrl === undefined || typeof apiUrl === 'string')) {
      throw usageError(
        `${path}: profile "${escapeText(name)}" needs "apiKey" and "apiSecret" strings, or "applicationId" and "privateKeyPath" (and an optional "apiUrl")`,
      );
    }
    map[name] = profile as Profile;
  }
  const fallback = (value as { default?: unknown }).default;
  if (fallback !== undefined && typeof fallback !== 'string')
    throw usageError(`${path}: "default" must be a profile name`);
  // Other keys are kept as they are, so that writing the file back loses nothing.
  return { ...(value as Record<string, unknown>), profiles: map } as ProfileFile;
}

/** Where a warning about the folder goes (stderr). */
export type Warn = (text: string) => void;

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/**
 * Keeps the profile folder at 0700: a folder that others may read or write (such as 0755 or
 * 0777, made before or by hand) is tightened when it is ours, else a warning says so.
 */
async function secureFolder(folder: string, warn: Warn): Promise<void> {
  if (process.platform === 'win32') return;
  let found: { mode: number; uid: number };
  try {
    found = await stat(folder);
  } catch {
    return;
  }
  if ((found.mode & 0o077) === 0) return;
  const problem = `${folder} has mode ${octal(found.mode)}, and the profiles in it hold secrets`;
  if (found.uid !== process.getuid?.()) {
    warn(`opentok: warning: ${problem}; it is not yours, so it was left as it is`);
    return;
  }
  try {
    await chmod(folder, 0o700);
  } catch (error) {
    warn(
      `opentok: warning: ${problem}; chmod 700 failed (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
}

/**
 * Reads the profile file; `undefined` when there is none. Tightens its folder to 0700 first
 * (see `writeProfiles`).
 * @throws {CliError} (usage) when others may read it (mode not 0600 or stricter) or it is malformed.
 */
export async function readProfiles(path: string, warn: Warn = () => undefined): Promise<ProfileFile | undefined> {
  await secureFolder(dirname(path), warn);
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw usageError(`${path} has mode ${octal(mode)} and holds secrets: run chmod 600 ${path}`);
  }
  return parse(await readFile(path, 'utf8'), path);
}

/**
 * Writes the profile file atomically with mode 0600, in a folder of mode 0700: one made so,
 * or one found wider and tightened with chmod when it is ours (else `warn` is told).
 */
export async function writeProfiles(path: string, content: ProfileFile, warn: Warn = () => undefined): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await secureFolder(dirname(path), warn);
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

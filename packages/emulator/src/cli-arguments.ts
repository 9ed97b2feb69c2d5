/**
 * Parsing the `opentok-emulator` command line and the environment it reads projects from.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';
import { UPLOAD_TARGETS, type UploadTarget } from './model.js';
import { CALLBACK_GROUPS, type CallbackUrlChange, checkCallbackUrl } from './stores/callback-store.js';

/** Where the projects came from: the command line, the environment, or none (one is generated). */
export type ProjectSource = 'argv' | 'env' | 'generated';

/** What the command line asks for. */
export interface CliArguments {
  host: string;
  port: number;
  projects: Array<{ apiKey: string; apiSecret: string }>;
  /** Where `projects` came from; the start line prints a secret only for a generated project. */
  projectSource: ProjectSource;
  /** The base URL of download links, when clients reach the emulator through another address. */
  publicUrl: string | undefined;
  /** Where every project's callbacks go (`--callback-url`), per group. */
  callbackUrl: CallbackUrlChange | undefined;
  /**
   * Archive upload targets (`--upload-target`, `OPENTOK_EMULATOR_UPLOAD_TARGET`), in order: for
   * every project (`apiKey` undefined) or one; the last one naming a project wins.
   */
  uploadTargets?: Array<{ apiKey: string | undefined; target: UploadTarget }> | undefined;
  /** Vonage applications (`--application ID:PATH`, `OPENTOK_EMULATOR_APPLICATIONS`): IDs and public key files. */
  applications: Array<{ applicationId: string; publicKeyPath: string }>;
  /**
   * The control token (`--control-token`, `OPENTOK_EMULATOR_CONTROL_TOKEN`): the control API
   * then requires `Authorization: Bearer <token>`. Never printed.
   */
  controlToken: string | undefined;
  /** `--new-application`: write a throwaway application's key pair and print its ID, instead of starting. */
  newApplication: boolean;
  help: boolean;
  version: boolean;
}

/** The usage text of `opentok-emulator --help`. */
export const USAGE = `Usage: opentok-emulator [--host 127.0.0.1] [--port N] [--project KEY:SECRET ...] [--public-url URL]
                        [--callback-url [GROUP=]URL ...] [--upload-target [KEY=]s3|azure ...]
                        [--application ID:PUBLIC_KEY_PEM ...] [--control-token TOKEN]
       opentok-emulator --new-application

A local OpenTok API for development and tests: session creation, archives, the 1.0 calls,
with the real service's checks and answers.

  --host HOST           interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port N              port to listen on; 0 picks a free one (default 0)
  --project KEY:SECRET  a project to accept (repeatable). Prefer the environment below: the
                        command line is visible to every user of the machine
  --public-url URL      base URL of the download links, when clients reach the emulator
                        through another address (default: the address it listens on)
  --callback-url URL    POST every project's callbacks (archive, broadcast, session
                        monitoring, SIP, render, captions) to URL; GROUP=URL for one group
                        (archive, broadcast, session, sip, render, captions); repeatable
  --upload-target s3|azure
                        every project has an archive upload target: stopped archives end
                        "uploaded" (no download URL) instead of "available"; KEY=s3 for one
                        project; repeatable. Also OPENTOK_EMULATOR_UPLOAD_TARGET=s3 or
                        KEY=s3,KEY2=azure
  --application ID:PATH a Vonage application to accept (repeatable): its ID (a UUID) and the
                        path of its RSA public key (PEM); it calls with Authorization: Bearer
                        RS256 tokens. Also OPENTOK_EMULATOR_APPLICATIONS=ID:PATH,ID2:PATH2
  --control-token TOKEN the control API (/_emulator/) then requires
                        Authorization: Bearer TOKEN; set one when listening beyond loopback.
                        Prefer OPENTOK_EMULATOR_CONTROL_TOKEN=TOKEN: the command line is
                        visible to every user of the machine. Never printed
  --new-application     write a throwaway application's key pair (ID.private.pem and
                        ID.public.pem in the current folder), print its ID, and exit
  --version             print the version
  --help                show this text

Projects, first found wins:
  1. --project KEY:SECRET
  2. OPENTOK_EMULATOR_PROJECTS=KEY:SECRET,KEY2:SECRET2
  3. OPENTOK_API_KEY and OPENTOK_API_SECRET
  4. none: a random project is created and its key and secret are printed
Secrets from the command line or the environment are never printed.

Once it listens, it prints its URL and a line to paste into the shell of your app:
  export OPENTOK_API_URL=http://127.0.0.1:PORT OPENTOK_API_KEY=... OPENTOK_API_SECRET=...
The SDKs of @opentok/rest and opentok read these variables.

Control API (JSON only): POST /_emulator/sessions/{sessionId}/connections {"token","publish"}
joins a client; GET /_emulator/state shows everything; POST /_emulator/faults injects failures.
It answers only at the addresses it listens on (or --public-url), refuses other web origins and
bodies that are not application/json, and has no authentication unless a control token is set.
`;

function parseApplication(text: string, source: string): { applicationId: string; publicKeyPath: string } {
  const colon = text.indexOf(':');
  const applicationId = text.slice(0, colon).trim();
  if (!/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(applicationId) || colon === text.length - 1) {
    throw new InvalidArgumentError(source, `${source} must be ID:PATH with a UUID and the public key's file`);
  }
  return { applicationId, publicKeyPath: text.slice(colon + 1) };
}

function parseProject(text: string, source: string): { apiKey: string; apiSecret: string } {
  const colon = text.indexOf(':');
  const apiKey = text.slice(0, colon).trim();
  if (colon < 1 || !/^\d{1,32}$/.test(apiKey) || colon === text.length - 1) {
    throw new InvalidArgumentError(source, `${source} must be KEY:SECRET with a numeric key`);
  }
  return { apiKey, apiSecret: text.slice(colon + 1) };
}

/** `TARGET` (every project) or `KEY=TARGET` (one project) of `--upload-target`. */
function parseUploadTarget(text: string, source: string): { apiKey: string | undefined; target: UploadTarget } {
  const match = /^(?:(\d{1,32})=)?([a-z0-9]+)$/.exec(text.trim());
  const target = match?.[2] as UploadTarget | undefined;
  if (!match || !target || !UPLOAD_TARGETS.includes(target)) {
    throw new InvalidArgumentError(
      source,
      `${source} must be ${UPLOAD_TARGETS.join(' or ')}, or KEY=TARGET for one project`,
    );
  }
  return { apiKey: match[1], target };
}

/**
 * The projects with the upload targets of the command line or the environment applied.
 * @throws {InvalidArgumentError} when a `KEY=TARGET` names no project.
 */
export function withUploadTargets<T extends { apiKey: string }>(
  projects: readonly T[],
  uploadTargets: CliArguments['uploadTargets'],
): Array<T & { uploadTarget?: UploadTarget }> {
  if (!uploadTargets || uploadTargets.length === 0) return [...projects];
  for (const { apiKey } of uploadTargets) {
    if (apiKey !== undefined && !projects.some((project) => project.apiKey === apiKey)) {
      throw new InvalidArgumentError('--upload-target', `--upload-target names project ${apiKey}, which is not given`);
    }
  }
  return projects.map((project) => {
    const chosen = uploadTargets.filter(({ apiKey }) => apiKey === undefined || apiKey === project.apiKey).at(-1);
    return chosen ? { ...project, uploadTarget: chosen.target } : project;
  });
}

/** `URL` (every group) or `GROUP=URL` (one group) of `--callback-url`. */
function parseCallbackOption(text: string): CallbackUrlChange {
  const match = /^([a-z]+)=(.*)$/.exec(text);
  const group = match && (CALLBACK_GROUPS as readonly string[]).includes(match[1] as string) ? match[1] : undefined;
  let url: string;
  try {
    url = checkCallbackUrl(group ? match?.[2] : text, '--callback-url');
  } catch {
    throw new InvalidArgumentError(
      '--callback-url',
      `--callback-url must be an http(s) URL or GROUP=URL with a group of ${CALLBACK_GROUPS.join(', ')}`,
    );
  }
  if (group) return { [group]: url };
  return Object.fromEntries(CALLBACK_GROUPS.map((name) => [name, url]));
}

/**
 * Projects from the environment: `OPENTOK_EMULATOR_PROJECTS` (`KEY:SECRET,KEY2:SECRET2`),
 * else `OPENTOK_API_KEY` with `OPENTOK_API_SECRET`.
 * @throws {InvalidArgumentError} for a malformed value (never repeating a secret).
 */
export function projectsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Array<{ apiKey: string; apiSecret: string }> {
  const list = env.OPENTOK_EMULATOR_PROJECTS?.trim();
  if (list) {
    return list
      .split(',')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => parseProject(entry.trim(), 'OPENTOK_EMULATOR_PROJECTS'));
  }
  const apiKey = env.OPENTOK_API_KEY?.trim();
  const apiSecret = env.OPENTOK_API_SECRET;
  if (!apiKey && !apiSecret) return [];
  if (!apiKey || !apiSecret) {
    throw new InvalidArgumentError(
      'OPENTOK_API_KEY',
      'OPENTOK_API_KEY and OPENTOK_API_SECRET must be set together (or neither)',
    );
  }
  return [parseProject(`${apiKey}:${apiSecret}`, 'OPENTOK_API_KEY')];
}

/**
 * Reads `--host`, `--port`, `--project` (repeatable), `--public-url`, `--upload-target`,
 * `--control-token` (or `OPENTOK_EMULATOR_CONTROL_TOKEN`), `--version` and
 * `--help` (also as `--name=value`), then the projects of the environment when no
 * `--project` was given.
 * @throws {InvalidArgumentError} for an unknown option or a bad value (the message never
 * repeats a `--project` value, which holds a secret).
 * @example
 * parseCliArguments(['--port', '0', '--project', '123456:secret'])
 */
export function parseCliArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliArguments {
  const result: CliArguments = {
    host: '127.0.0.1',
    port: 0,
    projects: [],
    projectSource: 'generated',
    publicUrl: undefined,
    callbackUrl: undefined,
    controlToken: undefined,
    applications: [],
    newApplication: false,
    help: false,
    version: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    const value = () => {
      const text = equals > 0 ? argument.slice(equals + 1) : argv[++index];
      if (text === undefined || text === '') throw new InvalidArgumentError(name, `${name} needs a value`);
      return text;
    };
    if (name === '--help' || name === '-h') result.help = true;
    else if (name === '--version' || name === '-v') result.version = true;
    else if (name === '--host') result.host = value();
    else if (name === '--new-application') result.newApplication = true;
    else if (name === '--application') result.applications.push(parseApplication(value(), '--application'));
    else if (name === '--public-url') result.publicUrl = value();
    else if (name === '--control-token') result.controlToken = value();
    else if (name === '--callback-url') result.callbackUrl = { ...result.callbackUrl, ...parseCallbackOption(value()) };
    else if (name === '--upload-target') {
      result.uploadTargets = [...(result.uploadTargets ?? []), parseUploadTarget(value(), '--upload-target')];
    } else if (name === '--port') {
      const text = value();
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
        throw new InvalidArgumentError('--port', '--port must be a number from 0 to 65535');
      }
      result.port = Number(text);
    } else if (name === '--project') {
      result.projects.push(parseProject(value(), '--project'));
      result.projectSource = 'argv';
    } else {
      throw new InvalidArgumentError('argv', `Unknown option ${JSON.stringify(name.slice(0, 40))}; see --help`);
    }
  }
  const controlToken = env.OPENTOK_EMULATOR_CONTROL_TOKEN?.trim();
  if (result.controlToken === undefined && controlToken) result.controlToken = controlToken;
  const applications = env.OPENTOK_EMULATOR_APPLICATIONS?.trim();
  if (result.applications.length === 0 && applications) {
    result.applications = applications
      .split(',')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => parseApplication(entry.trim(), 'OPENTOK_EMULATOR_APPLICATIONS'));
  }
  const uploadTargets = env.OPENTOK_EMULATOR_UPLOAD_TARGET?.trim();
  if (result.uploadTargets === undefined && uploadTargets) {
    result.uploadTargets = uploadTargets
      .split(',')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => parseUploadTarget(entry, 'OPENTOK_EMULATOR_UPLOAD_TARGET'));
  }
  if (result.projects.length === 0 && !result.help && !result.version) {
    result.projects = projectsFromEnvironment(env);
    if (result.projects.length > 0) result.projectSource = 'env';
  }
  return result;
}

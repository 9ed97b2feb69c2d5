#!/usr/bin/env node
/**
 * `opentok-emulator`: starts the emulator and prints its URL, the projects' keys, the line to
 * paste into the shell of an app (`export OPENTOK_API_URL=… OPENTOK_API_KEY=…
 * OPENTOK_API_SECRET=…`) and where the control API is. The secret is printed only for the
 * project it generates itself (which exists only in this process and is useless elsewhere);
 * a secret given on the command line or in the environment is never printed. Ctrl-C or
 * SIGTERM stop it cleanly.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import { createApplicationKeys, type EmulatorApplication } from './applications.js';
import { type CliArguments, parseCliArguments, USAGE, withUploadTargets } from './cli-arguments.js';
import { controlApiNotice } from './exposure.js';
import { type RunningEmulator, randomProject, startEmulator } from './start-emulator.js';

function version(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The lines printed once the emulator listens; the first one names the URL. */
function startLines(emulator: RunningEmulator, options: CliArguments): string[] {
  const { url, projects } = emulator;
  const [first] = projects;
  const lines = [`opentok-emulator listening on ${url} (projects: ${projects.length})`];
  lines.push(`  project keys: ${projects.map(({ apiKey }) => apiKey).join(', ')}`);
  if (emulator.applications.length > 0) {
    lines.push(`  Vonage applications: ${emulator.applications.map(({ applicationId }) => applicationId).join(', ')}`);
  }
  if (options.host === '0.0.0.0' || options.host === '::') {
    lines.push(`  listening on every interface; other machines use this machine's address and port ${emulator.port}`);
  }
  const notice = controlApiNotice(options.host, options.controlToken !== undefined);
  if (notice !== undefined) lines.push(`  ${notice}`);
  lines.push('  paste into the shell of your app:');
  if (options.projectSource === 'generated' && first) {
    lines.push(`  export OPENTOK_API_URL=${url} OPENTOK_API_KEY=${first.apiKey} OPENTOK_API_SECRET=${first.apiSecret}`);
  } else if (options.projectSource === 'env') {
    lines.push(`  export OPENTOK_API_URL=${url}`);
    lines.push('  (OPENTOK_API_KEY and OPENTOK_API_SECRET: the ones in your environment; secrets are not printed)');
  } else if (first) {
    lines.push(`  export OPENTOK_API_URL=${url} OPENTOK_API_KEY=${first.apiKey} OPENTOK_API_SECRET=...`);
    lines.push('  (OPENTOK_API_SECRET: the secret you gave with --project; secrets are not printed)');
  }
  if (options.controlToken === undefined) lines.push(`  dashboard: open ${url}/ in a browser`);
  lines.push(
    `  control API: POST ${url}/_emulator/sessions/{sessionId}/connections joins a client, ` +
      `GET ${url}/_emulator/state shows the state, POST ${url}/_emulator/faults injects faults (see --help)`,
  );
  return lines;
}

/** `--new-application`: a throwaway key pair written to the current folder. */
function newApplication(): string[] {
  const { applicationId, privateKey, publicKey } = createApplicationKeys();
  const privatePath = `${applicationId}.private.pem`;
  const publicPath = `${applicationId}.public.pem`;
  writeFileSync(privatePath, privateKey, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicPath, publicKey, { flag: 'wx' });
  return [
    applicationId,
    `  private key: ${privatePath} (for the SDK: new OpenTok('${applicationId}', <its text>))`,
    `  public key: ${publicPath}`,
    `  start: opentok-emulator --application ${applicationId}:${publicPath}`,
  ];
}

/** The public keys of `--application ID:PATH`, read from their files. */
function readApplications(applications: CliArguments['applications']): EmulatorApplication[] {
  return applications.map(({ applicationId, publicKeyPath }) => {
    try {
      return { applicationId, publicKey: readFileSync(publicKeyPath, 'utf8') };
    } catch {
      throw new InvalidArgumentError('--application', `cannot read the public key of application ${applicationId}`);
    }
  });
}

async function main(): Promise<void> {
  const options = parseCliArguments(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (options.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (options.newApplication) {
    process.stdout.write(`${newApplication().join('\n')}\n`);
    return;
  }
  // An upload target for every project applies to the generated one too: make it here.
  const generated = options.projects.length === 0 && options.uploadTargets?.length ? [randomProject()] : [];
  const projects = withUploadTargets([...options.projects, ...generated], options.uploadTargets);
  const emulator = await startEmulator({
    ...options,
    projects,
    applications: readApplications(options.applications),
  });
  // Handlers first: whoever reads the lines below may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`opentok-emulator: ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`${startLines(emulator, options).join('\n')}\n`);
}

main().catch((error: unknown) => {
  let message = OpenTokError.isInstance(error) ? error.message : 'unexpected error';
  if (message.includes('EADDRINUSE')) message += '\n  try --port 0 to pick a free port';
  process.stderr.write(`opentok-emulator: ${message}\n`);
  process.exit(2);
});

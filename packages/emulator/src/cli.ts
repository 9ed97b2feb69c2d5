#!/usr/bin/env node
/**
 * `opentok-emulator`: starts the emulator and prints one line with its URL (and the generated
 * project's credentials when none were given). Ctrl-C or SIGTERM stop it cleanly.
 * @module
 */
import { OpenTokError } from '@opentok/token';
import { parseCliArguments, USAGE } from './cli-arguments.js';
import { startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  const options = parseCliArguments(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const generated = options.projects.length === 0;
  const emulator = await startEmulator(options);
  const project = emulator.projects[0];
  // Handlers first: whoever reads the line below may signal at once.
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
  // The generated secret is printed on purpose: it exists only in this process, and the user
  // needs it to sign requests. Secrets given with --project are never printed.
  const credentials = generated && project ? ` apiKey=${project.apiKey} apiSecret=${project.apiSecret}` : '';
  process.stdout.write(
    `opentok-emulator listening on ${emulator.url}${credentials} (projects: ${emulator.projects.length})\n`,
  );
}

main().catch((error: unknown) => {
  const message = OpenTokError.isInstance(error) ? error.message : 'unexpected error';
  process.stderr.write(`opentok-emulator: ${message}\n`);
  process.exit(2);
});

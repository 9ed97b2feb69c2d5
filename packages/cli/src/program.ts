/**
 * The command tree: global options, every command, help with examples, and the wrapper
 * that hands each action a {@link CommandContext}.
 * @module
 */
import { Command } from 'commander';
import { registerArchive } from './commands/archive.js';
import { registerBroadcast } from './commands/broadcast.js';
import { registerCallback } from './commands/callback.js';
import { registerCompletion } from './commands/completion.js';
import { registerConnectors } from './commands/connectors.js';
import { registerEmulator } from './commands/emulator.js';
import { registerLegacy } from './commands/legacy.js';
import { registerLive } from './commands/live.js';
import { registerProfile } from './commands/profile.js';
import { registerSession } from './commands/session.js';
import { registerToken } from './commands/token.js';
import { CommandContext, type Runtime } from './context.js';
import { VERSION } from './version.js';

/** Wraps a command's body: it receives the context, then what commander passes. */
// biome-ignore lint/suspicious/noExplicitAny: commander passes arguments of the command's own shape.
export type Action = <T extends any[]>(
  body: (context: CommandContext, ...parameters: T) => Promise<void>,
) => (...parameters: T) => Promise<void>;

/** Builds the `opentok` program for one run. */
export function createProgram(runtime: Runtime): Command {
  const program = new Command('opentok');
  program
    .description(
      'The OpenTok API from a terminal: tokens, sessions, archives, broadcasts, moderation, connectors, and a local emulator.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option('--api-key <key>', 'project API key (else OPENTOK_API_KEY, else the profile)')
    .option('--api-secret <secret>', 'project API secret; prefer OPENTOK_API_SECRET, a profile or the prompt')
    .option('--api-url <url>', 'API base URL, such as an emulator (else OPENTOK_API_URL)')
    .option('--application-id <id>', 'a Vonage application ID, instead of an API key (else VONAGE_APPLICATION_ID)')
    .option('--private-key <path>', "the application's private key file (else VONAGE_PRIVATE_KEY_PATH)")
    .option('--profile <name>', 'a profile of ~/.config/opentok/config.json (else OPENTOK_PROFILE)')
    .option('--json', 'machine-readable output: one JSON document, or one per line for lists')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.stdout.write(text),
      writeErr: (text) => runtime.stderr.write(text),
      // Usage errors are reported by main(), as one line.
      outputError: () => undefined,
    })
    .addHelpText(
      'after',
      `
Credentials: --api-key/--api-secret, else the environment (OPENTOK_API_KEY, OPENTOK_API_SECRET,
OPENTOK_API_URL), else a profile (opentok profile add). A missing secret is asked for on a terminal.
A Vonage application: --application-id and --private-key PATH, or VONAGE_APPLICATION_ID and
VONAGE_PRIVATE_KEY_PATH, or a profile.
Exit codes: 0 success, 1 the API or the network refused, 2 usage error.

Examples:
  $ opentok session create --routed
  $ opentok token "$SESSION_ID" --role moderator --expire-in 2h
  $ opentok archive download --session "$SESSION_ID" --all --out recordings/`,
    );

  const action: Action =
    (body) =>
    async (...parameters) => {
      const command = parameters.at(-1) as Command;
      await body(new CommandContext(runtime, command), ...parameters);
    };

  registerSession(program, action);
  registerToken(program, action);
  registerArchive(program, action);
  registerBroadcast(program, action);
  registerLive(program, action);
  registerConnectors(program, action);
  registerCallback(program, action);
  registerLegacy(program, action);
  registerEmulator(program, action);
  registerProfile(program, action);
  registerCompletion(program, action);
  return program;
}

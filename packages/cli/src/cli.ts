/**
 * The `opentok` command: parses the arguments, runs the command, and turns any failure into
 * one line on stderr (a JSON line with `--json`) and an exit code: 0 success, 1 refused by
 * the API or the network, 2 usage error, 130 interrupted.
 * @module
 */
import { CommanderError } from 'commander';
import type { Runtime } from './context.js';
import { escapeJson, escapeText } from './escape.js';
import { describeFailure, EXIT } from './failure.js';
import { createProgram } from './program.js';

/** Runs `opentok` with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], runtime: Runtime): Promise<number> {
  const program = createProgram(runtime);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return EXIT.ok;
      }
      // `opentok` or `opentok archive` alone printed the help: a usage error, nothing more to say.
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return EXIT.usage;
      const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      report(runtime, json, { name: 'UsageError', message }, message);
      return EXIT.usage;
    }
    const failure = describeFailure(error, [...runtime.secrets]);
    const unreachable =
      failure.json.name === 'NetworkError' && runtime.apiUrl && !failure.json.message.includes(runtime.apiUrl);
    const prefix = unreachable ? `cannot reach ${runtime.apiUrl}: ` : '';
    report(runtime, json, { ...failure.json, message: prefix + failure.json.message }, prefix + failure.message);
    return failure.exitCode;
  }
}

/** The error line: JSON with `--json`, else `opentok: message`, escaped as every human line is. */
function report(runtime: Runtime, json: boolean, value: object, message: string): void {
  runtime.stderr.write(
    json ? `${escapeJson(JSON.stringify({ error: value }))}\n` : `opentok: ${escapeText(message)}\n`,
  );
}

/**
 * The process entry. Ctrl-C aborts `runtime.signal`; commands that clean up after it (downloads,
 * the emulator) set `runtime.handlesInterrupt`, every other command ends at once with 130.
 * A second Ctrl-C always ends at once.
 */
async function run(): Promise<void> {
  const interrupt = new AbortController();
  const runtime: Runtime = {
    environment: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: interrupt.signal,
    secrets: new Set(),
    handlesInterrupt: false,
  };
  // A reader that stops early (`| head -1`) closes the pipe: stop quietly, as other tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  // Ctrl-C, `kill` and a closed terminal: exit codes 128 + the signal's number, as shells report them.
  const codes = { SIGINT: EXIT.interrupted, SIGTERM: 143, SIGHUP: 129 } as const;
  let received: keyof typeof codes | undefined;
  for (const signal of Object.keys(codes) as Array<keyof typeof codes>) {
    process.on(signal, () => {
      if (interrupt.signal.aborted || !runtime.handlesInterrupt) {
        process.stderr.write(signal === 'SIGINT' ? '\nopentok: interrupted\n' : `opentok: stopped by ${signal}\n`);
        process.exit(codes[signal]);
      }
      received = signal;
      interrupt.abort();
    });
  }
  const code = await main(process.argv.slice(2), runtime);
  // A command that stopped because of the signal ends with the signal's code.
  process.exitCode = code === EXIT.interrupted && received ? codes[received] : code;
}

await run();

/**
 * `opentok emulator`: starts `@opentok/emulator` and prints the environment lines to paste.
 * @module
 */
import type { Command } from 'commander';
import { wholeNumber } from '../options.js';
import type { Action } from '../program.js';

interface EmulatorFlags {
  port: number;
  host: string;
  controlToken?: string;
  apiKey?: string;
  apiSecret?: string;
}

/** Adds the emulator command. */
export function registerEmulator(program: Command, action: Action): void {
  program
    .command('emulator')
    .description('run a local OpenTok API (@opentok/emulator) and print the environment lines to paste')
    .option('--port <port>', 'the port; 0 picks a free one', wholeNumber(0, 65535), 0)
    .option('--host <host>', 'the interface to listen on', '127.0.0.1')
    .option(
      '--control-token <token>',
      'require Authorization: Bearer <token> on the control API (/_emulator/); set one when listening beyond loopback. Prefer OPENTOK_EMULATOR_CONTROL_TOKEN: the command line is visible to every user of the machine',
    )
    .addHelpText(
      'after',
      `
With --api-key and a secret (flags or OPENTOK_API_KEY and OPENTOK_API_SECRET) the emulator accepts
those credentials and prints only the URL; else it makes up a project and prints its key and
secret, which are good for this emulator only. Open its URL in a browser for the dashboard.
With --host beyond loopback and no control token it warns that anyone reaching the port can
drive it. Ctrl-C stops it.

Examples:
  $ opentok emulator --port 4010
  $ OPENTOK_API_KEY=123456 OPENTOK_API_SECRET=local-secret opentok emulator --json`,
    )
    .action(
      action(async (context, _flags: EmulatorFlags, command: Command) => {
        const flags = command.optsWithGlobals<EmulatorFlags>();
        const apiKey = flags.apiKey || context.environment.OPENTOK_API_KEY || undefined;
        const apiSecret = flags.apiSecret || context.environment.OPENTOK_API_SECRET || undefined;
        const given = apiKey !== undefined && apiSecret !== undefined ? [{ apiKey, apiSecret }] : undefined;
        const controlToken =
          flags.controlToken || context.environment.OPENTOK_EMULATOR_CONTROL_TOKEN?.trim() || undefined;
        if (controlToken !== undefined) context.runtime.secrets.add(controlToken);
        const { controlApiNotice, startEmulator } = await import('@opentok/emulator');
        context.runtime.handlesInterrupt = true;
        const emulator = await startEmulator({ host: flags.host, port: flags.port, projects: given, controlToken });
        const [project] = emulator.projects;
        const lines: Record<string, string> = { OPENTOK_API_URL: emulator.url };
        if (!given && project) {
          lines.OPENTOK_API_KEY = project.apiKey;
          lines.OPENTOK_API_SECRET = project.apiSecret;
        }
        if (context.json) {
          context.printJson({
            url: emulator.url,
            apiKey: project?.apiKey,
            ...(given ? {} : { apiSecret: project?.apiSecret }),
          });
        } else {
          for (const [name, value] of Object.entries(lines)) context.print(`export ${name}=${value}`);
        }
        context.note(`# opentok emulator listening on ${emulator.url}; Ctrl-C stops it`);
        const notice = controlApiNotice(flags.host, controlToken !== undefined);
        if (notice !== undefined) context.note(`# ${notice}`);
        if (controlToken === undefined) context.note(`# dashboard: open ${emulator.url}/ in a browser`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          context.signal.addEventListener('abort', stop, { once: true });
          process.once('SIGTERM', stop);
        });
        await emulator.close();
      }),
    );
}

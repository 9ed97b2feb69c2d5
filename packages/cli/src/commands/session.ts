/**
 * `opentok session create`.
 * @module
 */
import { type Command, Option } from 'commander';
import type { ArchiveMode, CreateSessionOptions } from 'opentok';
import { RESOLUTIONS } from '../choices.js';
import type { Action } from '../program.js';

interface SessionFlags {
  routed?: boolean;
  relayed?: boolean;
  archiveMode?: ArchiveMode;
  location?: string;
  e2ee?: boolean;
  archiveName?: string;
  archiveResolution?: CreateSessionOptions['archiveResolution'];
}

/** Adds the session commands. */
export function registerSession(program: Command, action: Action): void {
  const session = program
    .command('session')
    .description('create sessions')
    .addHelpText('after', '\nExample:\n  $ opentok session create --routed');
  session
    .command('create')
    .description('create a session and print its ID')
    .addOption(new Option('--routed', 'media through the OpenTok media router (needed to record)').conflicts('relayed'))
    .addOption(new Option('--relayed', 'media peer to peer (the default)'))
    .addOption(new Option('--archive-mode <mode>', 'record automatically').choices(['manual', 'always']))
    .option('--location <ipv4>', 'an IPv4 address near the participants, as a location hint')
    .option('--e2ee', 'end-to-end encryption (routed, manual archive mode)')
    .option('--archive-name <name>', 'name of automatic archives (with --archive-mode always)')
    .addOption(new Option('--archive-resolution <size>', 'resolution of automatic archives').choices(RESOLUTIONS))
    .addHelpText(
      'after',
      `
Examples:
  $ opentok session create --routed
  $ SESSION_ID=$(opentok session create --routed --archive-mode always)
  $ opentok session create --relayed --location 10.1.200.30 --json`,
    )
    .action(
      action(async (context, flags: SessionFlags) => {
        const opentok = await context.openTok();
        const created = await opentok.createSession({
          mediaMode: flags.routed ? 'routed' : flags.relayed ? 'relayed' : undefined,
          archiveMode: flags.archiveMode,
          location: flags.location,
          e2ee: flags.e2ee,
          archiveName: flags.archiveName,
          archiveResolution: flags.archiveResolution,
        });
        if (context.json) context.printJson(created);
        else context.print(created.sessionId);
      }),
    );
}

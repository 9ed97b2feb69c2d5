/**
 * `opentok session create`, and against an emulator `opentok session join` and `leave`.
 * @module
 */
import { type Command, Option } from 'commander';
import type { ArchiveMode, CreateSessionOptions } from 'opentok';
import { RESOLUTIONS } from '../choices.js';
import type { CommandContext } from '../context.js';
import { EmulatorControl, parsePublish } from '../emulator-control.js';
import { formatFields } from '../format.js';
import type { Action } from '../program.js';

interface JoinFlags {
  role: 'publisher' | 'moderator' | 'subscriber';
  data?: string;
  publish?: string;
  name?: string;
}

/** The control API of the emulator the credentials point at, or a failure saying it is not one. */
async function emulatorOf(context: CommandContext, command: string): Promise<EmulatorControl> {
  await context.credentials();
  const controlToken = context.environment.OPENTOK_EMULATOR_CONTROL_TOKEN || undefined;
  if (controlToken !== undefined) context.runtime.secrets.add(controlToken);
  const control = new EmulatorControl(context.runtime.apiUrl ?? '', controlToken, context.signal);
  await control.requireEmulator(command);
  return control;
}

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
    .description('create sessions; join and remove simulated clients on an emulator')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok session create --routed\n  $ opentok session join "$SESSION_ID" --publish audio,video',
    );
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
  session
    .command('join')
    .description('join a simulated client to a session of an emulator; prints its connection and stream IDs')
    .argument('<sessionId>', 'the session')
    .addOption(
      new Option('--role <role>', 'the role of its token')
        .choices(['publisher', 'moderator', 'subscriber'])
        .default('publisher'),
    )
    .option('--data <text>', 'connection data that other clients see, such as userId=42')
    .option('--publish <media>', 'publish a stream: audio,video, audio, video or screen')
    .option('--name <name>', 'the name of the published stream')
    .addHelpText(
      'after',
      `
Only against @opentok/emulator (OPENTOK_API_URL or --api-url pointing at one): the client
joins with a token minted from the credentials, as a browser with a client SDK would, so
that archives and broadcasts can start. An emulator started with a control token needs it
in OPENTOK_EMULATOR_CONTROL_TOKEN.

Examples:
  $ opentok session join "$SESSION_ID" --publish audio,video --name Camera
  $ opentok session join "$SESSION_ID" --role moderator --data userId=42 --json`,
    )
    .action(
      action(async (context, sessionId: string, flags: JoinFlags) => {
        const publish = flags.publish === undefined ? undefined : parsePublish(flags.publish);
        const control = await emulatorOf(context, 'opentok session join');
        const { generateToken } = await context.openTok();
        const token = generateToken(sessionId, { role: flags.role, data: flags.data });
        const joined = await control.join(sessionId, token, publish, flags.name);
        if (context.json) context.printJson({ sessionId, ...joined });
        else
          context.print(
            formatFields(
              [
                ['connection', joined.connectionId],
                ['stream', joined.streamId],
              ],
              true,
            ),
          );
      }),
    );
  session
    .command('leave')
    .description('remove a simulated client from a session of an emulator')
    .argument('<sessionId>', 'the session')
    .argument('<connectionId>', 'the connection of the client')
    .addHelpText('after', '\nExample:\n  $ opentok session leave "$SESSION_ID" "$CONNECTION_ID"')
    .action(
      action(async (context, sessionId: string, connectionId: string) => {
        const control = await emulatorOf(context, 'opentok session leave');
        await control.leave(sessionId, connectionId);
        if (context.json) context.printJson({ sessionId, connectionId, left: true });
        else context.print(`connection ${connectionId} left session ${sessionId}`);
      }),
    );
}

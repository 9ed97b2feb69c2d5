/**
 * Commands on a running session: `opentok signal`, `opentok disconnect`, `opentok mute`,
 * `opentok connection list` and `opentok stream list|get|classes`.
 * @module
 */
import type { Command } from 'commander';
import type { Stream } from 'opentok';
import type { CommandContext } from '../context.js';
import { usageError } from '../failure.js';
import { formatDate, formatFields, formatTable } from '../format.js';
import type { Action } from '../program.js';

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function printStream(context: CommandContext, stream: Stream): void {
  if (context.json) {
    context.printJson(stream);
    return;
  }
  const lines: Array<[string, string]> = [
    ['id', stream.id],
    ['videoType', stream.videoType ?? '-'],
    ['name', stream.name || '-'],
    ['classes', stream.layoutClassList.join(' ') || '-'],
  ];
  context.print(formatFields(lines));
}

/** Adds the commands on running sessions. */
export function registerLive(program: Command, action: Action): void {
  program
    .command('signal')
    .description('send a signal to every client of a session, or to one connection')
    .argument('<sessionId>')
    .requiredOption('--data <text>', 'the message (at most 8 kB of UTF-8)')
    .option('--type <type>', 'the signal type, for the clients\' "signal:<type>" handlers (at most 128 bytes)')
    .option('--connection <connectionId>', 'send to this connection only')
    .addHelpText(
      'after',
      `
Examples:
  $ opentok signal "$SESSION_ID" --type chat --data 'The room closes in 5 minutes'
  $ opentok signal "$SESSION_ID" --connection "$CONNECTION_ID" --data 'just you'`,
    )
    .action(
      action(async (context, sessionId: string, flags: { data: string; type?: string; connection?: string }) => {
        const { client } = await context.openTok();
        await client.sessions.signal(
          sessionId,
          { type: flags.type, data: flags.data },
          { connectionId: flags.connection },
        );
        const to = flags.connection ? `connection ${flags.connection}` : `session ${sessionId}`;
        if (context.json) {
          context.printJson({
            sessionId,
            connectionId: flags.connection ?? null,
            type: flags.type ?? null,
            sent: true,
          });
        } else context.print(`signal sent to ${to}`);
      }),
    );

  program
    .command('disconnect')
    .description('force a client (or a SIP call) to leave a session; its streams end with it')
    .argument('<sessionId>')
    .argument('<connectionId>')
    .addHelpText('after', '\nExample:\n  $ opentok disconnect "$SESSION_ID" "$CONNECTION_ID"')
    .action(
      action(async (context, sessionId: string, connectionId: string) => {
        await (await context.openTok()).client.connections.disconnect(sessionId, connectionId);
        if (context.json) context.printJson({ sessionId, connectionId, disconnected: true });
        else context.print(`${connectionId} disconnected`);
      }),
    );

  program
    .command('mute')
    .description('mute the audio of one stream, of every stream (--all), or end a force-mute (--disable)')
    .argument('<sessionId>')
    .argument('[streamId]', 'the stream to mute (its publisher may unmute)')
    .option('--all', 'mute every stream, and streams published later, until --disable')
    .option('--exclude <streamId>', 'with --all: a stream to leave unmuted (repeatable)', collect)
    .option('--disable', 'end the force-mute of --all: streams published from now on are not muted')
    .addHelpText(
      'after',
      `
Examples:
  $ opentok mute "$SESSION_ID" "$STREAM_ID"
  $ opentok mute "$SESSION_ID" --all --exclude "$PRESENTER_STREAM_ID"
  $ opentok mute "$SESSION_ID" --disable`,
    )
    .action(
      action(
        async (
          context,
          sessionId: string,
          streamId: string | undefined,
          flags: { all?: boolean; exclude?: string[]; disable?: boolean },
        ) => {
          const modes = [streamId !== undefined, flags.all === true, flags.disable === true].filter(Boolean).length;
          if (modes !== 1) throw usageError('give one of: a stream ID, --all, or --disable');
          if (flags.exclude && !flags.all) throw usageError('--exclude goes with --all');
          const { client } = await context.openTok();
          if (streamId !== undefined) {
            await client.streams.mute(sessionId, streamId);
            if (context.json) context.printJson({ sessionId, streamId, muted: true });
            else context.print(`${streamId} muted`);
          } else if (flags.all) {
            const excludedStreamIds = flags.exclude ?? [];
            await client.sessions.muteAll(sessionId, { excludedStreamIds });
            if (context.json) context.printJson({ sessionId, forceMute: true, excludedStreamIds });
            else
              context.print(
                `every stream of ${sessionId} muted${excludedStreamIds.length > 0 ? ` but ${excludedStreamIds.join(', ')}` : ''}`,
              );
          } else {
            await client.sessions.disableForceMute(sessionId);
            if (context.json) context.printJson({ sessionId, forceMute: false });
            else context.print(`force-mute of ${sessionId} ended`);
          }
        },
      ),
    );

  const connection = program
    .command('connection')
    .description('the connections of a running session')
    .addHelpText('after', '\nExample:\n  $ opentok connection list "$SESSION_ID"');
  connection
    .command('list')
    .description('list the connections of a session as a table (one JSON document per line with --json)')
    .argument('<sessionId>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok connection list "$SESSION_ID"\n  $ opentok connection list "$SESSION_ID" --json',
    )
    .action(
      action(async (context, sessionId: string) => {
        const { items } = await (await context.openTok()).client.connections.list(sessionId);
        if (context.json) for (const each of items) context.printJson(each);
        else if (items.length === 0) context.note('no connections');
        else
          context.print(
            formatTable(
              ['ID', 'STATE', 'CREATED'],
              items.map((each) => [each.connectionId, each.connectionState, formatDate(each.createdAt)]),
            ),
          );
      }),
    );

  const stream = program
    .command('stream')
    .description('the streams of a running session')
    .addHelpText('after', '\nExample:\n  $ opentok stream list "$SESSION_ID"');
  stream
    .command('list')
    .description('list the streams of a session as a table (one JSON document per line with --json)')
    .argument('<sessionId>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok stream list "$SESSION_ID"\n  $ opentok stream list "$SESSION_ID" --json',
    )
    .action(
      action(async (context, sessionId: string) => {
        const { items } = await (await context.openTok()).client.streams.list(sessionId);
        if (context.json) for (const each of items) context.printJson(each);
        else if (items.length === 0) context.note('no streams');
        else
          context.print(
            formatTable(
              ['ID', 'VIDEO', 'NAME', 'CLASSES'],
              items.map((each) => [
                each.id,
                each.videoType ?? '-',
                each.name || '-',
                each.layoutClassList.join(' ') || '-',
              ]),
            ),
          );
      }),
    );
  stream
    .command('get')
    .description('show one stream: video type, name and layout classes')
    .argument('<sessionId>')
    .argument('<streamId>')
    .addHelpText('after', '\nExample:\n  $ opentok stream get "$SESSION_ID" "$STREAM_ID"')
    .action(
      action(async (context, sessionId: string, streamId: string) => {
        printStream(context, await (await context.openTok()).client.streams.get(sessionId, streamId));
      }),
    );
  stream
    .command('classes')
    .description("set a stream's layout classes (none clears them); composed archives and broadcasts place it by them")
    .argument('<sessionId>')
    .argument('<streamId>')
    .argument('[class...]', 'the layout classes, e.g. full focus')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok stream classes "$SESSION_ID" "$STREAM_ID" full focus\n  $ opentok stream classes "$SESSION_ID" "$STREAM_ID"',
    )
    .action(
      action(async (context, sessionId: string, streamId: string, classes: string[]) => {
        await (await context.openTok()).client.streams.setClassLists(sessionId, [
          { id: streamId, layoutClassList: classes },
        ]);
        if (context.json) context.printJson({ sessionId, streamId, layoutClassList: classes });
        else context.print(`${streamId} classes: ${classes.join(' ') || '(none)'}`);
      }),
    );
}

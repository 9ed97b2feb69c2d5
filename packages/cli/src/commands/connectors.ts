/**
 * Connectors that join a session as a client: `opentok sip dial|dtmf`, `opentok render
 * start|get|list|stop`, `opentok captions start|stop|get` and `opentok audio-connector
 * start|stop`. Each needs a token for the session; without `--token` one is minted from the
 * credentials (a moderator token; a publisher token for a render).
 * @module
 */

import { type Command, InvalidArgumentError as InvalidOptionError, Option } from 'commander';
import type { AudioRate, Render, RenderStatus, Resolution, Role } from 'opentok';
import { AUDIO_RATES, RENDER_STATUSES, RESOLUTIONS } from '../choices.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../failure.js';
import { formatDate, formatFields, formatTable } from '../format.js';
import { listItems } from '../list-items.js';
import { wholeNumber } from '../options.js';
import type { Action } from '../program.js';
import { canPrompt, promptHidden } from '../prompt.js';
import { collect } from './live.js';

/** `Name=value` → a header; repeatable. */
function header(text: string, previous: Record<string, string> | undefined): Record<string, string> {
  const equals = text.indexOf('=');
  if (equals < 1) throw new InvalidOptionError('use Name=value');
  return { ...previous, [text.slice(0, equals)]: text.slice(equals + 1) };
}

const TOKEN_HELP = 'a token for the session (else one is minted from the credentials)';

/** The `--token` given, or one minted for the session with the given role. */
async function tokenFor(context: CommandContext, sessionId: string, token: string | undefined, role: Role) {
  const opentok = await context.openTok();
  if (token !== undefined) {
    context.runtime.secrets.add(token);
    return { opentok, token };
  }
  return { opentok, token: opentok.generateToken(sessionId, { role }) };
}

/** Prints name/value lines, or the value as JSON. */
function printRecord(context: CommandContext, value: object, lines: Array<[string, unknown]>): void {
  if (context.json) context.printJson(value);
  else context.print(formatFields(lines, true));
}

function printRender(context: CommandContext, render: Render): void {
  printRecord(context, render, [
    ['id', render.id],
    ['status', render.status],
    ['sessionId', render.sessionId],
    ['url', render.url],
    ['resolution', render.resolution],
    ['created', `${formatDate(render.createdAt)} UTC`],
    ['name', render.name],
    ['streamId', render.streamId],
    ['reason', render.reason],
  ]);
}

/** Adds the connector commands. */
export function registerConnectors(program: Command, action: Action): void {
  registerSip(program, action);
  registerRender(program, action);
  registerCaptions(program, action);
  registerAudioConnector(program, action);
}

interface DialFlags {
  token?: string;
  from?: string;
  header?: Record<string, string>;
  username?: string;
  secure?: boolean;
  video?: boolean;
  observeForceMute?: boolean;
  stream?: string[];
}

function registerSip(program: Command, action: Action): void {
  const sip = program
    .command('sip')
    .description('dial a SIP endpoint into a session, and play DTMF tones')
    .addHelpText('after', '\nExample:\n  $ opentok sip dial "$SESSION_ID" sip:+15551234567@sip.example.com');

  sip
    .command('dial')
    .description('call a SIP URI and join the call to the session as a client')
    .argument('<sessionId>')
    .argument('<uri>', 'sip: or sips: URI to call')
    .option('--token <token>', TOKEN_HELP)
    .option('--from <from>', 'the caller: a number or user@host')
    .option('--header <name=value>', 'a custom SIP header, X- (repeatable)', header)
    .option('--username <name>', 'SIP username; the password comes from OPENTOK_SIP_PASSWORD, or is asked for')
    .option('--secure', 'encrypt the media (SRTP)')
    .option('--video', 'send video as well as audio')
    .option('--observe-force-mute', 'let "opentok mute --all" mute the call')
    .option('--stream <streamId>', 'send only this stream to the call (repeatable)', collect)
    .addHelpText(
      'after',
      `
Examples:
  $ opentok sip dial "$SESSION_ID" sip:+15551234567@sip.example.com --from 15557654321
  $ OPENTOK_SIP_PASSWORD=… opentok sip dial "$SESSION_ID" sips:desk@pbx.example.com --username desk --secure --json
The call's connection ID hangs it up: opentok disconnect "$SESSION_ID" "$CONNECTION_ID".`,
    )
    .action(
      action(async (context, sessionId: string, uri: string, flags: DialFlags) => {
        let auth: { username: string; password: string } | undefined;
        if (flags.username !== undefined) {
          let password = context.environment.OPENTOK_SIP_PASSWORD;
          if (password === undefined) {
            if (!canPrompt()) {
              throw usageError(
                `no SIP password for ${flags.username}: set OPENTOK_SIP_PASSWORD, or run in a terminal to be asked`,
              );
            }
            password = await promptHidden(`SIP password for ${flags.username}: `);
          }
          if (password) context.runtime.secrets.add(password);
          auth = { username: flags.username, password };
        }
        const { opentok, token } = await tokenFor(context, sessionId, flags.token, 'moderator');
        const call = await opentok.client.sip.dial(sessionId, token, {
          uri,
          from: flags.from,
          headers: flags.header,
          auth,
          secure: flags.secure,
          video: flags.video,
          observeForceMute: flags.observeForceMute,
          streams: flags.stream,
        });
        printRecord(context, call, [
          ['id', call.id],
          ['connectionId', call.connectionId],
          ['streamId', call.streamId],
        ]);
      }),
    );

  sip
    .command('dtmf')
    .description('play DTMF digits to every SIP call of a session, or to one connection')
    .argument('<sessionId>')
    .argument('<digits>', '0-9, *, # and p (a pause)')
    .option('--connection <connectionId>', 'play to this connection only')
    .addHelpText(
      'after',
      `
Examples:
  $ opentok sip dtmf "$SESSION_ID" '1234#'
  $ opentok sip dtmf "$SESSION_ID" 'p1p2' --connection "$CONNECTION_ID"`,
    )
    .action(
      action(async (context, sessionId: string, digits: string, flags: { connection?: string }) => {
        await (await context.openTok()).client.sip.playDtmf(sessionId, digits, { connectionId: flags.connection });
        if (context.json)
          context.printJson({ sessionId, connectionId: flags.connection ?? null, digits, played: true });
        else
          context.print(
            `${digits} played to ${flags.connection ? `connection ${flags.connection}` : `session ${sessionId}`}`,
          );
      }),
    );
}

function registerRender(program: Command, action: Action): void {
  const render = program
    .command('render')
    .description('publish a web page into a session as a stream (Experience Composer)')
    .addHelpText('after', '\nExample:\n  $ opentok render start "$SESSION_ID" https://example.com/overlay');

  render
    .command('start')
    .description('start rendering a page into the session; prints the render ID')
    .argument('<sessionId>')
    .argument('<url>', 'the http(s) page to render')
    .option('--token <token>', TOKEN_HELP)
    .addOption(new Option('--resolution <size>', 'the video size').choices(RESOLUTIONS))
    .option('--max-duration <seconds>', 'stop after this long (60 to 36000)', wholeNumber(60, 36_000))
    .option('--name <name>', 'the name of the published stream')
    .option('--status-callback-url <url>', 'where the service posts status changes')
    .addHelpText(
      'after',
      `
Examples:
  $ RENDER_ID=$(opentok render start "$SESSION_ID" https://example.com/overlay --resolution 1280x720)
  $ opentok render start "$SESSION_ID" https://example.com/scoreboard --name scoreboard --json`,
    )
    .action(
      action(
        async (
          context,
          sessionId: string,
          url: string,
          flags: {
            token?: string;
            resolution?: Resolution;
            maxDuration?: number;
            name?: string;
            statusCallbackUrl?: string;
          },
        ) => {
          const { opentok, token } = await tokenFor(context, sessionId, flags.token, 'publisher');
          const started = await opentok.client.renders.start({
            sessionId,
            token,
            url,
            resolution: flags.resolution,
            maxDuration: flags.maxDuration,
            properties: flags.name === undefined ? undefined : { name: flags.name },
            statusCallbackUrl: flags.statusCallbackUrl,
          });
          if (context.json) context.printJson(started);
          else context.print(started.id);
        },
      ),
    );

  render
    .command('get')
    .description('show one render')
    .argument('<renderId>')
    .addHelpText('after', '\nExample:\n  $ opentok render get "$RENDER_ID"')
    .action(
      action(async (context, renderId: string) => {
        printRender(context, await (await context.openTok()).client.renders.get(renderId));
      }),
    );

  render
    .command('list')
    .description('list renders as a table (one JSON document per line with --json)')
    .addOption(new Option('--status <status>', 'only renders with this status').choices(RENDER_STATUSES))
    .option('--all', 'every render, page after page (else one page)')
    .option('--count <n>', 'renders per page', wholeNumber(1, 1000), 50)
    .option('--offset <n>', 'renders to skip (without --all)', wholeNumber(0, 1e9), 0)
    .addHelpText('after', '\nExamples:\n  $ opentok render list --status started\n  $ opentok render list --all --json')
    .action(
      action(async (context, flags: { status?: RenderStatus; all?: boolean; count: number; offset: number }) => {
        const { client } = await context.openTok();
        const { items: renders, total } = await listItems(client.renders, {}, flags);
        const shown = flags.status ? renders.filter(({ status }) => status === flags.status) : renders;
        if (context.json) for (const each of shown) context.printJson(each);
        else if (shown.length === 0) context.note('no renders');
        else
          context.print(
            formatTable(
              ['ID', 'STATUS', 'SESSION', 'CREATED', 'URL'],
              shown.map((each) => [each.id, each.status, each.sessionId, formatDate(each.createdAt), each.url]),
            ),
          );
        if (!context.json && total !== undefined && total > flags.offset + renders.length) {
          context.note(`${renders.length} of ${total} renders listed; --all lists every one`);
        }
      }),
    );

  render
    .command('stop')
    .description('stop a render')
    .argument('<renderId>')
    .addHelpText('after', '\nExample:\n  $ opentok render stop "$RENDER_ID"')
    .action(
      action(async (context, renderId: string) => {
        await (await context.openTok()).client.renders.stop(renderId);
        if (context.json) context.printJson({ id: renderId, stopped: true });
        else context.print(`${renderId} stopped`);
      }),
    );
}

function registerCaptions(program: Command, action: Action): void {
  const captions = program
    .command('captions')
    .description('live captions of a session (transcribed speech, shown by the clients)')
    .addHelpText('after', '\nExample:\n  $ opentok captions start "$SESSION_ID" --language en-US');

  captions
    .command('start')
    .description('start live captions of a routed session; prints the captions ID')
    .argument('<sessionId>')
    .option('--token <token>', TOKEN_HELP)
    .option('--language <code>', 'the spoken language, such as en-US')
    .option('--max-duration <seconds>', 'stop after this long (300 to 14400)', wholeNumber(300, 14_400))
    .option('--no-partial-captions', 'only final captions, not the partial ones while a sentence is spoken')
    .option('--status-callback-url <url>', 'where the service posts status changes')
    .addHelpText(
      'after',
      `
Examples:
  $ CAPTIONS_ID=$(opentok captions start "$SESSION_ID" --language en-US)
  $ opentok captions start "$SESSION_ID" --max-duration 1800 --no-partial-captions --json`,
    )
    .action(
      action(
        async (
          context,
          sessionId: string,
          flags: {
            token?: string;
            language?: string;
            maxDuration?: number;
            partialCaptions: boolean;
            statusCallbackUrl?: string;
          },
        ) => {
          const { opentok, token } = await tokenFor(context, sessionId, flags.token, 'moderator');
          const started = await opentok.client.captions.start(sessionId, token, {
            languageCode: flags.language,
            maxDuration: flags.maxDuration,
            partialCaptions: flags.partialCaptions ? undefined : false,
            statusCallbackUrl: flags.statusCallbackUrl,
          });
          if (context.json) context.printJson(started);
          else context.print(started.captionsId);
        },
      ),
    );

  captions
    .command('get')
    .description('show the status of live captions')
    .argument('<captionsId>')
    .addHelpText('after', '\nExample:\n  $ opentok captions get "$CAPTIONS_ID"')
    .action(
      action(async (context, captionsId: string) => {
        const found = await (await context.openTok()).client.captions.get(captionsId);
        printRecord(context, found, [
          ['id', found.captionsId],
          ['status', found.status],
          ['sessionId', found.sessionId],
          ['language', found.languageCode],
          ['created', `${formatDate(found.createdAt)} UTC`],
          ['duration', `${found.duration}s`],
          ['provider', found.provider],
          ['reason', found.reason],
        ]);
      }),
    );

  captions
    .command('stop')
    .description('stop live captions')
    .argument('<captionsId>')
    .addHelpText('after', '\nExample:\n  $ opentok captions stop "$CAPTIONS_ID"')
    .action(
      action(async (context, captionsId: string) => {
        await (await context.openTok()).client.captions.stop(captionsId);
        if (context.json) context.printJson({ captionsId, stopped: true });
        else context.print(`${captionsId} stopped`);
      }),
    );
}

function registerAudioConnector(program: Command, action: Action): void {
  const connector = program
    .command('audio-connector')
    .description("send a session's audio to a WebSocket server (and back, with --bidirectional)")
    .addHelpText('after', '\nExample:\n  $ opentok audio-connector start "$SESSION_ID" wss://example.com/audio');

  connector
    .command('start')
    .description('connect the session to a WebSocket server; prints the connector ID')
    .argument('<sessionId>')
    .argument('<uri>', 'ws: or wss: URI of the server')
    .option('--token <token>', TOKEN_HELP)
    .option('--stream <streamId>', 'send only this stream (repeatable; else every stream)', collect)
    .option('--header <name=value>', 'a header sent with the WebSocket handshake (repeatable)', header)
    .addOption(new Option('--audio-rate <hertz>', 'the sample rate').choices(AUDIO_RATES))
    .option('--bidirectional', 'audio from the server is published into the session')
    .addHelpText(
      'after',
      `
Examples:
  $ CONNECTOR_ID=$(opentok audio-connector start "$SESSION_ID" wss://example.com/audio --audio-rate 16000)
  $ opentok audio-connector start "$SESSION_ID" wss://example.com/bot --stream "$STREAM_ID" --bidirectional --json`,
    )
    .action(
      action(
        async (
          context,
          sessionId: string,
          uri: string,
          flags: {
            token?: string;
            stream?: string[];
            header?: Record<string, string>;
            audioRate?: (typeof AUDIO_RATES)[number];
            bidirectional?: boolean;
          },
        ) => {
          const { opentok, token } = await tokenFor(context, sessionId, flags.token, 'moderator');
          const started = await opentok.client.audioConnector.start(sessionId, token, {
            uri,
            streams: flags.stream,
            headers: flags.header,
            audioRate: flags.audioRate === undefined ? undefined : (Number(flags.audioRate) as AudioRate),
            bidirectional: flags.bidirectional,
          });
          if (context.json) context.printJson(started);
          else context.print(started.id);
        },
      ),
    );

  connector
    .command('stop')
    .description('disconnect an Audio Connector')
    .argument('<connectorId>')
    .addHelpText('after', '\nExample:\n  $ opentok audio-connector stop "$CONNECTOR_ID"')
    .action(
      action(async (context, connectorId: string) => {
        await (await context.openTok()).client.audioConnector.stop(connectorId);
        if (context.json) context.printJson({ id: connectorId, stopped: true });
        else context.print(`${connectorId} stopped`);
      }),
    );
}

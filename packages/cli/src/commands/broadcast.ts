/**
 * `opentok broadcast list|get|start|stop|layout`: live streams (HLS and RTMP) of a session.
 * @module
 */

import { type Command, InvalidArgumentError as InvalidOptionError, Option } from 'commander';
import type {
  Broadcast,
  BroadcastStatus,
  LayoutType,
  Resolution,
  RtmpOutput,
  ScreenshareLayoutType,
  StreamMode,
} from 'opentok';
import { BROADCAST_STATUSES, LAYOUT_TYPES, RESOLUTIONS, SCREENSHARE_LAYOUT_TYPES, STREAM_MODES } from '../choices.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../failure.js';
import { formatDate, formatFields, formatTable } from '../format.js';
import { listItems } from '../list-items.js';
import { wholeNumber } from '../options.js';
import type { Action } from '../program.js';

/** `rtmp://host/app/streamName` → the server URL and the stream name (the last path segment). */
function rtmpTarget(text: string, previous: RtmpOutput[] | undefined): RtmpOutput[] {
  const match = /^(rtmps?:\/\/[^/\s]+\/\S*?)\/([^/\s]+)$/.exec(text);
  if (!match) throw new InvalidOptionError('use rtmp://host/application/streamName (or rtmps://)');
  return [...(previous ?? []), { serverUrl: match[1]!, streamName: match[2]! }];
}

function outputsOf(broadcast: Broadcast): string {
  const urls = broadcast.broadcastUrls;
  if (!urls) return '-';
  const outputs = urls.hls ? [`hls${urls.hlsStatus ? `:${urls.hlsStatus}` : ''}`] : [];
  for (const target of urls.rtmp) outputs.push(`rtmp${target.status ? `:${target.status}` : ''}`);
  return outputs.join(',') || '-';
}

function printBroadcast(context: CommandContext, broadcast: Broadcast): void {
  if (context.json) {
    context.printJson(broadcast);
    return;
  }
  const lines: Array<[string, unknown]> = [
    ['id', broadcast.id],
    ['status', broadcast.status],
    ['sessionId', broadcast.sessionId],
    ['created', `${formatDate(broadcast.createdAt)} UTC`],
    ['resolution', broadcast.resolution],
    ['streamMode', broadcast.streamMode],
    ['hasAudio', broadcast.hasAudio],
    ['hasVideo', broadcast.hasVideo],
  ];
  if (broadcast.maxDuration !== undefined) lines.push(['maxDuration', `${broadcast.maxDuration}s`]);
  if (broadcast.multiBroadcastTag) lines.push(['tag', broadcast.multiBroadcastTag]);
  const urls = broadcast.broadcastUrls;
  if (urls?.hls) lines.push(['hls', `${urls.hls}${urls.hlsStatus ? ` (${urls.hlsStatus})` : ''}`]);
  for (const target of urls?.rtmp ?? []) {
    lines.push(['rtmp', `${target.serverUrl}/${target.streamName}${target.status ? ` (${target.status})` : ''}`]);
  }
  context.print(formatFields(lines));
}

interface StartFlags {
  hls?: boolean;
  dvr?: boolean;
  lowLatency?: boolean;
  rtmp?: RtmpOutput[];
  resolution?: Resolution;
  layout?: LayoutType;
  stylesheet?: string;
  maxDuration?: number;
  maxBitrate?: number;
  streamMode?: StreamMode;
  multiBroadcastTag?: string;
  audio: boolean;
  video: boolean;
}

/** Adds the broadcast commands. */
export function registerBroadcast(program: Command, action: Action): void {
  const broadcast = program
    .command('broadcast')
    .description('live-stream sessions over HLS and RTMP')
    .addHelpText('after', '\nExamples:\n  $ opentok broadcast start "$SESSION_ID" --hls\n  $ opentok broadcast list');

  broadcast
    .command('list')
    .description('list broadcasts, newest first, as a table (one JSON document per line with --json)')
    .option('--session <sessionId>', 'only the broadcasts of this session')
    .addOption(new Option('--status <status>', 'only broadcasts with this status').choices(BROADCAST_STATUSES))
    .option('--all', 'every broadcast, page after page (else one page)')
    .option('--count <n>', 'broadcasts per page', wholeNumber(1, 1000), 50)
    .option('--offset <n>', 'broadcasts to skip (without --all)', wholeNumber(0, 1e9), 0)
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok broadcast list --status started\n  $ opentok broadcast list --all --json',
    )
    .action(
      action(
        async (
          context,
          flags: { session?: string; status?: BroadcastStatus; all?: boolean; count: number; offset: number },
        ) => {
          const { client } = await context.openTok();
          const { items: broadcasts, total } = await listItems(client.broadcasts, { sessionId: flags.session }, flags);
          const shown = flags.status ? broadcasts.filter(({ status }) => status === flags.status) : broadcasts;
          if (context.json) {
            for (const each of shown) context.printJson(each);
          } else if (shown.length === 0) {
            context.note('no broadcasts');
          } else {
            context.print(
              formatTable(
                ['ID', 'STATUS', 'RESOLUTION', 'OUTPUTS', 'CREATED'],
                shown.map((each) => [
                  each.id,
                  each.status,
                  String(each.resolution),
                  outputsOf(each),
                  formatDate(each.createdAt),
                ]),
              ),
            );
          }
          if (!context.json && total !== undefined && total > flags.offset + broadcasts.length) {
            context.note(`${broadcasts.length} of ${total} broadcasts listed; --all lists every one`);
          }
        },
      ),
    );

  broadcast
    .command('get')
    .description('show one broadcast, with its HLS and RTMP addresses')
    .argument('<broadcastId>')
    .addHelpText('after', '\nExample:\n  $ opentok broadcast get "$BROADCAST_ID"')
    .action(
      action(async (context, broadcastId: string) => {
        printBroadcast(context, await (await context.openTok()).client.broadcasts.get(broadcastId));
      }),
    );

  broadcast
    .command('start')
    .description('start live-streaming a session (routed, with a client connected); prints the broadcast ID')
    .argument('<sessionId>')
    .option('--hls', 'an HLS output (the default when no --rtmp is given)')
    .option('--dvr', 'HLS with replay (DVR)')
    .option('--low-latency', 'low-latency HLS')
    .option('--rtmp <url>', 'an RTMP target, rtmp://host/application/streamName (repeatable, up to 5)', rtmpTarget)
    .addOption(new Option('--resolution <size>', 'the video size').choices(RESOLUTIONS))
    .addOption(new Option('--layout <type>', 'the layout').choices(LAYOUT_TYPES))
    .option('--stylesheet <css>', 'CSS of a custom layout')
    .option('--max-duration <seconds>', 'stop after this long (60 to 36000)', wholeNumber(60, 36_000))
    .option('--max-bitrate <bps>', 'bits per second', wholeNumber(100_000, 6_000_000))
    .addOption(new Option('--stream-mode <mode>', 'every stream, or only those added').choices(STREAM_MODES))
    .option('--multi-broadcast-tag <tag>', 'lets several broadcasts of one session run at once')
    .option('--no-audio', 'no audio')
    .option('--no-video', 'no video')
    .addHelpText(
      'after',
      `
Examples:
  $ BROADCAST_ID=$(opentok broadcast start "$SESSION_ID" --hls --low-latency)
  $ opentok broadcast start "$SESSION_ID" --rtmp rtmp://live.example.com/app/stream-key --json`,
    )
    .action(
      action(async (context, sessionId: string, flags: StartFlags) => {
        const wantsHls = flags.hls || flags.dvr || flags.lowLatency || !flags.rtmp;
        if (flags.dvr && flags.lowLatency) throw usageError('--dvr and --low-latency exclude each other');
        const { client } = await context.openTok();
        const started = await client.broadcasts.start(sessionId, {
          outputs: {
            hls: wantsHls ? { dvr: flags.dvr, lowLatency: flags.lowLatency } : undefined,
            rtmp: flags.rtmp,
          },
          layout: flags.layout ? { type: flags.layout, stylesheet: flags.stylesheet } : undefined,
          resolution: flags.resolution,
          maxDuration: flags.maxDuration,
          maxBitrate: flags.maxBitrate,
          streamMode: flags.streamMode,
          multiBroadcastTag: flags.multiBroadcastTag,
          hasAudio: flags.audio,
          hasVideo: flags.video,
        });
        if (context.json) context.printJson(started);
        else context.print(started.id);
      }),
    );

  broadcast
    .command('stop')
    .description('stop a broadcast')
    .argument('<broadcastId>')
    .addHelpText('after', '\nExample:\n  $ opentok broadcast stop "$BROADCAST_ID"')
    .action(
      action(async (context, broadcastId: string) => {
        const stopped = await (await context.openTok()).client.broadcasts.stop(broadcastId);
        if (context.json) context.printJson(stopped);
        else context.print(`${stopped.id} ${stopped.status}`);
      }),
    );

  broadcast
    .command('layout')
    .description('change the layout of a running broadcast')
    .argument('<broadcastId>')
    .addOption(new Option('--type <type>', 'the layout').choices(LAYOUT_TYPES).makeOptionMandatory())
    .option('--stylesheet <css>', 'CSS of a custom layout')
    .addOption(
      new Option('--screenshare-type <type>', 'layout while a screen is shared (with bestFit)').choices(
        SCREENSHARE_LAYOUT_TYPES,
      ),
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ opentok broadcast layout "$BROADCAST_ID" --type bestFit --screenshare-type pip',
    )
    .action(
      action(
        async (
          context,
          broadcastId: string,
          flags: { type: LayoutType; stylesheet?: string; screenshareType?: ScreenshareLayoutType },
        ) => {
          const layout = { type: flags.type, stylesheet: flags.stylesheet, screenshareType: flags.screenshareType };
          await (await context.openTok()).client.broadcasts.setLayout(broadcastId, layout);
          if (context.json) context.printJson({ id: broadcastId, layout });
          else context.print(`${broadcastId} layout ${flags.type}`);
        },
      ),
    );
}

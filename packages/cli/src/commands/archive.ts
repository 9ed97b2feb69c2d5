/**
 * `opentok archive list|get|start|stop|delete|layout|download`.
 * @module
 */

import { type Command, Option } from 'commander';
import type { Archive, ArchiveStatus, LayoutType, StartArchiveOptions } from 'opentok';
import {
  LAYOUT_TYPES as LAYOUTS,
  OUTPUT_MODES,
  RESOLUTIONS,
  SCREENSHARE_LAYOUT_TYPES,
  ARCHIVE_STATUSES as STATUSES,
  STREAM_MODES,
} from '../choices.js';
import type { CommandContext } from '../context.js';
import { type DownloadItem, downloadFiles } from '../download.js';
import { CliError, usageError } from '../failure.js';
import { formatBytes, formatDate, formatDuration, formatFields, formatTable } from '../format.js';
import { listItems } from '../list-items.js';
import { wholeNumber } from '../options.js';
import { checkPlainId } from '../plain-id.js';
import type { Action } from '../program.js';

/** Prints archives as a table, or one JSON document per line. */
function printArchives(context: CommandContext, archives: readonly Archive[]): void {
  if (context.json) {
    for (const archive of archives) context.printJson(archive);
    return;
  }
  if (archives.length === 0) {
    context.note('no archives');
    return;
  }
  context.print(
    formatTable(
      ['ID', 'STATUS', 'NAME', 'DURATION', 'SIZE', 'CREATED'],
      archives.map((archive) => [
        archive.id,
        archive.status,
        archive.name ?? '-',
        formatDuration(archive.duration),
        formatBytes(archive.size),
        formatDate(archive.createdAt),
      ]),
    ),
  );
}

/** Prints one archive as `name value` lines, or as JSON. */
function printArchive(context: CommandContext, archive: Archive): void {
  if (context.json) {
    context.printJson(archive);
    return;
  }
  const lines: Array<[string, unknown]> = [
    ['id', archive.id],
    ['status', archive.status],
    ['name', archive.name ?? '-'],
    ['sessionId', archive.sessionId],
    ['created', `${formatDate(archive.createdAt)} UTC`],
    ['duration', formatDuration(archive.duration)],
    ['size', formatBytes(archive.size)],
    ['outputMode', archive.outputMode],
    ['hasAudio', archive.hasAudio],
    ['hasVideo', archive.hasVideo],
  ];
  if (archive.resolution) lines.push(['resolution', archive.resolution]);
  if (archive.streamMode) lines.push(['streamMode', archive.streamMode]);
  if (archive.reason) lines.push(['reason', archive.reason]);
  if (archive.url) lines.push(['url', archive.url]);
  context.print(formatFields(lines));
}

interface ListFlags {
  session?: string;
  status?: ArchiveStatus;
  all?: boolean;
  count: number;
  offset: number;
}

interface StartFlags {
  name?: string;
  outputMode?: 'composed' | 'individual';
  resolution?: StartArchiveOptions['resolution'];
  layout?: LayoutType;
  stylesheet?: string;
  streamMode?: 'auto' | 'manual';
  multiArchiveTag?: string;
  audio: boolean;
  video: boolean;
  maxBitrate?: number;
  quantization?: number;
}

interface DownloadFlags {
  session?: string;
  all?: boolean;
  out: string;
  force?: boolean;
  skipExisting?: boolean;
  parallel: number;
}

/** Adds the archive commands. */
export function registerArchive(program: Command, action: Action): void {
  const archive = program
    .command('archive')
    .description('record sessions, find recordings and download them')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok archive list --all\n  $ opentok archive download --session "$SESSION_ID" --all --out recordings/',
    );

  archive
    .command('list')
    .description('list archives, newest first, as a table (one JSON document per line with --json)')
    .option('--session <sessionId>', 'only the archives of this session')
    .addOption(new Option('--status <status>', 'only archives with this status').choices(STATUSES))
    .option('--all', 'every archive, page after page (else one page)')
    .option('--count <n>', 'archives per page', wholeNumber(1, 1000), 50)
    .option('--offset <n>', 'archives to skip (without --all)', wholeNumber(0, 1e9), 0)
    .addHelpText(
      'after',
      `
Examples:
  $ opentok archive list
  $ opentok archive list --session "$SESSION_ID" --status available --all
  $ opentok archive list --all --json | jq -r .id`,
    )
    .action(
      action(async (context, flags: ListFlags) => {
        const opentok = await context.openTok();
        const { items: archives, total } = await listItems(opentok.archives, { sessionId: flags.session }, flags);
        const shown = flags.status ? archives.filter(({ status }) => status === flags.status) : archives;
        printArchives(context, shown);
        if (!context.json && total !== undefined && total > flags.offset + archives.length) {
          context.note(`${archives.length} of ${total} archives listed; --all lists every one`);
        }
      }),
    );

  archive
    .command('get')
    .description('show one archive')
    .argument('<archiveId>')
    .addHelpText('after', '\nExample:\n  $ opentok archive get "$ARCHIVE_ID" --json')
    .action(
      action(async (context, archiveId: string) => {
        printArchive(context, await (await context.openTok()).archives.get(archiveId));
      }),
    );

  archive
    .command('start')
    .description('start recording a session (routed, with a client connected); prints the archive ID')
    .argument('<sessionId>')
    .option('--name <name>', 'a name to find the archive by')
    .addOption(new Option('--output-mode <mode>', 'one mixed file, or one per stream').choices(OUTPUT_MODES))
    .addOption(new Option('--resolution <size>', 'composed archives only').choices(RESOLUTIONS))
    .addOption(new Option('--layout <type>', 'layout of a composed archive').choices(LAYOUTS))
    .option('--stylesheet <css>', 'CSS of a custom layout')
    .addOption(new Option('--stream-mode <mode>', 'record every stream, or only those added').choices(STREAM_MODES))
    .option('--multi-archive-tag <tag>', 'lets several archives of one session run at once')
    .option('--no-audio', 'record no audio')
    .option('--no-video', 'record no video')
    .option('--max-bitrate <bps>', 'bits per second', wholeNumber(100_000, 6_000_000))
    .option('--quantization <qp>', 'video quality from 15 (best) to 40', wholeNumber(15, 40))
    .addHelpText(
      'after',
      `
Examples:
  $ ARCHIVE_ID=$(opentok archive start "$SESSION_ID" --name lesson-1)
  $ opentok archive start "$SESSION_ID" --resolution 1280x720 --layout bestFit --json`,
    )
    .action(
      action(async (context, sessionId: string, flags: StartFlags) => {
        const opentok = await context.openTok();
        const started = await opentok.archives.start(sessionId, {
          name: flags.name,
          outputMode: flags.outputMode,
          resolution: flags.resolution,
          layout: flags.layout ? { type: flags.layout, stylesheet: flags.stylesheet } : undefined,
          streamMode: flags.streamMode,
          multiArchiveTag: flags.multiArchiveTag,
          hasAudio: flags.audio,
          hasVideo: flags.video,
          maxBitrate: flags.maxBitrate,
          quantizationParameter: flags.quantization,
        });
        if (context.json) context.printJson(started);
        else context.print(started.id);
      }),
    );

  archive
    .command('stop')
    .description('stop a recording')
    .argument('<archiveId>')
    .addHelpText('after', '\nExample:\n  $ opentok archive stop "$ARCHIVE_ID"')
    .action(
      action(async (context, archiveId: string) => {
        const stopped = await (await context.openTok()).archives.stop(archiveId);
        if (context.json) context.printJson(stopped);
        else context.print(`${stopped.id} ${stopped.status}`);
      }),
    );

  archive
    .command('delete')
    .description("delete an archive's files")
    .argument('<archiveId>')
    .addHelpText('after', '\nExample:\n  $ opentok archive delete "$ARCHIVE_ID"')
    .action(
      action(async (context, archiveId: string) => {
        await (await context.openTok()).archives.delete(archiveId);
        if (context.json) context.printJson({ id: archiveId, deleted: true });
        else context.print(`${archiveId} deleted`);
      }),
    );

  archive
    .command('layout')
    .description('change the layout of a composed archive while it records')
    .argument('<archiveId>')
    .addOption(new Option('--type <type>', 'the layout').choices(LAYOUTS).makeOptionMandatory())
    .option('--stylesheet <css>', 'CSS of a custom layout')
    .addOption(
      new Option('--screenshare-type <type>', 'layout while a screen is shared (with bestFit)').choices(
        SCREENSHARE_LAYOUT_TYPES,
      ),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ opentok archive layout "$ARCHIVE_ID" --type bestFit --screenshare-type pip
  $ opentok archive layout "$ARCHIVE_ID" --type custom --stylesheet 'stream { width: 50%; }'`,
    )
    .action(
      action(
        async (
          context,
          archiveId: string,
          flags: { type: LayoutType; stylesheet?: string; screenshareType?: Exclude<LayoutType, 'custom'> },
        ) => {
          const layout = { type: flags.type, stylesheet: flags.stylesheet, screenshareType: flags.screenshareType };
          await (await context.openTok()).archives.setLayout(archiveId, layout);
          if (context.json) context.printJson({ id: archiveId, layout });
          else context.print(`${archiveId} layout ${flags.type}`);
        },
      ),
    );

  archive
    .command('download')
    .description('download archives with a progress bar per file (one line per file when not on a terminal)')
    .argument('[archiveIds...]', 'the archives to download')
    .option('--session <sessionId>', 'with --all: the archives of this session')
    .option('--all', 'every available archive (of --session, else of the project)')
    .option('--out <dir>', 'the folder to write into', '.')
    .option('--force', 'overwrite files that exist')
    .option('--skip-existing', 'skip archives whose file exists (and say so)')
    .option('--parallel <n>', 'downloads at once', wholeNumber(1, 8), 2)
    .addHelpText(
      'after',
      `
Files are named <archiveId>.mp4 (.zip for individual archives). Each is written under a
temporary name and renamed when complete: a failure or Ctrl-C leaves no partial file.

Examples:
  $ opentok archive download "$ARCHIVE_ID"
  $ opentok archive download --session "$SESSION_ID" --all --out recordings/`,
    )
    .action(
      action(async (context, archiveIds: string[], flags: DownloadFlags) => {
        if (archiveIds.length > 0 && flags.all) throw usageError('give archive IDs or --all, not both');
        if (archiveIds.length === 0 && !flags.all) throw usageError('give archive IDs, or --all (with --session)');
        if (flags.session && !flags.all) throw usageError('--session needs --all');
        if (flags.force && flags.skipExisting) throw usageError('--force and --skip-existing exclude each other');
        const opentok = await context.openTok();
        // Files are named after the ID the user typed, or else a plain ID (a UUID) the server gave.
        const fileOf = (id: string, archive: Archive) => ({
          id,
          url: archive.url as string,
          file: `${id}.${archive.outputMode === 'individual' ? 'zip' : 'mp4'}`,
        });
        const items: DownloadItem[] = [];
        if (flags.all) {
          for await (const each of opentok.archives.all({ sessionId: flags.session })) {
            if (each.status === 'available' && each.url) items.push(fileOf(checkPlainId(each.id, 'archive ID'), each));
          }
          if (items.length === 0) context.note('no available archives');
        } else {
          for (const id of archiveIds) {
            const each = await opentok.archives.get(id);
            if (!each.url) throw new CliError(`archive ${id} cannot be downloaded: its status is ${each.status}`);
            items.push(fileOf(id, each));
          }
        }
        await downloadFiles(context, items, flags);
      }),
    );
}

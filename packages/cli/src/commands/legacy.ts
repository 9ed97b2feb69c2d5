/**
 * `opentok legacy manifest|download`: the archives of the original OpenTok 1.0 API.
 * @module
 */
import type { Command } from 'commander';
import { downloadFiles } from '../download.js';
import { formatDuration, formatTable } from '../format.js';
import { wholeNumber } from '../options.js';
import { checkPlainId } from '../plain-id.js';
import type { Action } from '../program.js';

interface LegacyFlags {
  session?: string;
}

interface LegacyDownloadFlags extends LegacyFlags {
  video?: string[];
  out: string;
  force?: boolean;
  skipExisting?: boolean;
  parallel: number;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds the legacy archive commands. */
export function registerLegacy(program: Command, action: Action): void {
  const legacy = program
    .command('legacy')
    .description('archives of the original OpenTok 1.0 API')
    .addHelpText('after', '\nExample:\n  $ opentok legacy download "$ARCHIVE_ID" --out legacy/');

  legacy
    .command('manifest')
    .description("show a 1.0 archive's videos and timeline")
    .argument('<archiveId>')
    .option('--session <sessionId>', 'the archived session (signs the moderator token for it)')
    .addHelpText('after', '\nExample:\n  $ opentok legacy manifest "$ARCHIVE_ID" --json')
    .action(
      action(async (context, archiveId: string, flags: LegacyFlags) => {
        const opentok = await context.openTok();
        const manifest = await opentok.getArchiveManifest(archiveId, { sessionId: flags.session });
        if (context.json) {
          context.printJson(manifest);
          return;
        }
        context.print(`${manifest.archiveId}  ${manifest.title || '(untitled)'}`);
        context.print(
          formatTable(
            ['VIDEO', 'NAME', 'LENGTH', 'STARTS'],
            manifest.resources.map((video) => {
              const start = manifest.timeline.find((event) => event.id === video.id);
              return [
                video.id,
                video.name || '-',
                formatDuration(video.length / 1000),
                start ? formatDuration(start.offset / 1000) : '-',
              ];
            }),
          ),
        );
      }),
    );

  legacy
    .command('download')
    .description("download a 1.0 archive's videos (FLV), with a progress bar per file")
    .argument('<archiveId>')
    .option('--video <videoId>', 'only this video (repeatable); else every one', collect)
    .option('--session <sessionId>', 'the archived session (signs the moderator token for it)')
    .option('--out <dir>', 'the folder to write into', '.')
    .option('--force', 'overwrite files that exist')
    .option('--skip-existing', 'skip videos whose file exists (and say so)')
    .option('--parallel <n>', 'downloads at once', wholeNumber(1, 8), 2)
    .addHelpText(
      'after',
      `
Files are named <archiveId>-<videoId>.flv.

Example:
  $ opentok legacy download "$ARCHIVE_ID" --out legacy/`,
    )
    .action(
      action(async (context, archiveId: string, flags: LegacyDownloadFlags) => {
        const opentok = await context.openTok();
        const options = { sessionId: flags.session };
        // Typed video IDs are the user's; those of the manifest must be plain IDs to name files.
        const videos =
          flags.video ??
          (await opentok.getArchiveManifest(archiveId, options)).resources.map(({ id }) =>
            checkPlainId(id, 'video ID'),
          );
        const items = [];
        for (const videoId of videos) {
          const url = await opentok.getArchiveDownloadUrl(archiveId, videoId, options);
          items.push({ id: videoId, url, file: `${archiveId}-${videoId}.flv` });
        }
        await downloadFiles(context, items, flags);
      }),
    );
}

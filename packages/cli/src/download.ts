/**
 * Downloads files through `downloadArchive` of `opentok/node`, a few at once, showing a
 * progress bar per file on a terminal, one line per finished file otherwise, or one JSON
 * document per file with `--json`. Ctrl-C aborts every download; `downloadArchive` writes
 * under a temporary name and removes it on failure, so nothing partial is left behind.
 * @module
 */
import { access, mkdir } from 'node:fs/promises';
import type { CommandContext } from './context.js';
import { CliError, describeFailure, EXIT } from './failure.js';
import { pathInside } from './path-inside.js';

/** One file to download. */
export interface DownloadItem {
  /** What the file is of (an archive ID). */
  id: string;
  url: string;
  /** The file name inside the output folder (refused when it resolves anywhere else). */
  file: string;
}

/** How to download. */
export interface DownloadSettings {
  /** The output folder, created when missing. */
  out: string;
  /** Overwrite files that exist. */
  force?: boolean | undefined;
  /** Skip items whose file exists. */
  skipExisting?: boolean | undefined;
  /** Downloads at once. */
  parallel: number;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Downloads every item into `settings.out`.
 * @throws {CliError} when a file name would resolve outside `settings.out` (before any file is
 * opened), when a file exists (without `force` or `skipExisting`), when any download
 * failed (after the others finished; each failure has its own line), or on Ctrl-C (exit 130).
 */
export async function downloadFiles(
  context: CommandContext,
  items: readonly DownloadItem[],
  settings: DownloadSettings,
): Promise<void> {
  // Loaded here, so that commands that download nothing do not pay for them.
  const [{ downloadArchive }, { createProgressView }] = await Promise.all([
    import('opentok/node'),
    import('./progress.js'),
  ]);
  // Every name is checked before the folder is made or any file opened.
  const placed = items.map((item) => ({ ...item, path: pathInside(settings.out, item.file) }));
  await mkdir(settings.out, { recursive: true });
  const queue: Array<DownloadItem & { path: string }> = [];
  for (const item of placed) {
    const { path } = item;
    if (!settings.force && (await exists(path))) {
      if (!settings.skipExisting) {
        throw new CliError(`${path} exists: --force overwrites it, --skip-existing skips it`);
      }
      if (context.json) context.printJson({ id: item.id, file: path, skipped: true });
      else context.note(`skipped ${path} (exists)`);
      continue;
    }
    queue.push(item);
  }
  context.runtime.handlesInterrupt = true;
  const view = createProgressView(context);
  let failed = 0;
  const worker = async () => {
    for (let item = queue.shift(); item && !context.signal.aborted; item = queue.shift()) {
      const bar = view.start(item.path);
      try {
        const result = await downloadArchive(item.url, item.path, {
          signal: context.signal,
          onProgress: (progress) => bar.update(progress),
        });
        bar.done(item.id, result);
      } catch (error) {
        if (context.signal.aborted) {
          bar.abort();
          return;
        }
        failed += 1;
        bar.fail(item.id, describeFailure(error, [...context.runtime.secrets]));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(settings.parallel, queue.length) }, worker));
  } finally {
    view.close();
  }
  if (context.signal.aborted) throw new CliError('interrupted: no partial file was left', EXIT.interrupted);
  if (failed > 0) throw new CliError(`${failed} of ${items.length} downloads failed`);
}

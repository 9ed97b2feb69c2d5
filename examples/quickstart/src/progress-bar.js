/**
 * A one-line progress bar for downloads: `[########----------------]  33%  96.0 KB / 288.0 KB`.
 * @module
 */

const UNITS = { B: 1, KB: 1024, MB: 1024 * 1024 };

/**
 * The unit a byte count reads best in: `B` below 1 KB, `KB` below 1 MB, else `MB`.
 * @param {number} bytes
 * @returns {'B' | 'KB' | 'MB'}
 */
export function unitFor(bytes) {
  if (bytes < UNITS.KB) return 'B';
  if (bytes < UNITS.MB) return 'KB';
  return 'MB';
}

/**
 * Formats a byte count for people: `512 B`, `96.0 KB`, `1.5 MB`. Give `unit` to write several
 * counts in one unit (a bar's received and total, the sizes of one screen).
 * @param {number} bytes
 * @param {'B' | 'KB' | 'MB'} [unit] default: the unit that suits `bytes`
 * @returns {string}
 * @example
 * formatBytes(1536) // '1.5 KB'
 * formatBytes(512, 'KB') // '0.5 KB'
 */
export function formatBytes(bytes, unit = unitFor(bytes)) {
  if (unit === 'B') return `${bytes} B`;
  return `${(bytes / UNITS[unit]).toFixed(1)} ${unit}`;
}

/**
 * Formats a duration for people: milliseconds below a second (`860 ms`), else seconds with
 * two decimals (`1.24 s`); never `0 s`.
 * @param {number} milliseconds
 * @returns {string}
 * @example
 * formatDuration(860) // '860 ms'
 * formatDuration(1240) // '1.24 s'
 */
export function formatDuration(milliseconds) {
  if (Math.round(milliseconds) < 1000) return `${Math.max(0, Math.round(milliseconds))} ms`;
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

/**
 * Renders one frame of the bar, both sizes in the total's unit. Without a known total it shows
 * the bytes received so far.
 * @param {{ receivedBytes: number, totalBytes?: number | undefined }} progress
 * @param {number} [width] the number of cells between the brackets
 * @returns {string}
 * @example
 * renderProgress({ receivedBytes: 50, totalBytes: 100 }, 10) // '[#####-----]  50%  50 B / 100 B'
 */
export function renderProgress({ receivedBytes, totalBytes }, width = 24) {
  if (!totalBytes) return `[${'?'.repeat(width)}]  ${formatBytes(receivedBytes)}`;
  const ratio = Math.min(1, Math.max(0, receivedBytes / totalBytes));
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const unit = unitFor(totalBytes);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${formatBytes(receivedBytes, unit)} / ${formatBytes(totalBytes, unit)}`;
}

/**
 * A progress callback that redraws the bar in place on a terminal, and prints only the
 * final frame elsewhere (CI logs, pipes).
 * @param {{ isTTY?: boolean, write(text: string): unknown }} stream usually `process.stdout`
 * @returns {{ update(progress: { receivedBytes: number, totalBytes?: number }): void, finish(): void }}
 * @example
 * const bar = createProgressBar(process.stdout)
 * await downloadArchive(url, file, { onProgress: bar.update })
 * bar.finish()
 */
export function createProgressBar(stream) {
  let last = '';
  return {
    update(progress) {
      last = renderProgress(progress);
      if (stream.isTTY) stream.write(`\r    ${last}`);
    },
    finish() {
      stream.write(stream.isTTY ? '\n' : `    ${last}\n`);
    },
  };
}

/**
 * A one-line progress bar for downloads: `[########----------------]  33%  96.0 KB / 288.0 KB`.
 * @module
 */

/**
 * Formats a byte count for people: `512 B`, `96.0 KB`, `1.5 MB`.
 * @param {number} bytes
 * @returns {string}
 * @example
 * formatBytes(1536) // '1.5 KB'
 */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Renders one frame of the bar. Without a known total it shows the bytes received so far.
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
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${formatBytes(receivedBytes)} / ${formatBytes(totalBytes)}`;
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

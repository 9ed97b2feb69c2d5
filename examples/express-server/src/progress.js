/**
 * The download progress lines of the callback route: one line each time a download passes a
 * quarter (0, 25, 50, 75, 100 %), saying the real percentage of the bytes received so far.
 * @module
 */

/**
 * Returns an `onProgress` callback for `downloadArchive` that logs `archive <id>: 21% (65359
 * of 307803 bytes)` once per quarter reached.
 * @param {string} archiveId
 * @param {(line: string) => void} log
 * @returns {(progress: { receivedBytes: number, totalBytes?: number }) => void}
 * @example
 * await downloadArchive(url, file, { onProgress: progressLogger(archive.id, console.log) })
 */
export function progressLogger(archiveId, log) {
  let reported = -1;
  return ({ receivedBytes, totalBytes }) => {
    if (!totalBytes) return;
    const quarter = Math.floor((receivedBytes / totalBytes) * 4);
    if (quarter <= reported) return;
    reported = quarter;
    const percent = Math.floor((receivedBytes / totalBytes) * 100);
    log(`archive ${archiveId}: ${percent}% (${receivedBytes} of ${totalBytes} bytes)`);
  };
}

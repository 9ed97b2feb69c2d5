/**
 * The last check before a download opens a file: its path, resolved, is a file directly in
 * the output folder, whatever the name was made of.
 * @module
 */
import { dirname, join, relative, resolve } from 'node:path';
import { escapeText } from './escape.js';
import { CliError } from './failure.js';

/**
 * `join(folder, file)` when it resolves to a file directly inside `folder`.
 * @throws {CliError} (exit 1) when it resolves anywhere else (`..`, an absolute name, a subfolder).
 * @example
 * pathInside('recordings', `${archiveId}.mp4`) // 'recordings/<archiveId>.mp4'
 */
export function pathInside(folder: string, file: string): string {
  const path = join(folder, file);
  const root = resolve(folder);
  const name = relative(root, resolve(root, file));
  if (name === '' || name === '..' || dirname(name) !== '.') {
    throw new CliError(
      `refusing to write "${escapeText(file)}": it is not a file name inside ${escapeText(folder)} (--out); nothing was downloaded`,
    );
  }
  return path;
}

/**
 * What a download shows: on a terminal, a live bar per file (bytes, rate, ETA) redrawn in
 * place by `log-update`, each replaced by a summary line when it ends; elsewhere one line
 * per file when it ends; with `--json`, one JSON document per file.
 * @module
 */
import { basename } from 'node:path';
import { createLogUpdate } from 'log-update';
import type { CommandContext } from './context.js';
import { escapeText } from './escape.js';
import type { FailureReport } from './failure.js';
import { formatBytes } from './format.js';

/** Bytes so far, and the total when the server said. */
export interface Progress {
  receivedBytes: number;
  totalBytes: number | undefined;
}

/** The display of one file. */
export interface ProgressBar {
  update(progress: Progress): void;
  done(id: string, progress: Progress): void;
  fail(id: string, failure: FailureReport): void;
  /** Ctrl-C: the bar goes away without a line. */
  abort(): void;
}

/** The display of all files of one command. */
export interface ProgressView {
  start(path: string): ProgressBar;
  close(): void;
}

const WIDTH = 24;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** Shortens `label` to `width` characters with an ellipsis in the middle. */
function shorten(label: string, width: number): string {
  if (label.length <= width) return label;
  if (width < 5) return label.slice(0, Math.max(0, width));
  const head = Math.ceil((width - 1) / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (width - 1 - head))}`;
}

/**
 * A bar's text: `file.mp4  [#####-----]  45%  1.2 MB/2.6 MB  850.0 KB/s  ETA 2s`, its label
 * shortened so that the line fits in `columns`.
 * @param rate bytes per second lately.
 */
export function formatBar(label: string, progress: Progress, rate: number, columns = 120): string {
  const { receivedBytes, totalBytes } = progress;
  const rateText = `${formatBytes(Math.round(rate))}/s`;
  if (totalBytes === undefined || totalBytes === 0) {
    const rest = `  ${formatBytes(receivedBytes)}  ${rateText}`;
    return `${shorten(label, columns - 1 - rest.length)}${rest}`;
  }
  const fraction = Math.min(1, receivedBytes / totalBytes);
  const filled = Math.round(fraction * WIDTH);
  const eta = rate > 0 ? (totalBytes - receivedBytes) / rate : Number.POSITIVE_INFINITY;
  const rest = [
    '',
    `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`,
    `${Math.floor(fraction * 100)}%`.padStart(4),
    `${formatBytes(receivedBytes)}/${formatBytes(totalBytes)}`,
    rateText,
    `ETA ${formatSeconds(eta)}`,
  ].join('  ');
  return `${shorten(label, columns - 1 - rest.length)}${rest}`;
}

/** Bytes per second over the last few seconds, from samples of the progress. */
export class RateMeter {
  readonly #samples: Array<{ seconds: number; bytes: number }> = [];
  readonly #window: number;

  constructor(windowSeconds = 3) {
    this.#window = windowSeconds;
  }

  /** Records the bytes received by `seconds` and returns the recent rate. */
  sample(seconds: number, bytes: number): number {
    this.#samples.push({ seconds, bytes });
    while (this.#samples.length > 2 && seconds - this.#samples[1]!.seconds >= this.#window) this.#samples.shift();
    const first = this.#samples[0]!;
    const span = seconds - first.seconds;
    return span > 0 ? (bytes - first.bytes) / span : 0;
  }
}

/** A finished file's line: `file  312.4 KB in 0.4s (780.0 KB/s)`. */
export function formatDone(path: string, progress: Progress, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? progress.receivedBytes / elapsedSeconds : progress.receivedBytes;
  return `${path}  ${formatBytes(progress.receivedBytes)} in ${elapsedSeconds.toFixed(1)}s (${formatBytes(Math.round(rate))}/s)`;
}

/** Picks the display for the context: JSON, a terminal, or plain lines. */
export function createProgressView(context: CommandContext): ProgressView {
  if (context.json) return lineView(context, true);
  if (context.interactive) return terminalView(context);
  return lineView(context, false);
}

function lineView(context: CommandContext, json: boolean): ProgressView {
  return {
    start(path) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      return {
        update() {},
        done(id, progress) {
          if (json) {
            context.printJson({ id, file: path, bytes: progress.receivedBytes, seconds: +seconds().toFixed(3) });
          } else context.print(formatDone(path, progress, seconds()));
        },
        fail(id, failure) {
          if (json) context.printJson({ id, file: path, error: failure.json });
          else context.note(`opentok: ${path} failed: ${failure.message}`);
        },
        abort() {},
      };
    },
    close() {},
  };
}

function terminalView(context: CommandContext): ProgressView {
  const stdout = context.runtime.stdout as NodeJS.WriteStream;
  const render = createLogUpdate(stdout);
  const active = new Map<object, () => string>();
  const draw = () => {
    if (active.size === 0) render.clear();
    else render([...active.values()].map((line) => line()).join('\n'));
  };
  // Redrawn ten times a second, not once per chunk.
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    start(rawPath) {
      // Drawn straight to the terminal, not through context.print: escaped here.
      const path = escapeText(rawPath);
      const key = {};
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      const meter = new RateMeter();
      const label = basename(path);
      let current: Progress = { receivedBytes: 0, totalBytes: undefined };
      active.set(key, () =>
        formatBar(label, current, meter.sample(seconds(), current.receivedBytes), stdout.columns || 80),
      );
      draw();
      const finish = (line: string | undefined) => {
        active.delete(key);
        if (line !== undefined) render.persist(line);
        draw();
      };
      return {
        update(progress) {
          current = progress;
        },
        done(_id, progress) {
          finish(formatDone(path, progress, seconds()));
        },
        fail(_id, failure) {
          finish(`${path}  failed: ${failure.message}`);
        },
        abort() {
          finish(undefined);
        },
      };
    },
    close() {
      clearInterval(timer);
      render.clear();
      render.done();
    },
  };
}

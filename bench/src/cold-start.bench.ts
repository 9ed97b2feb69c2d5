/**
 * Cold start, whole process: a new Node process loads a client, creates its first session on
 * the emulator and signs a token for it (cold-start-probe.cjs), as a freshly started server or a
 * function's first request does. Rows: opentok's 2.x class, @opentok/rest with @opentok/token,
 * and the official opentok 2.x; they take turns, in rotating order, for {@link RUNS} rounds. The
 * table shows medians of wall time, of the process's CPU time and of its peak resident memory
 * (max RSS), and the paired ratios of wall and CPU time to the official client (each round's
 * ratio, then the median).
 * A benchmark reports, it never fails.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { credentials, startEmulatorProcess } from './emulator-process.js';

/** Rounds; every row runs once per round. */
const RUNS = 15;
const here = fileURLToPath(new URL('.', import.meta.url));

const rows = [
  ['ours opentok (2.x class)', 'ours'],
  ['ours @opentok/rest + @opentok/token', 'ours-modern'],
  ['official opentok 2.x', 'official'],
] as const;

interface Sample {
  wallMilliseconds: number;
  cpuMilliseconds: number;
  maxRssBytes: number;
}

function sample(client: string, url: string): Sample {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['cold-start-probe.cjs', client, url, credentials.apiKey, credentials.apiSecret],
    { cwd: here, encoding: 'utf8' },
  );
  const wallMilliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${client}: exit ${child.status}: ${child.stderr.slice(0, 400)}`);
  const { cpu, rss } = JSON.parse(child.stdout) as { cpu: number; rss: number };
  return { wallMilliseconds, cpuMilliseconds: cpu, maxRssBytes: rss };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export default async function coldStartBench(): Promise<void> {
  const emulator = await startEmulatorProcess();
  try {
    const loadBefore = loadavg()[0]!;
    for (const [, client] of rows) sample(client, emulator.url); // warm the file system cache once
    const samples = new Map<string, Sample[]>(rows.map(([, client]) => [client, []]));
    for (let run = 0; run < RUNS; run++) {
      for (let turn = 0; turn < rows.length; turn++) {
        const [, client] = rows[(run + turn) % rows.length]!;
        samples.get(client)!.push(sample(client, emulator.url));
      }
    }
    const official = samples.get('official')!;
    const width = Math.max(...rows.map(([name]) => name.length));
    const columns = ['wall ms', 'CPU ms', 'max RSS MB', 'wall/official', 'CPU/official'];
    const lines = [
      `cold start, new process to the first createSession + token (emulator in a child process): medians of ${RUNS} ` +
        `runs per row, rows in rotating turns; node ${process.version}, load average ${loadBefore.toFixed(2)} before, ` +
        `${loadavg()[0]!.toFixed(2)} after`,
      `${'row'.padEnd(width)}  ${columns.map((column) => column.padStart(13)).join('  ')}`,
      `${'-'.repeat(width)}  ${columns.map(() => '-'.repeat(13)).join('  ')}`,
    ];
    for (const [name, client] of rows) {
      const list = samples.get(client)!;
      const paired = (figure: (sampled: Sample) => number) =>
        median(list.map((sampled, run) => figure(sampled) / figure(official[run]!)));
      const cells = [
        median(list.map((sampled) => sampled.wallMilliseconds)).toFixed(1),
        median(list.map((sampled) => sampled.cpuMilliseconds)).toFixed(1),
        (median(list.map((sampled) => sampled.maxRssBytes)) / 1024 / 1024).toFixed(1),
        `${paired((sampled) => sampled.wallMilliseconds).toFixed(2)}x`,
        `${paired((sampled) => sampled.cpuMilliseconds).toFixed(2)}x`,
      ];
      lines.push(`${name.padEnd(width)}  ${cells.map((cell) => cell.padStart(13)).join('  ')}`);
    }
    console.log(lines.join('\n'));
  } finally {
    emulator.child.kill();
  }
}

/**
 * Cold import cost, whole process: a script file that requires or imports the module
 * (import-probe.cjs, import-probe.mjs), beside the same script importing nothing, for ours
 * (`opentok`, `@opentok/rest`, `@opentok/token`) and the official `opentok` 2.x. Each row is a
 * fresh process, run many times in turns with the other rows, each time right after a bare node
 * run (`node -e` would not do: it preloads node:crypto); the table shows medians of wall time, of
 * the process's CPU time and of its peak resident memory (max RSS), and the median of what each
 * run costs over the bare run before it (pairs see the same load from other processes). Two more
 * rows per module kind construct the 2.x class after loading (`new OpenTok(key, secret)`), which
 * loads what our CommonJS build leaves for first use. A benchmark reports, it never fails.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Runs per row; the rows take turns so that load from other processes weighs on all alike. */
const RUNS = 25;
const here = fileURLToPath(new URL('.', import.meta.url));

interface Row {
  name: string;
  kind: 'cjs' | 'esm';
  /** The specifier to load, or undefined for bare node. */
  specifier: string | undefined;
  /** Then construct the 2.x class once (`new OpenTok(key, secret)`): what loads on first use too. */
  construct?: boolean;
}

interface Sample {
  wallMilliseconds: number;
  cpuMilliseconds: number;
  maxRssBytes: number;
}

const packages: [label: string, specifier: string][] = [
  ['ours opentok', 'opentok'],
  ['ours @opentok/rest', '@opentok/rest'],
  ['ours @opentok/token', '@opentok/token'],
  ['official opentok 2.x', 'official-opentok'],
];
const rows: Row[] = [];
for (const kind of ['cjs', 'esm'] as const) {
  rows.push({ name: `bare node (${kind})`, kind, specifier: undefined });
  for (const [label, specifier] of packages) rows.push({ name: `${label} (${kind})`, kind, specifier });
  // `require('opentok')` leaves @opentok/rest's client unloaded until first use; these rows show
  // the cost once the 2.x class is constructed, as a function does before serving a request.
  for (const [label, specifier] of [packages[0]!, packages[3]!]) {
    rows.push({ name: `${label} + new OpenTok (${kind})`, kind, specifier, construct: true });
  }
}

function sample(row: Row): Sample {
  const args = [
    `import-probe.${row.kind === 'cjs' ? 'cjs' : 'mjs'}`,
    row.specifier ?? '',
    row.construct ? 'construct' : '',
  ];
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8' });
  const wallMilliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${row.name}: exit ${child.status}: ${child.stderr.slice(0, 400)}`);
  const { cpu, rss } = JSON.parse(child.stdout) as { cpu: number; rss: number };
  return { wallMilliseconds, cpuMilliseconds: cpu, maxRssBytes: rss };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export default async function importBench(): Promise<void> {
  const samples = new Map<string, Sample[]>(rows.map((row) => [row.name, []]));
  /** Per row, each sample minus the bare node sample taken just before it. */
  const extras = new Map<string, Sample[]>(rows.map((row) => [row.name, []]));
  const loadBefore = loadavg()[0]!;
  for (const row of rows) sample(row); // warm the file system cache once
  for (let run = 0; run < RUNS; run++) {
    for (const row of rows) {
      if (!row.specifier) continue;
      // A bare node run just before each row: the pair sees the same load from other processes.
      const bareRow = rows.find((candidate) => candidate.kind === row.kind && !candidate.specifier)!;
      const bare = sample(bareRow);
      const loaded = sample(row);
      samples.get(bareRow.name)!.push(bare);
      samples.get(row.name)!.push(loaded);
      extras.get(row.name)!.push({
        wallMilliseconds: loaded.wallMilliseconds - bare.wallMilliseconds,
        cpuMilliseconds: loaded.cpuMilliseconds - bare.cpuMilliseconds,
        maxRssBytes: loaded.maxRssBytes - bare.maxRssBytes,
      });
    }
  }

  const summary = (list: Sample[]) => ({
    wall: median(list.map((s) => s.wallMilliseconds)),
    cpu: median(list.map((s) => s.cpuMilliseconds)),
    rss: median(list.map((s) => s.maxRssBytes)) / 1024 / 1024,
  });

  const width = Math.max(...rows.map((row) => row.name.length));
  const columns = ['wall ms', '+ms', 'CPU ms', '+ms', 'max RSS MB', '+MB'];
  const lines = [
    `cold import, whole process: medians of ${RUNS} runs per row, each run right after a bare node run whose ` +
      `figures it is compared with (+: the median of those differences); node ${process.version}, ` +
      `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after (other processes slow every row)`,
    `${'row'.padEnd(width)}  ${columns.map((column) => column.padStart(10)).join('  ')}`,
    `${'-'.repeat(width)}  ${columns.map(() => '-'.repeat(10)).join('  ')}`,
  ];
  for (const row of rows) {
    const figures = summary(samples.get(row.name)!);
    const extra = row.specifier ? summary(extras.get(row.name)!) : undefined;
    const cells = [
      figures.wall.toFixed(1),
      extra ? extra.wall.toFixed(1) : '',
      figures.cpu.toFixed(1),
      extra ? extra.cpu.toFixed(1) : '',
      figures.rss.toFixed(1),
      extra ? extra.rss.toFixed(1) : '',
    ];
    lines.push(`${row.name.padEnd(width)}  ${cells.map((cell) => cell.padStart(10)).join('  ')}`);
  }
  console.log(lines.join('\n'));
}

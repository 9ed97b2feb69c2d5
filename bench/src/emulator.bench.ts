/**
 * `@opentok/emulator`: `POST /session/create` requests per second from a loopback load
 * generator (keep-alive `node:http`, a fixed number of requests in flight). The emulator runs
 * in its own process through its CLI, as a test suite or a developer would run it, so the
 * generator's work is not counted against it. Bounded: at most {@link MAX_REQUESTS} requests
 * and {@link MAX_MILLISECONDS} per round and row (a warm-up, then {@link ROUNDS} rounds), against
 * 127.0.0.1 only: about 12 s in all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { generateRestToken } from '@opentok/token';

const MAX_REQUESTS = 20_000;
const MAX_MILLISECONDS = 2_000;
const WARM_UP_REQUESTS = 2_000;
/** Rows take turns this many times; each keeps its best round (see token.bench.ts for why). */
const ROUNDS = 2;
const IN_FLIGHT = 16;
const credentials = { apiKey: '4567890', apiSecret: 'f2b1ad3c9e0d4a7b8c6e5f4a3b2c1d0e9f8a7b6c' };

interface Row {
  label: string;
  headers: () => Record<string, string>;
}

const rows: Row[] = [
  {
    label: 'XML answer, X-TB-PARTNER-AUTH',
    headers: () => ({ 'X-TB-PARTNER-AUTH': `${credentials.apiKey}:${credentials.apiSecret}` }),
  },
  {
    label: 'JSON answer, X-OPENTOK-AUTH (JWT verified)',
    headers: () => ({ 'X-OPENTOK-AUTH': generateRestToken(credentials), Accept: 'application/json' }),
  },
];

async function startCli(): Promise<{ url: string; child: ChildProcess }> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@opentok/emulator/package.json')), 'dist', 'cli.js');
  const child = spawn(process.execPath, [
    cli,
    '--port',
    '0',
    '--project',
    `${credentials.apiKey}:${credentials.apiSecret}`,
  ]);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`opentok-emulator exited with ${code}`)));
  });
  return { url, child };
}

/**
 * CPU time (user + system, ms) the emulator's process has used so far, from /proc (Linux).
 * Requests per CPU second of the server is the figure that load from other jobs on a shared
 * machine disturbs least.
 */
function processCpuMilliseconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** Sends up to `count` requests, {@link IN_FLIGHT} at a time, stopping at the time limit. */
async function load(url: string, row: Row, count: number, milliseconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const target = new URL('/session/create', url);
  const body = 'p2p.preference=disabled&archiveMode=manual';
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + milliseconds;
  const one = () =>
    new Promise<void>((resolve) => {
      const begin = performance.now();
      const outgoing = request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            ...row.headers(),
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': String(body.length),
          },
        },
        (incoming) => {
          if (incoming.statusCode !== 200) failures++;
          incoming.resume();
          incoming.on('end', () => {
            latencies.push(performance.now() - begin);
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        failures++;
        resolve();
      });
      outgoing.end(body);
    });
  const worker = async () => {
    while (sent < count && performance.now() < deadline) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((first, second) => first - second);
  const percentile = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  return { requests: latencies.length, failures, seconds, p50: percentile(0.5), p99: percentile(0.99) };
}

export default async function emulatorBench(): Promise<void> {
  const { url, child } = await startCli();
  try {
    console.log(`emulator: ${url} (own process), generator: ${IN_FLIGHT} in flight, keep-alive node:http`);
    // Both processes share the machine: say how busy it was, since that moves the figures.
    const [loadAverage] = loadavg();
    console.log(`machine: ${availableParallelism()} cores, load average ${loadAverage?.toFixed(1)} at start`);
    console.log('| POST /session/create | requests | requests/s | per server CPU s | p50 ms | p99 ms | failures |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) await load(url, row, WARM_UP_REQUESTS, MAX_MILLISECONDS);
    const best = new Map<Row, { result: Awaited<ReturnType<typeof load>>; perCpuSecond: number | undefined }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const row of rows) {
        const cpuBefore = processCpuMilliseconds(child.pid);
        const result = await load(url, row, MAX_REQUESTS, MAX_MILLISECONDS);
        const cpuAfter = processCpuMilliseconds(child.pid);
        const perCpuSecond =
          cpuBefore === undefined || cpuAfter === undefined || cpuAfter === cpuBefore
            ? undefined
            : (result.requests * 1000) / (cpuAfter - cpuBefore);
        const previous = best.get(row);
        if (!previous || result.requests / result.seconds > previous.result.requests / previous.result.seconds) {
          best.set(row, { result, perCpuSecond });
        }
      }
    }
    const format = (value: number | undefined) =>
      value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US');
    for (const row of rows) {
      const { result, perCpuSecond } = best.get(row)!;
      console.log(
        `| ${row.label} | ${result.requests} | ${format(result.requests / result.seconds)} | ${format(perCpuSecond)} | ` +
          `${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.failures} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

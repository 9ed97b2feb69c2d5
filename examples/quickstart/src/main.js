/**
 * `pnpm start`: the whole OpenTok server flow, against an emulator started here, or against
 * the real service when OPENTOK_API_KEY and OPENTOK_API_SECRET are set. Exits 0 on success.
 * @module
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { runQuickstart } from './flow.js';

const started = performance.now();
const { OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: apiUrl } = process.env;
const outputDirectory = process.env.QUICKSTART_OUTPUT ?? (await mkdtemp(join(tmpdir(), 'opentok-quickstart-')));

let emulator;
let settings;
if (apiKey && apiSecret) {
  console.log(`OpenTok quickstart against ${apiUrl ?? 'the real service'} (project ${apiKey})\n`);
  settings = { apiKey, apiSecret, apiUrl, outputDirectory };
} else {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  const [project] = emulator.projects;
  console.log(`OpenTok quickstart against the emulator at ${emulator.url} (project ${project.apiKey})`);
  console.log('Set OPENTOK_API_KEY and OPENTOK_API_SECRET to run it against the real service.\n');
  settings = { ...project, apiUrl: emulator.url, controlUrl: emulator.url, outputDirectory };
}

try {
  const summary = await runQuickstart(settings);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log('\nSummary');
  console.log(`    sessions created:  ${summary.sessions.length}`);
  console.log(`    tokens signed:     ${Object.keys(summary.tokens).length + 1}`);
  if (summary.archive) {
    console.log(`    archive:           ${summary.archive.id} (${summary.archive.status})`);
    console.log(`    video downloaded:  ${summary.download.bytes} bytes`);
  }
  console.log(`    done in ${seconds} s`);
} catch (error) {
  process.exitCode = 1;
  console.error(`\nQuickstart failed: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
} finally {
  await emulator?.close();
}

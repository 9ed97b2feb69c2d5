/**
 * `pnpm start`: the whole OpenTok server flow, against an emulator started here, or against
 * the service that OPENTOK_API_KEY, OPENTOK_API_SECRET (and OPENTOK_API_URL) name: an
 * emulator started by hand (found through its control API) or the real service. Exits 0 on
 * success.
 *
 * Options: `--full-tokens` prints tokens whole (by default only their first characters);
 * `--vonage` runs it as a Vonage application (an application ID and an RSA private key, RS256
 * tokens, `Authorization: Bearer`) against an emulator started here.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { isEmulator, runQuickstart } from './flow.js';
import { formatBytes, formatDuration } from './progress-bar.js';

const started = performance.now();
const { values: flags } = parseArgs({
  options: { 'full-tokens': { type: 'boolean', default: false }, vonage: { type: 'boolean', default: false } },
});
const { OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: apiUrl } = process.env;
// The video goes to QUICKSTART_OUTPUT when set (and stays); else to a temporary folder removed at exit.
const keptOutput = process.env.QUICKSTART_OUTPUT;
const outputDirectory = keptOutput ?? (await mkdtemp(join(tmpdir(), 'opentok-quickstart-')));

let emulator;
let settings;
try {
  if (flags.vonage) {
    // A throwaway application: its ID and private key play the parts of the key and the secret.
    const { applicationId, privateKey, publicKey } = createApplicationKeys();
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, applications: [{ applicationId, publicKey }] });
    console.log(`OpenTok quickstart against the emulator at ${emulator.url} (Vonage application ${applicationId})\n`);
    settings = {
      apiKey: applicationId,
      apiSecret: privateKey,
      apiUrl: emulator.url,
      controlUrl: emulator.url,
      vonage: true,
    };
  } else if (apiKey && apiSecret) {
    const emulated = apiUrl !== undefined && (await isEmulator(apiUrl));
    const where = emulated ? `the emulator at ${apiUrl}` : (apiUrl ?? 'the real service');
    console.log(`OpenTok quickstart against ${where} (project ${apiKey})\n`);
    settings = { apiKey, apiSecret, apiUrl, controlUrl: emulated ? apiUrl : undefined };
  } else {
    emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
    const [project] = emulator.projects;
    console.log(`OpenTok quickstart against the emulator at ${emulator.url} (project ${project.apiKey})`);
    console.log('Set OPENTOK_API_KEY and OPENTOK_API_SECRET to run it against the real service.\n');
    settings = { ...project, apiUrl: emulator.url, controlUrl: emulator.url };
  }

  const summary = await runQuickstart({ ...settings, outputDirectory, fullTokens: flags['full-tokens'] });
  console.log('\nSummary');
  console.log(`    sessions created:  ${summary.sessions.length}`);
  console.log(`    tokens signed:     ${Object.keys(summary.tokens).length + (settings.vonage ? 0 : 1)}`);
  if (summary.archive) {
    console.log(`    archive:           ${summary.archive.id} (${summary.archive.status})`);
    console.log(`    video downloaded:  ${formatBytes(summary.download.bytes)}`);
    if (!keptOutput)
      console.log('                       (in a temporary folder, removed now; set QUICKSTART_OUTPUT to keep it)');
  }
  console.log(`    done in ${formatDuration(performance.now() - started)}`);
  printNextSteps();
} catch (error) {
  process.exitCode = 1;
  // A 2.x call's message is 2.x's own; the HTTP status, when there was one, is on the error.
  const status = typeof error?.status === 'number' ? ` (HTTP ${error.status})` : '';
  console.error(`\nQuickstart failed: ${error?.name ?? 'Error'}: ${error?.message ?? error}${status}`);
} finally {
  await emulator?.close();
  if (!keptOutput) await rm(outputDirectory, { recursive: true, force: true });
}

/**
 * Where to read on: this flow's source and the packages' READMEs, as paths from the folder the
 * user ran the command in (`INIT_CWD` under pnpm and npm, which run scripts in the package's folder).
 */
function printNextSteps() {
  const from = process.env.INIT_CWD || process.cwd();
  const path = (file) => relative(from, fileURLToPath(new URL(file, import.meta.url))) || '.';
  console.log('\nNext');
  console.log(`    the flow you just ran, one await per step:  ${path('./flow.js')}`);
  console.log(`    the opentok package (OpenTok, OpenTokSDK):  ${path('../../../packages/opentok/README.md')}`);
  console.log(`    tokens alone, for edge functions:           ${path('../../../packages/token/README.md')}`);
  console.log(`    the REST client, every option and error:    ${path('../../../packages/rest/README.md')}`);
  console.log(`    the emulator, its control API and faults:   ${path('../../../packages/emulator/README.md')}`);
}

/**
 * `opentok callback verify <file>`: checks the signature of a callback saved as a request,
 * with the signature secret from the environment, and prints the callback.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { usageError } from '../failure.js';
import { formatFields } from '../format.js';
import { wholeNumber } from '../options.js';
import type { Action } from '../program.js';
import { parseSavedRequest } from '../saved-request.js';

interface VerifyFlags {
  secretEnv: string;
  maxAge?: number;
}

/** Largest saved request read, in bytes: a callback is far smaller. */
const MAX_FILE = 2 * 1024 * 1024;

async function readRequest(path: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      bytes = Buffer.concat(chunks);
    } else bytes = await readFile(path);
  } catch (error) {
    throw usageError(`cannot read the saved request (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes.byteLength > MAX_FILE) throw usageError(`the saved request is larger than ${MAX_FILE} bytes`);
  return bytes;
}

/** Adds the callback commands. */
export function registerCallback(program: Command, action: Action): void {
  const callback = program
    .command('callback')
    .description('work with the callbacks the service POSTs')
    .addHelpText('after', '\nExample:\n  $ OPENTOK_CALLBACK_SECRET=... opentok callback verify saved-request.http');
  callback
    .command('verify')
    .description("check a saved callback's signature (HS256 JWT in Authorization) and body hash, and print it")
    .argument(
      '<file>',
      'the saved request: as sent on the wire (headers, empty line, body), or JSON { headers, body }; - for stdin',
    )
    .option('--secret-env <name>', 'the environment variable holding the signature secret', 'OPENTOK_CALLBACK_SECRET')
    .option(
      '--max-age <seconds>',
      'refuse a token issued longer ago than this (default: the age of a saved request is not checked)',
      wholeNumber(0, 31_536_000),
    )
    .addHelpText(
      'after',
      `
The secret is read from the environment, never from the command line (which every user of the
machine can see). Exit code 0 when the callback is signed with it, 1 when refused (the reason is
printed: missingHeader, malformed, algorithm, badSignature, expired, bodyHashMismatch).

Example:
  $ OPENTOK_CALLBACK_SECRET=... opentok callback verify saved-request.http --json`,
    )
    .action(
      action(async (context: CommandContext, path: string, flags: VerifyFlags) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(flags.secretEnv)) {
          throw usageError('--secret-env must name an environment variable');
        }
        const secret = context.environment[flags.secretEnv];
        if (!secret) throw usageError(`set ${flags.secretEnv} to the signature secret of the callback URL`);
        context.runtime.secrets.add(secret);
        const request = parseSavedRequest(await readRequest(path));
        const { verifyCallback } = await import('opentok');
        const verified = await verifyCallback(request, secret, { maxAge: flags.maxAge ?? Number.POSITIVE_INFINITY });
        if (context.json) {
          context.printJson({ valid: true, callback: verified });
          return;
        }
        const fields: Array<[string, string]> = [
          ['valid', 'true (HS256, signed with the secret, body unchanged)'],
          ['event', verified.event],
        ];
        const record = verified as unknown as Record<string, unknown>;
        for (const key of ['sessionId', 'projectId', 'id', 'status', 'reason']) {
          const value = record[key];
          if (typeof value === 'string' && value !== '') fields.push([key, value]);
        }
        context.print(formatFields(fields));
      }),
    );
}

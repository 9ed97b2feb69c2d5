/**
 * `opentok token <sessionId>`, `opentok token decode <token>`, `opentok token verify <token>`.
 * @module
 */
import { createPublicKey } from 'node:crypto';
import { type Command, InvalidArgumentError as InvalidOptionError, Option } from 'commander';
import type { Role, TokenClaims } from 'opentok';
import { ROLES } from '../choices.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../failure.js';
import { formatDate, formatFields, parseDuration } from '../format.js';
import type { Action } from '../program.js';

interface TokenFlags {
  role?: Role;
  expireIn?: number;
  data?: string;
  layoutClass?: string[];
  t1?: boolean;
}

function expireIn(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined)
    throw new InvalidOptionError('use seconds, or a number followed by s, m, h or d (30m, 2h, 7d)');
  return seconds;
}

function collectClasses(text: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...text.split(/[\s,]+/).filter(Boolean)];
}

function printClaims(context: CommandContext, claims: TokenClaims, extra: Record<string, unknown> = {}): void {
  if (context.json) {
    context.printJson({ ...extra, ...claims });
    return;
  }
  const lines: Array<[string, string]> = [
    ['format', claims.format],
    ['apiKey', claims.apiKey],
    ['sessionId', claims.sessionId],
    ['role', claims.role],
    ['created', `${formatDate(claims.createTime * 1000)} UTC (${claims.createTime})`],
    ['expires', `${formatDate(claims.expireTime * 1000)} UTC (${claims.expireTime})`],
  ];
  if (claims.data !== undefined) lines.push(['data', claims.data]);
  if (claims.initialLayoutClassList?.length) lines.push(['layoutClass', claims.initialLayoutClassList.join(' ')]);
  for (const [name, value] of Object.entries(extra)) lines.push([name, String(value)]);
  context.print(formatFields(lines));
}

const FLAGS: Record<string, string> = {
  expireTime: '--expire-in',
  role: '--role',
  data: '--data',
  initialLayoutClassList: '--layout-class',
};

/** Names the flag (or the session ID) a signing error is about. */
function explain(error: unknown, apiKey: string): unknown {
  const { name, argument, message = '' } = (error ?? {}) as { name?: string; argument?: string; message?: string };
  if (name === 'InvalidSessionIdError') return usageError(`the session ID is malformed or not of project ${apiKey}`);
  const flag = argument === undefined ? undefined : FLAGS[argument];
  return name === 'InvalidArgumentError' && flag
    ? usageError(`${flag}: ${message.replace(/^\[[^\]]+\]\s*/, '')}`)
    : error;
}

/** Adds the token commands. */
export function registerToken(program: Command, action: Action): void {
  const token = program
    .command('token')
    .description('sign a client token for a session, or decode or verify one')
    .argument('[sessionId]', 'the session the token lets a client join')
    .addOption(new Option('--role <role>', 'what the client may do').choices(ROLES).default('publisher'))
    .option('--expire-in <duration>', 'lifetime: seconds, or 30m, 2h, 7d (at most 30d)', expireIn)
    .option('--data <text>', 'connection data other clients see, such as userId:42')
    .option('--layout-class <class>', "layout class of the client's streams (repeatable)", collectClasses)
    .option('--t1', 'the older T1 format instead of a JWT')
    .addHelpText(
      'after',
      `
Examples:
  $ opentok token "$SESSION_ID"
  $ opentok token "$SESSION_ID" --role moderator --expire-in 2h --data userId:42
  $ opentok token decode "$TOKEN" --json`,
    )
    .action(
      action(async (context, sessionId: string | undefined, flags: TokenFlags, command: Command) => {
        if (sessionId === undefined) command.help({ error: true });
        const opentok = await context.openTok();
        const expireTime = flags.expireIn === undefined ? undefined : Math.floor(Date.now() / 1000) + flags.expireIn;
        let signed: string;
        try {
          signed = opentok.generateToken(sessionId as string, {
            role: flags.role,
            expireTime,
            data: flags.data,
            initialLayoutClassList: flags.layoutClass,
            format: flags.t1 ? 't1' : 'jwt',
          });
        } catch (error) {
          throw explain(error, opentok.apiKey);
        }
        const { decodeToken } = await import('opentok');
        if (context.json) context.printJson({ token: signed, ...decodeToken(signed) });
        else context.print(signed);
      }),
    );

  token
    .command('decode')
    .description('show what a token grants, without checking its signature (no credentials needed)')
    .argument('<token>', 'a client token (JWT or T1)')
    .addHelpText('after', '\nExample:\n  $ opentok token decode "$TOKEN"')
    .action(
      action(async (context, text: string) => {
        const { decodeToken } = await import('opentok');
        printClaims(context, decodeToken(text));
      }),
    );

  token
    .command('verify')
    .description("check a token's signature, project, session and expiry with your credentials")
    .argument('<token>', 'a client token (JWT or T1)')
    .addHelpText('after', '\nExample:\n  $ opentok token verify "$TOKEN" && echo valid')
    .action(
      action(async (context, text: string) => {
        const credentials = await context.credentials();
        const { verifyToken } = await import('opentok');
        const verifyWith =
          credentials.applicationId === undefined
            ? { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret }
            : { applicationId: credentials.applicationId, publicKey: createPublicKey(credentials.privateKey) };
        printClaims(context, verifyToken(text, verifyWith), { valid: true });
      }),
    );
}

/**
 * `opentok profile add|list|remove`: named credentials in the profile file (mode 0600).
 * @module
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../failure.js';
import { formatTable } from '../format.js';
import {
  checkProfileName,
  emptyProfiles,
  findProfile,
  type Profile,
  profilePath,
  readProfiles,
  writeProfiles,
} from '../profiles.js';
import type { Action } from '../program.js';
import { canPrompt, promptHidden } from '../prompt.js';

/** Adds the profile commands. */
export function registerProfile(program: Command, action: Action): void {
  const profile = program
    .command('profile')
    .description('named credentials in $XDG_CONFIG_HOME/opentok/config.json (~/.config/...), mode 0600')
    .addHelpText(
      'after',
      '\nExamples:\n  $ opentok profile add work --api-key 123456 --default\n  $ opentok profile list',
    );

  profile
    .command('add')
    .description('add or replace a profile; the secret comes from --api-secret, OPENTOK_API_SECRET or a prompt')
    .argument('<name>')
    .option('--default', 'use it when no profile is named')
    .addHelpText(
      'after',
      `
Examples:
  $ opentok profile add work --api-key 123456 --default      # asks for the secret
  $ OPENTOK_API_SECRET=... opentok profile add local --api-key 123456 --api-url http://127.0.0.1:4010`,
    )
    .action(
      action(async (context, name: string, _flags: unknown, command: Command) => {
        const flags = command.optsWithGlobals<{
          apiKey?: string;
          apiSecret?: string;
          apiUrl?: string;
          applicationId?: string;
          privateKey?: string;
          default?: boolean;
        }>();
        checkProfileName(name);
        const path = profilePath(context.environment);
        let entry: Profile;
        let label: string;
        if (flags.applicationId) {
          // A Vonage application: its ID, and the path of its key (read at each use, never copied).
          if (!/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(flags.applicationId))
            throw usageError('the application ID must be a UUID');
          const keyPath = flags.privateKey || context.environment.VONAGE_PRIVATE_KEY_PATH;
          if (!keyPath) throw usageError('profile add --application-id needs --private-key PATH');
          entry = { applicationId: flags.applicationId, privateKeyPath: resolve(keyPath) };
          label = `application ${flags.applicationId}`;
        } else {
          const apiKey = flags.apiKey ?? context.environment.OPENTOK_API_KEY;
          if (!apiKey || !/^\d{1,32}$/.test(apiKey))
            throw usageError('profile add needs --api-key with the digits of the API key, or --application-id');
          let apiSecret = flags.apiSecret || context.environment.OPENTOK_API_SECRET;
          if (!apiSecret) {
            if (!canPrompt())
              throw usageError('no API secret: set OPENTOK_API_SECRET, or run in a terminal to be asked');
            apiSecret = await promptHidden(`API secret for ${apiKey}: `);
            if (!apiSecret) throw usageError('no API secret given');
          }
          context.runtime.secrets.add(apiSecret);
          entry = { apiKey, apiSecret };
          label = `API key ${apiKey}`;
        }
        const warn = (text: string) => context.note(text);
        const file = (await readProfiles(path, warn)) ?? { profiles: emptyProfiles() };
        if (flags.apiUrl) entry.apiUrl = flags.apiUrl;
        file.profiles[name] = entry;
        if (flags.default) file.default = name;
        await writeProfiles(path, file, warn);
        if (context.json) {
          const { apiSecret: _secret, ...shown } = entry;
          context.printJson({ profile: name, ...shown, file: path });
        } else context.print(`profile ${name} (${label}) saved in ${path}`);
      }),
    );

  profile
    .command('list')
    .description('list the profiles (never their secrets)')
    .addHelpText('after', '\nExample:\n  $ opentok profile list')
    .action(
      action(async (context) => {
        const path = profilePath(context.environment);
        const file = await readProfiles(path, (text) => context.note(text));
        const fallback = file?.default ?? 'default';
        const rows = Object.entries(file?.profiles ?? {}).map(([name, { apiKey, applicationId, apiUrl }]) => ({
          name,
          apiKey: applicationId === undefined ? apiKey : undefined,
          applicationId,
          apiUrl: apiUrl ?? null,
          default: name === fallback,
        }));
        if (context.json) {
          for (const row of rows) context.printJson(row);
        } else if (rows.length === 0) {
          context.note(`no profiles in ${path}`);
        } else {
          context.print(
            formatTable(
              ['NAME', 'API KEY', 'API URL', 'DEFAULT'],
              rows.map((row) => [
                row.name,
                row.apiKey ?? row.applicationId ?? '-',
                row.apiUrl ?? '-',
                row.default ? 'yes' : '',
              ]),
            ),
          );
        }
      }),
    );

  profile
    .command('remove')
    .description('remove a profile')
    .argument('<name>')
    .addHelpText('after', '\nExample:\n  $ opentok profile remove old-project')
    .action(
      action(async (context, name: string) => {
        const path = profilePath(context.environment);
        checkProfileName(name);
        const warn = (text: string) => context.note(text);
        const file = await readProfiles(path, warn);
        if (file === undefined || !findProfile(file, name)) throw usageError(`no profile "${name}" in ${path}`);
        delete file.profiles[name];
        if (file.default === name) delete file.default;
        await writeProfiles(path, file, warn);
        if (context.json) context.printJson({ profile: name, removed: true });
        else context.print(`profile ${name} removed`);
      }),
    );
}

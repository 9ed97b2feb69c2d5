/**
 * Parsing the `opentok-emulator` command line.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';

/** What the command line asks for. */
export interface CliArguments {
  host: string;
  port: number;
  projects: Array<{ apiKey: string; apiSecret: string }>;
  help: boolean;
}

/** The usage text of `opentok-emulator --help`. */
export const USAGE = `Usage: opentok-emulator [--host 127.0.0.1] [--port N] [--project KEY:SECRET ...]

A local OpenTok API for development and tests.
  --host HOST           interface to listen on (default 127.0.0.1)
  --port N              port to listen on; 0 picks a free one (default 0)
  --project KEY:SECRET  a project to accept (repeatable); without one, a random project is created
  --help                show this text
`;

/**
 * Reads `--host`, `--port`, `--project` (repeatable, also `--name=value`) and `--help`.
 * @throws {InvalidArgumentError} for an unknown option or a bad value (the message never
 * repeats a `--project` value, which holds a secret).
 * @example
 * parseCliArguments(['--port', '0', '--project', '123456:secret'])
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const result: CliArguments = { host: '127.0.0.1', port: 0, projects: [], help: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    const value = () => {
      const text = equals > 0 ? argument.slice(equals + 1) : argv[++index];
      if (text === undefined || text === '') throw new InvalidArgumentError(name, `${name} needs a value`);
      return text;
    };
    if (name === '--help' || name === '-h') result.help = true;
    else if (name === '--host') result.host = value();
    else if (name === '--port') {
      const text = value();
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
        throw new InvalidArgumentError('--port', '--port must be a number from 0 to 65535');
      }
      result.port = Number(text);
    } else if (name === '--project') {
      const text = value();
      const colon = text.indexOf(':');
      const apiKey = text.slice(0, colon);
      if (colon < 1 || !/^\d{1,32}$/.test(apiKey) || colon === text.length - 1) {
        throw new InvalidArgumentError('--project', '--project must be KEY:SECRET with a numeric key');
      }
      result.projects.push({ apiKey, apiSecret: text.slice(colon + 1) });
    } else {
      throw new InvalidArgumentError('argv', `Unknown option ${JSON.stringify(name.slice(0, 40))}; see --help`);
    }
  }
  return result;
}

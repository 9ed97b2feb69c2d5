import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCliArguments, withUploadTargets } from './cli-arguments.js';

describe('parseCliArguments', () => {
  it('has defaults', () => {
    expect(parseCliArguments([])).toEqual({
      host: '127.0.0.1',
      port: 0,
      projects: [],
      projectSource: 'generated',
      publicUrl: undefined,
      applications: [],
      newApplication: false,
      help: false,
      version: false,
    });
  });

  it('reads host, port, repeated projects and --name=value forms', () => {
    const parsed = parseCliArguments([
      '--host',
      '0.0.0.0',
      '--port=4010',
      '--project',
      '1:a:b',
      '--project=22:c',
      '--public-url=http://tunnel.example:8080',
      '-h',
      '--version',
    ]);
    expect(parsed).toEqual({
      host: '0.0.0.0',
      port: 4010,
      projects: [
        { apiKey: '1', apiSecret: 'a:b' },
        { apiKey: '22', apiSecret: 'c' },
      ],
      projectSource: 'argv',
      publicUrl: 'http://tunnel.example:8080',
      applications: [],
      newApplication: false,
      help: true,
      version: true,
    });
  });

  it('reads projects from the environment when none is on the command line', () => {
    const several = { OPENTOK_EMULATOR_PROJECTS: '1:a, 22:b:c', OPENTOK_API_KEY: '9', OPENTOK_API_SECRET: 'z' };
    expect(parseCliArguments([], several)).toMatchObject({
      projects: [
        { apiKey: '1', apiSecret: 'a' },
        { apiKey: '22', apiSecret: 'b:c' },
      ],
      projectSource: 'env',
    });
    expect(parseCliArguments([], { OPENTOK_API_KEY: '9', OPENTOK_API_SECRET: 'z' })).toMatchObject({
      projects: [{ apiKey: '9', apiSecret: 'z' }],
      projectSource: 'env',
    });
    // The command line wins over the environment.
    expect(parseCliArguments(['--project', '5:q'], several)).toMatchObject({
      projects: [{ apiKey: '5', apiSecret: 'q' }],
      projectSource: 'argv',
    });
    expect(() => parseCliArguments([], { OPENTOK_API_SECRET: 'topsecret' })).toThrow(InvalidArgumentError);
    for (const bad of ['x:topsecret', '1:', 'topsecret']) {
      expect(() => parseCliArguments([], { OPENTOK_EMULATOR_PROJECTS: bad })).toThrow(
        'OPENTOK_EMULATOR_PROJECTS must be KEY:SECRET',
      );
      expect(() => parseCliArguments([], { OPENTOK_EMULATOR_PROJECTS: bad })).not.toThrow('topsecret');
    }
  });

  it('rejects bad values without repeating a secret', () => {
    expect(() => parseCliArguments(['--port', '70000'])).toThrow(InvalidArgumentError);
    expect(() => parseCliArguments(['--port'])).toThrow('--port needs a value');
    expect(() => parseCliArguments(['--verbose'])).toThrow('Unknown option "--verbose"');
    for (const value of ['key:topsecret', ':topsecret', '12:', 'topsecret']) {
      const error = (() => {
        try {
          parseCliArguments(['--project', value]);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error?.message).not.toContain('topsecret');
    }
  });

  it('reads --upload-target for every project or KEY=TARGET for one, else OPENTOK_EMULATOR_UPLOAD_TARGET', () => {
    const projects = [
      { apiKey: '1', apiSecret: 'a' },
      { apiKey: '22', apiSecret: 'b' },
    ];
    const parsed = parseCliArguments(['--upload-target', 's3', '--upload-target=22=azure']);
    expect(parsed.uploadTargets).toEqual([
      { apiKey: undefined, target: 's3' },
      { apiKey: '22', target: 'azure' },
    ]);
    expect(withUploadTargets(projects, parsed.uploadTargets)).toEqual([
      { apiKey: '1', apiSecret: 'a', uploadTarget: 's3' },
      { apiKey: '22', apiSecret: 'b', uploadTarget: 'azure' },
    ]);
    const env = { OPENTOK_EMULATOR_UPLOAD_TARGET: '22=s3, ' };
    const fromEnv = parseCliArguments([], env).uploadTargets;
    expect(withUploadTargets(projects, fromEnv)).toEqual([projects[0], { ...projects[1], uploadTarget: 's3' }]);
    // The command line wins over the environment; none leaves the projects as they are.
    expect(parseCliArguments(['--upload-target', 'azure'], env).uploadTargets).toEqual([
      { apiKey: undefined, target: 'azure' },
    ]);
    expect(withUploadTargets(projects, parseCliArguments([]).uploadTargets)).toEqual(projects);
    for (const bad of ['gcs', 'S3', 'key=s3', '1=', '=s3']) {
      expect(() => parseCliArguments(['--upload-target', bad]), bad).toThrow(InvalidArgumentError);
    }
    expect(() => parseCliArguments([], { OPENTOK_EMULATOR_UPLOAD_TARGET: 'ftp' })).toThrow(
      'OPENTOK_EMULATOR_UPLOAD_TARGET must be',
    );
    expect(() => withUploadTargets(projects, [{ apiKey: '3', target: 's3' }])).toThrow('project 3');
  });

  it('turns any garbage into a parse or an InvalidArgumentError, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (argv) => {
        try {
          parseCliArguments(argv);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
        }
      }),
    );
  });
});

describe('the control token', () => {
  it('comes from --control-token, else OPENTOK_EMULATOR_CONTROL_TOKEN', () => {
    expect(parseCliArguments(['--control-token', 'abc']).controlToken).toBe('abc');
    expect(parseCliArguments(['--control-token=abc'], { OPENTOK_EMULATOR_CONTROL_TOKEN: 'env' }).controlToken).toBe(
      'abc',
    );
    expect(parseCliArguments([], { OPENTOK_EMULATOR_CONTROL_TOKEN: ' env ' }).controlToken).toBe('env');
    expect(parseCliArguments([]).controlToken).toBeUndefined();
  });
});

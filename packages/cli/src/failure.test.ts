import fc from 'fast-check';
import { InvalidArgumentError, NotFoundError } from 'opentok';
import { describe, expect, it } from 'vitest';
import { CliError, describeFailure, EXIT, usageError } from './failure.js';

describe('describeFailure', () => {
  it('maps usage errors to 2 and API errors to 1, keeping status and service message', () => {
    expect(describeFailure(usageError('bad')).exitCode).toBe(EXIT.usage);
    expect(describeFailure(new InvalidArgumentError('role', '[@opentok/token] role must be one of …'))).toMatchObject({
      exitCode: 2,
      message: 'role must be one of …',
    });
    const notFound = new NotFoundError('[@opentok/rest] GET /x failed with 404 (not found): Not found.', {
      method: 'GET',
      path: '/x',
      status: 404,
      serviceMessage: 'Not found.',
    });
    expect(describeFailure(notFound)).toEqual({
      exitCode: 1,
      message: 'GET /x failed with 404 (not found): Not found.',
      json: {
        name: 'NotFoundError',
        message: 'GET /x failed with 404 (not found): Not found.',
        status: 404,
        serviceMessage: 'Not found.',
      },
    });
    expect(describeFailure(new CliError('stop', EXIT.interrupted)).exitCode).toBe(130);
    expect(describeFailure('a string').exitCode).toBe(1);
  });

  it('escapes what could drive a terminal in the line, and keeps the JSON message exact', () => {
    const report = describeFailure(new Error('[@opentok/rest] said: a\x1b]0;title\x07\r\nb\u202ec'));
    expect(report.message).toBe('said: a\\x1b]0;title\\x07 b\\u202ec');
    expect(report.json.message).toBe('said: a\x1b]0;title\x07 b\u202ec');
  });

  it('never lets a secret through, and always gives one line', () => {
    const secret = fc
      .string({ minLength: 8, maxLength: 40 })
      .filter((text) => text.trim().length >= 8 && !text.includes('[redacted]'));
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), (before, value, after) => {
        const { message, json } = describeFailure(new Error(`${before}${value}\n${after}${value}`), [value]);
        expect(message).not.toContain(value);
        expect(JSON.stringify(json)).not.toContain(JSON.stringify(value).slice(1, -1));
        expect(message).not.toMatch(/[\r\n]/);
      }),
    );
  });
});

import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import { describe, expect, it, vi } from 'vitest';
import { settleByArity, settleErrorFirst, settleList } from './settle.js';

const boom = new OpenTokError('boom');
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('settleErrorFirst', () => {
  it('calls back (null, result) on success and returns nothing', async () => {
    const callback = vi.fn();
    expect(settleErrorFirst(async () => 42, callback)).toBeUndefined();
    await tick();
    expect(callback).toHaveBeenCalledWith(null, 42);
  });

  it('calls back (error) on failure, including a synchronous throw of the work', async () => {
    const callback = vi.fn();
    settleErrorFirst(() => Promise.reject(boom), callback);
    settleErrorFirst(() => {
      throw boom;
    }, callback);
    await tick();
    expect(callback.mock.calls).toEqual([[boom], [boom]]);
  });

  it('never calls back synchronously', () => {
    const callback = vi.fn();
    settleErrorFirst(async () => 1, callback);
    expect(callback).not.toHaveBeenCalled();
  });

  it('returns the promise when there is no callback', async () => {
    await expect(settleErrorFirst(async () => 'id', undefined)).resolves.toBe('id');
  });

  it('rejects a callback that is not a function without starting the work', async () => {
    const start = vi.fn(async () => 1);
    await expect(settleErrorFirst(start, 'nope')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(start).not.toHaveBeenCalled();
  });
});

describe('settleByArity', () => {
  it('gives a one-parameter handler the result and also resolves the returned promise', async () => {
    const seen: unknown[] = [];
    const returned = settleByArity(
      async () => 'url',
      (url: string) => seen.push(url),
    );
    await expect(returned).resolves.toBe('url');
    await tick();
    expect(seen).toEqual(['url']);
  });

  it('never gives an error to a one-parameter handler: the returned promise rejects with it', async () => {
    const handler = vi.fn((_result: unknown) => {});
    const returned = settleByArity(() => Promise.reject(boom), handler);
    await expect(returned).rejects.toBe(boom);
    await tick();
    expect(handler).not.toHaveBeenCalled();
  });

  it('treats a handler declaring two parameters as error-first', async () => {
    const calls: unknown[][] = [];
    expect(
      settleByArity(
        () => Promise.reject(boom),
        (error: unknown, result: unknown) => calls.push([error, result]),
      ),
    ).toBe(undefined);
    settleByArity(
      async () => 'ok',
      (error: unknown, result: unknown) => calls.push([error, result]),
    );
    await tick();
    expect(calls).toEqual([
      [boom, undefined],
      [null, 'ok'],
    ]);
  });

  it('rejects a handler that is not a function', async () => {
    await expect(settleByArity(async () => 1, 42)).rejects.toThrow(/handler must be a function/);
  });
});

describe('settleList', () => {
  it('calls back with (null, items, totalCount), or gives a promise of the items', async () => {
    const page = async () => ({ items: ['a', 'b'], count: 7 });
    const got = await new Promise<unknown[]>((resolve) => {
      expect(settleList(page, (...outcome: unknown[]) => resolve(outcome))).toBeUndefined();
    });
    expect(got).toEqual([null, ['a', 'b'], 7]);
    await expect(settleList(page, undefined)).resolves.toEqual(['a', 'b']);
  });

  it('passes a failure alone, and refuses a callback that is not a function without starting', async () => {
    const failure = new Error('Not Found');
    const got = await new Promise<unknown[]>((resolve) => {
      settleList(
        () => Promise.reject(failure),
        (...outcome: unknown[]) => resolve(outcome),
      );
    });
    expect(got).toEqual([failure]);
    let started = false;
    const page = async () => {
      started = true;
      return { items: [], count: 0 };
    };
    await expect(settleList(page, 'not a function')).rejects.toThrow(InvalidArgumentError);
    expect(started).toBe(false);
  });
});

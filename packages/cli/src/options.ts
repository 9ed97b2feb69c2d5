/**
 * Parsers for option values; commander reports what they throw as a usage error.
 * @module
 */
import { InvalidArgumentError as InvalidOptionError } from 'commander';

/** A parser of whole numbers from `minimum` to `maximum`. */
export function wholeNumber(minimum: number, maximum: number): (text: string) => number {
  return (text) => {
    const value = /^\d{1,12}$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= minimum && value <= maximum)) {
      throw new InvalidOptionError(`use a whole number from ${minimum} to ${maximum}`);
    }
    return value;
  };
}

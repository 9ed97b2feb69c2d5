/**
 * The package version, written in by the build (`tsup.config.ts`); `0.0.0-dev` when the
 * sources run unbuilt, as in unit tests.
 * @module
 */
declare const __PACKAGE_VERSION__: string | undefined;

/** This package's version, printed by `opentok --version` and sent in the `User-Agent`. */
export const VERSION: string = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

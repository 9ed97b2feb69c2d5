/**
 * The Hono environment of the emulator's routes.
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import type { EmulatorProject } from './model.js';

/** Bindings come from `@hono/node-server` (absent when the app is called through `fetch`). */
export interface EmulatorEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The project the request authenticated as. */
    project: EmulatorProject;
    /** Set on the control API: errors are always JSON there. */
    jsonErrors: boolean;
    /** The request body as text (see `body-reader.ts`). */
    body: string;
  };
}

/**
 * Signature secrets of callbacks: one per project (or Vonage application) for all its URLs,
 * and one per callback URL that wins over it, as the service configures a secret per callback
 * URL. Set from `startEmulator` (`callbackSecret`), `--callback-secret` and `PUT
 * /_emulator/projects/{apiKey}/callbacks` (`callbackSecret`, `callbackSecrets`). A secret is
 * never shown: the control API says only which URLs are signed.
 * @module
 */
import { EmulatorProblem } from '../problem.js';
import { checkCallbackUrl } from './callback-store.js';

/** A change of secrets: the project's (`null` clears it) and per URL (`null` clears one). */
export interface CallbackSecretChange {
  callbackSecret?: string | null | undefined;
  callbackSecrets?: Record<string, string | null> | undefined;
}

/** A secret of 1 to 256 printable characters, or a 400 naming `what` (never the value). */
export function checkCallbackSecret(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new EmulatorProblem(400, `${what} must be 1 to 256 printable characters without spaces.`);
  }
  return value;
}

/** Reads `callbackSecret` and `callbackSecrets` (`{ URL: secret | null }`) of a request body. */
export function parseCallbackSecrets(body: Record<string, unknown>): CallbackSecretChange {
  const change: CallbackSecretChange = {};
  const { callbackSecret, callbackSecrets } = body;
  if (callbackSecret !== undefined) {
    change.callbackSecret = callbackSecret === null ? null : checkCallbackSecret(callbackSecret, 'callbackSecret');
  }
  if (callbackSecrets !== undefined) {
    if (typeof callbackSecrets !== 'object' || callbackSecrets === null || Array.isArray(callbackSecrets)) {
      throw new EmulatorProblem(400, 'callbackSecrets must be an object of callback URL to secret (or null).');
    }
    change.callbackSecrets = {};
    for (const [url, secret] of Object.entries(callbackSecrets)) {
      checkCallbackUrl(url, 'callbackSecrets key');
      change.callbackSecrets[url] = secret === null ? null : checkCallbackSecret(secret, 'callbackSecrets value');
    }
  }
  return change;
}

/** The signature secrets of one emulator. */
export class CallbackSecrets {
  private readonly projects = new Map<string, string>();
  private readonly urls = new Map<string, Map<string, string>>();

  /** Applies a change to a project's secrets. */
  apply(apiKey: string, change: CallbackSecretChange): void {
    if (change.callbackSecret === null) this.projects.delete(apiKey);
    else if (change.callbackSecret !== undefined) this.projects.set(apiKey, change.callbackSecret);
    for (const [url, secret] of Object.entries(change.callbackSecrets ?? {})) {
      const perUrl = this.urls.get(apiKey) ?? new Map<string, string>();
      if (secret === null) perUrl.delete(url);
      else perUrl.set(url, secret);
      this.urls.set(apiKey, perUrl);
    }
  }

  /** The secret that signs a project's deliveries to `url`: the URL's own, else the project's. */
  secretFor(apiKey: string, url: string): string | undefined {
    return this.urls.get(apiKey)?.get(url) ?? this.projects.get(apiKey);
  }

  /** What the control API shows: whether the project signs, and which URLs have their own secret. */
  describe(apiKey: string): { callbackSecret?: true; callbackSecrets?: string[] } {
    const urls = [...(this.urls.get(apiKey)?.keys() ?? [])];
    return {
      ...(this.projects.has(apiKey) ? { callbackSecret: true as const } : {}),
      ...(urls.length > 0 ? { callbackSecrets: urls } : {}),
    };
  }
}

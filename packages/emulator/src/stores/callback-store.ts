/**
 * Callback configuration: the URLs each project wants its events POSTed to, per group
 * (archive, broadcast, session monitoring, SIP, render, captions), set from `startEmulator`,
 * the command line or `PUT /_emulator/projects/{apiKey}/callbacks`, plus the registrations of
 * the legacy `/v2/project/{apiKey}/callback` API.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { EmulatorProblem } from '../problem.js';

/** The groups of events a project can send to its own URL. */
export const CALLBACK_GROUPS = ['archive', 'broadcast', 'session', 'sip', 'render', 'captions'] as const;

/** A group of events: `session` is session monitoring (connections, streams, sessions). */
export type CallbackGroup = (typeof CALLBACK_GROUPS)[number];

/** A URL per group; a group without one sends nothing. */
export type CallbackUrls = Partial<Record<CallbackGroup, string>>;

/** A registration of the legacy callback API. */
export interface CallbackRegistration {
  id: string;
  apiKey: string;
  /** `archive`, `connection`, `stream`, or any group name. */
  group: string;
  /** `status`, `created`, `destroyed`… */
  event: string;
  url: string;
  createdAt: number;
}

/** The group an event belongs to. */
export function groupOf(event: string): CallbackGroup {
  if (event === 'archive' || event === 'broadcast' || event === 'render' || event === 'captions') return event;
  if (event.startsWith('call') || event === 'muteForced') return 'sip';
  return 'session';
}

/** `true` when a legacy registration asks for this event. */
function registrationWants(registration: CallbackRegistration, event: string): boolean {
  const { group } = registration;
  const wanted = registration.event.toLowerCase();
  if (group === 'connection' || group === 'stream') {
    return event === `${group}${wanted.charAt(0).toUpperCase()}${wanted.slice(1)}`;
  }
  if (group === 'session') return groupOf(event) === 'session';
  return groupOf(event) === group;
}

/**
 * An `http://` or `https://` URL without credentials, or a 400 (or `TypeError` for the
 * options of `startEmulator`, through `what`).
 */
export function checkCallbackUrl(value: unknown, what: string): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' && value.length <= 2048 ? new URL(value) : undefined;
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    throw new EmulatorProblem(400, `${what} must be an http or https URL without credentials.`);
  }
  // Kept as given: the receiver sees the path it asked for.
  return value as string;
}

/** A change of a project's URLs: a URL per group, `null` to turn a group off. */
export type CallbackUrlChange = Partial<Record<CallbackGroup, string | null>>;

/**
 * Reads a URL configuration: a string (every group), `{ url }` (every group) or one URL per
 * group (`{ archive, session, … }`); `null` for a group turns it off.
 */
export function parseCallbackUrls(input: unknown, what = 'callbacks'): CallbackUrlChange {
  if (typeof input === 'string') return everyGroup(checkCallbackUrl(input, what));
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new EmulatorProblem(400, `${what} must be a URL, { "url": URL } or one URL per group.`);
  }
  const body = input as Record<string, unknown>;
  const result: Record<string, string | null> = {};
  if (body.url !== undefined) {
    if (body.url === null) Object.assign(result, Object.fromEntries(CALLBACK_GROUPS.map((group) => [group, null])));
    else Object.assign(result, everyGroup(checkCallbackUrl(body.url, `${what}.url`)));
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'url') continue;
    if (!(CALLBACK_GROUPS as readonly string[]).includes(key)) {
      throw new EmulatorProblem(
        400,
        `${what} has no group ${JSON.stringify(key.slice(0, 40))}; groups are ${CALLBACK_GROUPS.join(', ')}.`,
      );
    }
    result[key] = value === null ? null : checkCallbackUrl(value, `${what}.${key}`);
  }
  return result as CallbackUrlChange;
}

function everyGroup(url: string): CallbackUrls {
  return Object.fromEntries(CALLBACK_GROUPS.map((group) => [group, url]));
}

/** The callback URLs and legacy registrations of one emulator. */
export class CallbackStore {
  private readonly urls = new Map<string, CallbackUrls>();
  private readonly registrations = new Map<string, CallbackRegistration>();

  constructor(private readonly now: () => number) {}

  /** Sets (a `null` clears) the URLs of some groups of a project; other groups keep theirs. */
  configure(apiKey: string, change: CallbackUrlChange): CallbackUrls {
    const current = { ...this.urls.get(apiKey) };
    for (const group of CALLBACK_GROUPS) {
      const value = change[group];
      if (value === null) delete current[group];
      else if (value !== undefined) current[group] = value;
    }
    this.urls.set(apiKey, current);
    return current;
  }

  /** The configured URLs of a project. */
  urlsOf(apiKey: string): CallbackUrls {
    return { ...this.urls.get(apiKey) };
  }

  /** `true` when any project has a URL or a registration: events are worth watching. */
  active(): boolean {
    if (this.registrations.size > 0) return true;
    for (const urls of this.urls.values()) if (Object.keys(urls).length > 0) return true;
    return false;
  }

  /** Every URL an event of a project goes to, without duplicates, configured ones first. */
  targets(apiKey: string, event: string): string[] {
    const targets = new Set<string>();
    const configured = this.urls.get(apiKey)?.[groupOf(event)];
    if (configured) targets.add(configured);
    for (const registration of this.registrations.values()) {
      if (registration.apiKey === apiKey && registrationWants(registration, event)) targets.add(registration.url);
    }
    return [...targets];
  }

  /** Adds a legacy registration (`POST /v2/project/{apiKey}/callback`). */
  register(apiKey: string, group: string, event: string, url: string): CallbackRegistration {
    const registration = { id: randomUUID(), apiKey, group, event, url, createdAt: this.now() };
    this.registrations.set(registration.id, registration);
    return registration;
  }

  /** The legacy registrations of a project, oldest first. */
  list(apiKey: string): CallbackRegistration[] {
    return [...this.registrations.values()].filter((registration) => registration.apiKey === apiKey);
  }

  /** Removes a legacy registration, or a 404. */
  unregister(apiKey: string, callbackId: string): void {
    const registration = this.registrations.get(callbackId);
    if (!registration || registration.apiKey !== apiKey) throw new EmulatorProblem(404, 'Callback not found');
    this.registrations.delete(callbackId);
  }
}

/**
 * The media files the emulator serves at the download URLs of its archives, built on demand
 * and kept in a small cache (their length depends only on the duration they claim).
 * @module
 */
import { createFlv } from './flv.js';
import { createMp4 } from './mp4.js';

const CACHE_LIMIT = 32;
const cache = new Map<string, Buffer>();

function cached(key: string, build: () => Buffer): Buffer {
  let file = cache.get(key);
  if (!file) {
    file = build();
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, file);
  }
  return file;
}

/** The MP4 of a modern archive lasting `durationMs`. */
export const archiveMp4 = (durationMs: number): Buffer =>
  cached(`mp4:${Math.max(1000, Math.round(durationMs))}`, () => createMp4(durationMs));

/** The FLV of a legacy archive video lasting `durationMs`. */
export const videoFlv = (durationMs: number): Buffer =>
  cached(`flv:${Math.max(1000, Math.round(durationMs))}`, () => createFlv(durationMs));

/** Size in bytes of every generated MP4 (independent of the duration). */
export const MP4_SIZE = /* @__PURE__ */ (() => createMp4(1000).length)();

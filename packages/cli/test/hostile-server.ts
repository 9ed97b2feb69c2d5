/**
 * A hostile API for the command tests: a node:http server on 127.0.0.1, port 0, in front of a
 * real emulator. It forwards every request and rewrites the text of the answers (JSON, the
 * legacy XML manifest, error bodies) with the test's `rewrite`, so that the answers are the
 * emulator's in every way but the hostile values the test puts in. Media passes unchanged.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Changes the text of one answer; `path` is the request's path with its query. */
export type Rewrite = (text: string, path: string, status: number) => string;

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the hostile server in front of `target` (the emulator's URL); `close` stops it. */
export async function startHostileServer(target: string, rewrite: Rewrite) {
  const server = createServer(async (request, response) => {
    try {
      const body = await bodyOf(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      const answer = await fetch(new URL(request.url ?? '/', target), {
        method: request.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      const type = answer.headers.get('content-type') ?? '';
      const raw = Buffer.from(await answer.arrayBuffer());
      const text = /json|xml|text/.test(type)
        ? rewrite(raw.toString('utf8'), request.url ?? '/', answer.status)
        : undefined;
      const sent = text === undefined ? raw : Buffer.from(text, 'utf8');
      response.writeHead(answer.status, { 'content-type': type, 'content-length': String(sent.length) });
      response.end(sent);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A JSON string's inside: `value` as it would appear between the quotes of a JSON document. */
export function jsonText(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

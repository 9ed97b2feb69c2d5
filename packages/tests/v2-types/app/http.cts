/**
 * The few Express shapes the 2.x-style server below uses, declared here so that the type
 * tests need no web framework: `app.get(path, (req, res) => …)`, `req.params`, `res.json`.
 * @module
 */
export interface Request {
  params: { [name: string]: string };
  query: { [name: string]: string | undefined };
  // biome-ignore lint/suspicious/noExplicitAny: Express types the parsed body as any, and 2.x apps read it so.
  body: any;
}

export interface Response {
  status(code: number): Response;
  json(body: unknown): void;
  send(body: string): void;
}

export type Handler = (req: Request, res: Response) => void;

export interface App {
  get(path: string, handler: Handler): void;
  post(path: string, handler: Handler): void;
  delete(path: string, handler: Handler): void;
}

/** An app that records its routes (the tests only compile it). */
export function express(): App {
  const routes: { [key: string]: Handler } = {};
  return {
    get: (path, handler) => {
      routes['GET ' + path] = handler;
    },
    post: (path, handler) => {
      routes['POST ' + path] = handler;
    },
    delete: (path, handler) => {
      routes['DELETE ' + path] = handler;
    },
  };
}

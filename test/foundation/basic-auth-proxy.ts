import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP front for the real registry that asks for basic auth, as Confluent Cloud or a registry behind a
 * gateway does: it answers 401 to anyone without the credentials and forwards everything else untouched.
 */
export class BasicAuthProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly counts: { authorized: number; refused: number },
  ) {}

  /** Requests forwarded with the right credentials. */
  get authorized(): number {
    return this.counts.authorized;
  }

  /** Requests answered 401. */
  get refused(): number {
    return this.counts.refused;
  }

  static async start(target: string, username: string, password: string): Promise<BasicAuthProxy> {
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const base = new URL(target);
    const counts = { authorized: 0, refused: 0 };
    const server = createServer((req, res) => {
      if (req.headers.authorization !== expected) {
        counts.refused++;
        res.writeHead(401, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        res.end(JSON.stringify({ error_code: 40101, message: 'Unauthorized' }));
        return;
      }
      counts.authorized++;
      forward(req, `${base.origin}${req.url}`).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new BasicAuthProxy(server, `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, '')}`, counts);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function forward(req: IncomingMessage, url: string): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return fetch(url, {
    method: req.method,
    headers: { 'content-type': req.headers['content-type'] ?? 'application/vnd.schemaregistry.v1+json' },
    ...(body ? { body } : {}),
  });
}

// A load balancer for tests: one public address (the issuer) in front of several instances. The
// test chooses the instance that serves the next requests, as a balancer without sticky sessions
// might, and every request is recorded with the instance that answered it, so a test can prove a
// step really ran where it claims.
import { createServer, request, type Server } from 'node:http';

export interface Forwarded {
  instance: string;
  method: string;
  path: string;
  status: number;
}

export class LoadBalancer {
  readonly served: Forwarded[] = [];
  private readonly instances = new Map<string, number>();
  private target: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free port on 127.0.0.1, before any instance exists: the issuer is its address. */
  static async start(): Promise<LoadBalancer> {
    let balancer: LoadBalancer | undefined; // eslint-disable-line prefer-const -- assigned below, read by the handler above it
    const server = createServer((incoming, outgoing) => {
      const name = balancer!.target;
      if (name === undefined) return void outgoing.writeHead(503).end();
      const upstream = request(
        {
          host: '127.0.0.1',
          port: balancer!.instances.get(name),
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          balancer!.served.push({
            instance: name,
            method: incoming.method!,
            path: incoming.url!.split('?')[0]!,
            status: answer.statusCode!,
          });
          outgoing.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => {
        outgoing.writeHead(502).end();
      });
      incoming.pipe(upstream);
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    balancer = new LoadBalancer(server, port);
    return balancer;
  }

  /** Puts an instance (listening on 127.0.0.1:`port`) behind the balancer. */
  add(name: string, port: number): void {
    this.instances.set(name, port);
    this.target ??= name;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends the requests that follow to `instance`, and returns what the balancer served meanwhile. */
  async via<T>(instance: string, step: () => Promise<T>): Promise<{ result: T; served: Forwarded[] }> {
    if (!this.instances.has(instance)) throw new Error(`no instance ${instance}`);
    this.target = instance;
    const from = this.served.length;
    const result = await step();
    return { result, served: this.served.slice(from) };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** Drops every connection and refuses new ones (the service looks down). */
  cut(): Promise<void>;
  /**
   * A silent partition: connections stay open and new ones are accepted, but
   * no byte gets through either way until `restore()`, which delivers what
   * was held, in order (as TCP's retransmission would after the network heals).
   */
  blackhole(): void;
  /** Accepts connections again on the same port, or ends a blackhole. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `target`, which a test can cut and restore to fake an outage. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  /** While set, what each socket should receive waits here. */
  let held: Map<Socket, Buffer[]> | undefined;

  const forward = (from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (held) held.set(to, [...(held.get(to) ?? []), chunk]);
      else to.write(chunk);
    });
  };

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection(target);
        sockets.add(client);
        sockets.add(upstream);
        const drop = (): void => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        forward(client, upstream);
        forward(upstream, client);
      });
      s.on('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = s;
        resolve();
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) {
        resolve();
        return;
      }
      server.close(() => {
        resolve();
      });
      server = undefined;
    });

  await listen();
  return {
    get port() {
      return port;
    },
    cut: async () => {
      held = undefined;
      await stop();
    },
    blackhole: () => {
      held ??= new Map();
    },
    restore: async () => {
      const waiting = held;
      held = undefined;
      for (const [socket, chunks] of waiting ?? []) if (!socket.destroyed) for (const c of chunks) socket.write(c);
      if (!server) await listen();
    },
    close: async () => {
      held = undefined;
      await stop();
    },
  };
}

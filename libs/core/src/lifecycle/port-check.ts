import { createServer } from 'node:net';

/** Whether something already listens on host:port (tried by listening, then closing at once). */
export function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(true);
      else reject(err);
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => {
        resolve(false);
      });
    });
  });
}

/** The one line printed when the API's port is taken. */
export function portTakenMessage(host: string, port: number): string {
  return `Port ${port} on ${host} is already in use (another API, e.g. \`yarn demo\`, is running?): stop it, or set PORT to a free port (and HOST if needed).`;
}

/**
 * Ends the process (exit code 1) with one line naming the port and the
 * variable to change when the port is taken, before anything else starts
 * (in development the GraphQL module rewrites apps/api/schema.graphql).
 */
export async function exitIfPortTaken(host: string, port: number): Promise<void> {
  if (await portTaken(host, port)) {
    process.stderr.write(`${portTakenMessage(host, port)}\n`);
    process.exit(1);
  }
}

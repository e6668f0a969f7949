import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import { helmetHeaders } from './security-headers';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
  },
  crossOriginEmbedderPolicy: false,
};

describe('helmetHeaders', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // helmet as a plain Node middleware in front of a real server: what it sends per request.
    const middleware = helmet(OPTIONS);
    server = createServer((req, res) => {
      res.setHeader('x-powered-by', 'something');
      middleware(req, res, () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  );

  it('holds exactly the headers helmet sends on a response', async () => {
    const res = await fetch(url);
    const sent = Object.fromEntries(
      [...res.headers.entries()].filter(
        ([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name),
      ),
    );
    expect(helmetHeaders(OPTIONS)).toEqual(sent);
    expect(sent['content-security-policy']).toContain("default-src 'self'");
    expect(sent['x-powered-by']).toBeUndefined();
  });

  it('refuses options that need the request (per-request nonces)', () => {
    expect(() =>
      helmetHeaders({
        contentSecurityPolicy: { directives: { 'script-src': [(_req, res) => `'nonce-${String(res.statusCode)}'`] } },
      }),
    ).toThrow();
  });
});

import { graphql, jsonLines, startApi, testEnv, type RunningApi } from '@app/testing';

describe('x-request-id from the HTTP edge to every log line', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(testEnv({ LOG_LEVEL: 'debug' }));
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
  });

  it('echoes a sane caller id and puts it on every log line of the request', async () => {
    const res = await graphql(api.url, 'query Version { apiVersion }', undefined, { 'x-request-id': 'abc-123' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    await api.waitForLine(/"requestId":"abc-123".*"msg":"request completed 200"/);

    const lines = jsonLines(api.lines).filter((l) => JSON.stringify(l).includes('abc-123'));
    // At debug, the start line too (at info only the completed one: request-log-level test below).
    expect(lines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['request started', 'request completed 200']));
    for (const line of lines) expect(line['requestId']).toBe('abc-123');
    const completed = lines.find((l) => l['msg'] === 'request completed 200');
    expect(completed).toMatchObject({ res: { statusCode: 200 }, durationMs: expect.any(Number) });
  });

  it('replaces an unsafe caller id with a new UUID', async () => {
    const res = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every response a request id, even without one from the caller', async () => {
    const res = await fetch(`${api.url}/meta`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs the authorization header or cookies', async () => {
    await graphql(api.url, '{ apiVersion }', undefined, {
      authorization: 'Bearer secret-token-value',
      cookie: 'session=secret-cookie',
      'x-request-id': 'redact-1',
    });
    await api.waitForLine(/"requestId":"redact-1".*"msg":"request completed/);
    const output = api.lines.join('\n');
    expect(output).not.toContain('secret-token-value');
    expect(output).not.toContain('secret-cookie');
  });
});

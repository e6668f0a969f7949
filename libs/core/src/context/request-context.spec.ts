import DataLoader from 'dataloader';
import { EventEmitter } from 'node:events';
import { RequestContext } from './request-context';

describe('RequestContext', () => {
  it('keeps a sane caller id and replaces anything else with a UUID', () => {
    expect(RequestContext.requestIdFrom('abc-123')).toBe('abc-123');
    expect(RequestContext.requestIdFrom(['trace.1:2', 'x'])).toBe('trace.1:2');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'a'.repeat(129), 'has space', 'new\nline', '<script>', 'ünïcode']) {
      expect(RequestContext.requestIdFrom(bad)).toMatch(uuid);
    }
  });

  it('survives awaits, timers and concurrent requests without mixing them', async () => {
    const seen: string[] = [];
    const request = (id: string, delay: number) =>
      RequestContext.run({ requestId: id }, async () => {
        await new Promise((r) => setTimeout(r, delay));
        await Promise.resolve();
        RequestContext.assign({ tenantId: `t-${id}` });
        await new Promise((r) => setImmediate(r));
        seen.push(`${RequestContext.requestId() ?? '?'}:${RequestContext.current()?.tenantId ?? '?'}`);
      });
    await Promise.all([request('a', 20), request('b', 5), request('c', 10)]);
    expect(seen.sort()).toEqual(['a:t-a', 'b:t-b', 'c:t-c']);
    expect(RequestContext.current()).toBeUndefined();
  });

  it('reaches a DataLoader batch function and an event handler', async () => {
    const seenInBatch: (string | undefined)[] = [];
    const seenInHandler: (string | undefined)[] = [];
    const events = new EventEmitter();
    events.on('changed', () => seenInHandler.push(RequestContext.requestId()));

    await RequestContext.run({ requestId: 'dl-1' }, async () => {
      // One loader per request, as the API builds them.
      const loader = new DataLoader<number, number>((keys) => {
        seenInBatch.push(RequestContext.requestId());
        return Promise.resolve(keys.map((k) => k * 2));
      });
      expect(await Promise.all([loader.load(1), loader.load(2)])).toEqual([2, 4]);
      events.emit('changed');
    });
    expect(seenInBatch).toEqual(['dl-1']);
    expect(seenInHandler).toEqual(['dl-1']);
  });
});

import { LocalWindows } from './fixed-window';

describe('LocalWindows (the in-process fallback of the Redis windows)', () => {
  it('counts hits per key in a window and starts over when it ends', () => {
    const w = new LocalWindows();
    expect(w.hit('a', 60, 0)).toEqual({ count: 1, ttl: 60 });
    expect(w.hit('a', 60, 10_000)).toEqual({ count: 2, ttl: 50 });
    expect(w.hit('b', 60, 10_000)).toEqual({ count: 1, ttl: 60 });
    expect(w.hit('a', 60, 60_000)).toEqual({ count: 1, ttl: 60 });
  });

  it('stays within its size: expired windows go first, then the oldest', () => {
    const w = new LocalWindows(2);
    w.hit('old', 1, 0);
    w.hit('kept', 60, 0);
    w.hit('new', 60, 5_000); // 'old' has expired: it goes
    expect(w.size).toBe(2);
    expect(w.hit('kept', 60, 5_000).count).toBe(2);
    w.hit('newer', 60, 6_000); // full of live windows: the oldest ('kept') goes
    expect(w.size).toBe(2);
    expect(w.hit('kept', 60, 6_000).count).toBe(1);
  });
});

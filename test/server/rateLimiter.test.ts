import { RateLimiter } from '../../src/server/rateLimiter';

describe('RateLimiter', () => {
  it('allows a burst up to capacity, then refills at the given rate', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, () => now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used, and still limits the busy key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 1, () => now, 3);
    expect(limiter.take('busy').allowed).toBe(true);
    for (let i = 0; i < 1000; i += 1) {
      limiter.take(`flood-${i}`);
      // The busy key keeps being used, so it is never the least recently used one.
      if (i % 2 === 0) expect(limiter.take('busy').allowed).toBe(false);
      now += 1;
    }
    expect(limiter.size).toBe(3);
  });
});

import { runNowAndEvery } from '../../src/core/repeat';

describe('runNowAndEvery', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs now and at each interval, reports failures without stopping, and stops when told', async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const stop = runNowAndEvery(
      () => (++runs === 2 ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      1000,
      (error) => errors.push(error),
    );
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(3);
    expect(errors).toEqual([new Error('disk full')]);
    stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });
});

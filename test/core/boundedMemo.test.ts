import { BoundedMemo } from '../../src/core/boundedMemo';

describe('BoundedMemo', () => {
  it('computes each key once, remembering falsy results too', () => {
    const calls: string[] = [];
    const memo = new BoundedMemo((key: string) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    });
    expect([memo.get('abc'), memo.get('none'), memo.get('abc'), memo.get('none')]).toEqual([3, null, 3, null]);
    expect(calls).toEqual(['abc', 'none']);
  });

  it('starts afresh once it holds its limit, so it never grows beyond it', () => {
    const memo = new BoundedMemo((key: number) => key * 2, 3);
    for (let key = 0; key < 10; key += 1) expect(memo.get(key)).toBe(key * 2);
    expect(memo.size).toBeLessThanOrEqual(3);
  });
});

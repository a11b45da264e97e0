import { firstWithPrefix } from '../../../src/core/text/sortedWords';

describe('firstWithPrefix', () => {
  const sorted = ['coca', 'objective', 'objectives', 'peru'];

  it('finds where the words beginning with a prefix start', () => {
    expect(firstWithPrefix(sorted, 'obj')).toBe(1);
    expect(sorted.slice(firstWithPrefix(sorted, 'objective'))).toEqual(['objective', 'objectives', 'peru']);
  });

  it('points past every word before the prefix when none begins with it', () => {
    expect(firstWithPrefix(sorted, 'abc')).toBe(0);
    expect(firstWithPrefix(sorted, 'mig')).toBe(1);
    expect(firstWithPrefix(sorted, 'pan')).toBe(3);
    expect(firstWithPrefix(sorted, 'zzz')).toBe(4);
    expect(firstWithPrefix([], 'a')).toBe(0);
  });
});

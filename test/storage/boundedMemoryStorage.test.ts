import { BoundedMemoryStorage } from '../../src/storage/boundedMemoryStorage';

describe('BoundedMemoryStorage', () => {
  it('forgets the least recently written items beyond its cap', async () => {
    const storage = new BoundedMemoryStorage(2);
    await storage.write({ a: { v: 1 } });
    await storage.write({ b: { v: 2 } });
    await storage.write({ a: { v: 3, eTag: '*' } });
    await storage.write({ c: { v: 4 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c'])).sort()).toEqual(['a', 'c']);
  });

  it('keeps MemoryStorage eTag checks', async () => {
    const storage = new BoundedMemoryStorage(10);
    await storage.write({ k: { v: 1 } });
    const read = (await storage.read(['k'])) as Record<string, { eTag: string }>;
    await storage.write({ k: { v: 2, eTag: read.k?.eTag } });
    await expect(storage.write({ k: { v: 3, eTag: read.k?.eTag } })).rejects.toThrow(/eTag conflict/);
  });
});

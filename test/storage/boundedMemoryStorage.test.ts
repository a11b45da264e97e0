import { BoundedMemoryStorage } from '../../src/storage/boundedMemoryStorage';

describe('BoundedMemoryStorage', () => {
  it('forgets the least recently written items beyond its cap', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 2, maxChars: 2 ** 20 });
    await storage.write({ a: { v: 1 } });
    await storage.write({ b: { v: 2 } });
    await storage.write({ a: { v: 3, eTag: '*' } });
    await storage.write({ c: { v: 4 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c'])).sort()).toEqual(['a', 'c']);
  });

  it('forgets the least recently written items beyond its size in characters, however few they are', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 100, maxChars: 2500 });
    const long = 'x'.repeat(1000);
    await storage.write({ a: { text: long } });
    await storage.write({ b: { text: long } });
    expect(Object.keys(await storage.read(['a', 'b'])).sort()).toEqual(['a', 'b']);
    await storage.write({ c: { text: long } });
    expect(Object.keys(await storage.read(['a', 'b', 'c'])).sort()).toEqual(['b', 'c']);
    // An item that outgrows the whole budget is not kept, and its earlier version goes with it.
    await storage.write({ b: { text: 'y'.repeat(3000), eTag: '*' } });
    expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['c']);
  });

  it('gives an item back as written, with a new eTag on each write', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 10, maxChars: 2 ** 20 });
    await storage.write({ k: { v: 1, eTag: '*' } });
    const first = (await storage.read(['k'])).k as { v: number; eTag: string };
    expect(first.v).toBe(1);
    await storage.write({ k: { v: 2, eTag: first.eTag } });
    const second = (await storage.read(['k'])).k as { v: number; eTag: string };
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });

  it('takes and gives items as JSON text, checking eTags as on write', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 10, maxChars: 2 ** 20 });
    await storage.writeJson('k', '{"v":1}', undefined);
    const stored = await storage.readJson('k');
    expect(stored?.json).toBe('{"v":1}');
    expect((await storage.read(['k'])).k).toEqual({ v: 1, eTag: stored?.eTag });
    await storage.writeJson('k', '{"v":2}', stored?.eTag);
    await expect(storage.writeJson('k', '{"v":3}', stored?.eTag)).rejects.toThrow(/eTag conflict/);
    await expect(storage.write({ k: { v: 3, eTag: stored?.eTag } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.readJson('k')).toMatchObject({ json: '{"v":2}' });
  });

  it('keeps MemoryStorage eTag checks', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 10, maxChars: 2 ** 20 });
    await storage.write({ k: { v: 1 } });
    const read = (await storage.read(['k'])) as Record<string, { eTag: string }>;
    await storage.write({ k: { v: 2, eTag: read.k?.eTag } });
    await expect(storage.write({ k: { v: 3, eTag: read.k?.eTag } })).rejects.toThrow(/eTag conflict/);
  });
});

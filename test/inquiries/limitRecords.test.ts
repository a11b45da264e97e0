import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { type LimitRecords, SendLimiter } from '../../src/core/contact/sendLimits';
import { BlobLimitRecords } from '../../src/inquiries/blobLimitRecords';
import { FileLimitRecords } from '../../src/inquiries/fileLimitRecords';
import { Azurite } from '../helpers/azurite';
import { noCaps } from '../helpers/contact';
import { tempDir } from '../helpers/tempDir';

const azurite = new Azurite();
let containers = 0;

const kinds: [string, () => LimitRecords][] = [
  ['files', () => new FileLimitRecords(tempDir('limit-records-'))],
  [
    'blobs on Azurite',
    () => {
      containers += 1;
      const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
      return new BlobLimitRecords(service.getContainerClient(`limits-${containers}`));
    },
  ],
];

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

describe.each(kinds)('limit records as %s', (_, make) => {
  it('creates a record only once, reads it, lists a folder and removes it', async () => {
    const records = make();
    expect(await records.create('day/2026-11-30/email/abc/1', 'tag')).toBe(true);
    expect(await records.create('day/2026-11-30/email/abc/1', 'other')).toBe(false);
    expect(await records.create('day/2026-11-30/email/abc/2', 'tag')).toBe(true);
    expect(await records.read('day/2026-11-30/email/abc/1')).toBe('tag');
    expect(await records.read('day/2026-11-30/email/abc/9')).toBeUndefined();
    expect((await records.children('day/2026-11-30/email/abc')).sort()).toEqual(['1', '2']);
    expect(await records.children('day')).toEqual(['2026-11-30']);
    expect(await records.children('hour')).toEqual([]);
    await records.remove('day/2026-11-30/email/abc/1');
    expect(await records.children('day/2026-11-30/email/abc')).toEqual(['2']);
    await records.removeAll('day/2026-11-30');
    expect(await records.children('day')).toEqual([]);
  });

  it('lets exactly one of many concurrent creates of one record win', async () => {
    const records = make();
    const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => records.create('hour/x/overall/1', `${i}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('holds a cap across two limiters (two instances) sharing the records', async () => {
    const records = make();
    const caps = { ...noCaps, perEmailPerDay: 3 };
    const events = { overallCapReached: () => undefined };
    const a = new SendLimiter(records, caps, events);
    const b = new SendLimiter(records, caps, events);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).reserve({ conversation: `c${i}`, user: `u${i}`, email: 'ana@example.org' }, `s${i}`),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
  });
});

describe('limit records as files', () => {
  it('keeps folders private (0700) and files private (0600)', async () => {
    const dir = tempDir('limit-records-');
    await new FileLimitRecords(join(dir, 'limits')).create('day/2026-11-30/user/abc/1', 'tag');
    expect(statSync(join(dir, 'limits', 'day')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'limits', 'day', '2026-11-30', 'user', 'abc')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'limits', 'day', '2026-11-30', 'user', 'abc', '1')).mode & 0o777).toBe(0o600);
  });

  it('creates in a folder a listing found missing, whether or not another process made it since', async () => {
    const dir = tempDir('limit-records-');
    const here = new FileLimitRecords(dir);
    const elsewhere = new FileLimitRecords(dir);
    expect(await here.children('day/2026-11-30/user/abc')).toEqual([]);
    expect(await here.children('day/2026-11-30/user/def')).toEqual([]);
    expect(await elsewhere.create('day/2026-11-30/user/def/1', 'theirs')).toBe(true);
    expect(await here.create('day/2026-11-30/user/abc/1', 'ours')).toBe(true);
    expect(await here.create('day/2026-11-30/user/def/1', 'ours')).toBe(false);
    expect(await here.create('day/2026-11-30/user/def/2', 'ours')).toBe(true);
    expect(statSync(join(dir, 'day', '2026-11-30', 'user', 'abc')).mode & 0o777).toBe(0o700);
    expect(await here.read('day/2026-11-30/user/def/1')).toBe('theirs');
  });

  it('refuses a record name that could leave its folder', async () => {
    const records = new FileLimitRecords(tempDir('limit-records-'));
    await expect(records.create('../escape', 'x')).rejects.toThrow('invalid limit record name');
  });
});

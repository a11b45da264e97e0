import { BlobServiceClient } from '@azure/storage-blob';
import { SignalLog } from '../../src/core/signals/signalLog';
import { BlobSignalStore } from '../../src/signals/blobSignalStore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Azurite } from '../helpers/azurite';
import { runReport } from '../helpers/report';
import { tempDir } from '../helpers/tempDir';

const answer = (unit: string) => ({ kind: 'answer', language: 'en', unit, via: 'question' }) as const;

describe('BlobSignalStore on Azurite', () => {
  const azurite = new Azurite();
  const container = () =>
    BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('signals-test');

  beforeAll(() => azurite.start(), 30_000);
  afterAll(() => azurite.stop());

  it('lets every instance append to a blob of its own, and reads what all of them wrote', async () => {
    const instances = ['one', 'two'].map((name) => new SignalLog(new BlobSignalStore(container(), name)));
    const now = new Date('2026-11-30T12:00:00Z');
    instances[0]?.record(answer('usaid-peru#goal'), now);
    instances[1]?.record(answer('usaid-peru#policy'), new Date('2026-11-30T12:00:01Z'));
    await Promise.all(instances.map((log) => log.flush()));
    // A second write appends to the same blob.
    instances[0]?.record(answer('usaid-peru#overview'), new Date('2026-11-30T12:00:02Z'));
    await instances[0]?.flush();
    const names: string[] = [];
    for await (const blob of container().listBlobsFlat({ prefix: 'signals/' })) names.push(blob.name);
    expect(names.sort()).toEqual(['signals/2026-11-30/one.jsonl', 'signals/2026-11-30/two.jsonl']);
    const read = await new SignalLog(new BlobSignalStore(container())).read(new Date('2026-12-01T00:00:00Z'));
    expect(read.map((e) => (e.kind === 'answer' ? e.unit : ''))).toEqual([
      'usaid-peru#goal',
      'usaid-peru#policy',
      'usaid-peru#overview',
    ]);
  });

  it('deletes the blobs of days past retention', async () => {
    const log = new SignalLog(new BlobSignalStore(container(), 'old'), { retentionDays: 30 });
    log.record(answer('usaid-peru#goal'), new Date('2026-09-01T12:00:00Z'));
    await log.flush();
    expect(await log.purge(new Date('2026-12-01T00:00:00Z'))).toBe(1);
    const names: string[] = [];
    for await (const blob of container().listBlobsFlat({ prefix: 'signals/2026-09' })) names.push(blob.name);
    expect(names).toEqual([]);
  });

  it('is what the report reads with STORAGE=blob', async () => {
    const log = new SignalLog(new BlobSignalStore(container(), 'recent'));
    log.record({ kind: 'feedback', language: 'en', unit: 'usaid-peru#goal', reaction: 'like', channel: 'msteams' });
    await log.flush();
    const dir = tempDir('blob-report-');
    const { stdout } = await runReport(join(dir, 'data'), join(dir, 'report.html'), {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'signals-test',
    });
    expect(stdout).toContain('thumbs up: 1');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('usaid-peru#goal');
  }, 30_000);
});

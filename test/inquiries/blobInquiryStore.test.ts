import { BlobServiceClient } from '@azure/storage-blob';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { ConflictError } from '../../src/core/contact/inquiryStore';
import { BlobInquiryStore } from '../../src/inquiries/blobInquiryStore';
import { Azurite } from '../helpers/azurite';

const inquiry = (reference: string, dedupeKey = reference): Inquiry => ({
  reference,
  createdAt: `2026-11-30T12:00:0${reference.slice(-1) === 'A' ? 1 : 2}.000Z`,
  contactId: 'deputy',
  requester: { name: 'Ana', email: 'ana@example.org' },
  message: 'Hello',
  language: 'en',
  channelId: 'webchat',
  dedupeKey,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T12:00:00.000Z',
});

describe('BlobInquiryStore on Azurite', () => {
  const azurite = new Azurite();
  let count = 0;
  const store = () => {
    count += 1;
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    return new BlobInquiryStore(service.getContainerClient(`inquiries-${count}`));
  };

  beforeAll(() => azurite.start(), 30_000);
  afterAll(() => azurite.stop());

  it('creates, reads back and lists inquiries', async () => {
    const s = store();
    await s.create(inquiry('PE-AAAAAA'));
    await s.create(inquiry('PE-BBBBBB'));
    expect((await s.get('PE-AAAAAA'))?.inquiry.requester.email).toBe('ana@example.org');
    expect((await s.list()).map((x) => x.inquiry.reference)).toEqual(['PE-AAAAAA', 'PE-BBBBBB']);
    await expect(s.ping()).resolves.toBeUndefined();
  });

  it('creates one inquiry per dedupe key, even from concurrent instances', async () => {
    const a = store();
    const results = await Promise.all(
      ['PE-CCCCCC', 'PE-DDDDDD', 'PE-EEEEEE'].map((r) => a.create(inquiry(r, 'same-activity'))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await a.list()).toHaveLength(1);
  });

  it('refuses a replace or delete with a stale eTag', async () => {
    const s = store();
    const { stored } = await s.create(inquiry('PE-FFFFFF'));
    const updated = await s.replace({ ...stored.inquiry, attempts: 1 }, stored.etag);
    await expect(s.replace({ ...stored.inquiry, attempts: 2 }, stored.etag)).rejects.toBeInstanceOf(ConflictError);
    await expect(s.delete(stored)).rejects.toBeInstanceOf(ConflictError);
    await s.delete(updated);
    expect(await s.get('PE-FFFFFF')).toBeUndefined();
  });

  it('forgets the dedupe key with its record, and a key left without its record is taken over', async () => {
    const s = store();
    const { stored } = await s.create(inquiry('PE-GGGGGG', 'activity-1'));
    await s.delete(stored);
    expect((await s.create(inquiry('PE-HHHHHH', 'activity-1'))).created).toBe(true);

    // An instance stopped between deleting a record and its key.
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      `inquiries-${count}`,
    );
    await container.getBlockBlobClient('inquiries/records/PE-HHHHHH.json').delete();
    expect((await s.create(inquiry('PE-JJJJJJ', 'activity-1'))).created).toBe(true);
    const repeat = await s.create(inquiry('PE-KKKKKK', 'activity-1'));
    expect(repeat).toMatchObject({ created: false, stored: { inquiry: { reference: 'PE-JJJJJJ' } } });
    expect((await s.list()).map((x) => x.inquiry.reference)).toEqual(['PE-JJJJJJ']);
  });

  it('lists pending inquiries without downloading delivered ones, and reads records kept without status', async () => {
    const s = store();
    const sent = await s.create(inquiry('PE-LLLLLL'));
    await s.replace({ ...sent.stored.inquiry, status: 'sent' }, sent.stored.etag);
    await s.create(inquiry('PE-MMMMMM'));
    // A record written before the status was kept as metadata.
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      `inquiries-${count}`,
    );
    const legacy = JSON.stringify(inquiry('PE-NNNNNN'));
    await container.getBlockBlobClient('inquiries/records/PE-NNNNNN.json').upload(legacy, Buffer.byteLength(legacy));

    // And one written before that, since delivered.
    const delivered = JSON.stringify({ ...inquiry('PE-OOOOOO'), status: 'sent' });
    await container
      .getBlockBlobClient('inquiries/records/PE-OOOOOO.json')
      .upload(delivered, Buffer.byteLength(delivered));

    const downloads = jest.spyOn(s, 'get');
    const pending = await s.listPending();
    expect(pending.map((x) => x.inquiry.reference).sort()).toEqual(['PE-MMMMMM', 'PE-NNNNNN']);
    expect(downloads.mock.calls.map(([reference]) => reference).sort()).toEqual([
      'PE-MMMMMM',
      'PE-NNNNNN',
      'PE-OOOOOO',
    ]);
    // The old delivered record now carries its status: the next poll does not download it.
    downloads.mockClear();
    await s.listPending();
    expect(downloads.mock.calls.map(([reference]) => reference).sort()).toEqual(['PE-MMMMMM', 'PE-NNNNNN']);
    expect((await s.list()).map((x) => x.inquiry.reference).sort()).toEqual([
      'PE-LLLLLL',
      'PE-MMMMMM',
      'PE-NNNNNN',
      'PE-OOOOOO',
    ]);
  });

  it('moves a record it cannot parse under quarantine/, says which, and reads the others', async () => {
    const problems: string[] = [];
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    count += 1;
    const container = service.getContainerClient(`inquiries-${count}`);
    const s = new BlobInquiryStore(container, {
      quarantined: (name, reason) => problems.push(`${name}: ${reason}`),
      unreadable: (name) => problems.push(`${name}: unreadable`),
    });
    await s.create(inquiry('PE-AAAAAA'));
    const truncated = '{"reference":"PE-BBBBBB","requester":{"name":"Zeno';
    await container
      .getBlockBlobClient('inquiries/records/PE-BBBBBB.json')
      .upload(truncated, truncated.length, { metadata: { status: 'pending' } });
    await container.getBlockBlobClient('inquiries/records/stray.txt').upload('x', 1);

    expect((await s.listPending()).map((x) => x.inquiry.reference)).toEqual(['PE-AAAAAA']);
    expect(problems.sort()).toEqual(['PE-BBBBBB.json: not valid JSON', 'stray.txt: not named as a record']);
    expect(await s.listQuarantined()).toEqual(['PE-BBBBBB.json', 'stray.txt']);
    const moved = await container.getBlockBlobClient('inquiries/quarantine/PE-BBBBBB.json').downloadToBuffer();
    expect(moved.toString('utf8')).toBe(truncated);
    expect(await s.get('PE-BBBBBB')).toBeUndefined();
    expect((await s.list()).map((x) => x.inquiry.reference)).toEqual(['PE-AAAAAA']);
  });
});

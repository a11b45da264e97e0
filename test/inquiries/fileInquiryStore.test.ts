import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Inquiry } from '../../src/core/contact/inquiry';
import { ConflictError } from '../../src/core/contact/inquiryStore';
import { FileInquiryStore } from '../../src/inquiries/fileInquiryStore';
import { tempDir } from '../helpers/tempDir';

const inquiry = (reference: string, dedupeKey = reference): Inquiry => ({
  reference,
  createdAt: '2026-11-30T12:00:00.000Z',
  contactId: 'director',
  requester: { name: 'Ana', email: 'ana@example.org' },
  message: 'Hello there',
  language: 'es',
  channelId: 'webchat',
  dedupeKey,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T12:00:00.000Z',
});

describe('FileInquiryStore', () => {
  const fresh = () => {
    const dir = tempDir('store-');
    return { dir, store: new FileInquiryStore(dir) };
  };

  it('creates, reads back and lists inquiries', async () => {
    const { store } = fresh();
    await store.create(inquiry('PE-AAAAAA'));
    await store.create(inquiry('PE-BBBBBB'));
    expect((await store.get('PE-AAAAAA'))?.inquiry.message).toBe('Hello there');
    expect((await store.list()).map((s) => s.inquiry.reference)).toEqual(['PE-AAAAAA', 'PE-BBBBBB']);
  });

  it('still stores inquiries after its folders were deleted while running', async () => {
    const { dir, store } = fresh();
    await store.create(inquiry('PE-FFFFFF'));
    rmSync(dir, { recursive: true });
    expect((await store.create(inquiry('PE-GGGGGG'))).created).toBe(true);
    expect((await store.get('PE-GGGGGG'))?.inquiry.reference).toBe('PE-GGGGGG');
    expect((await store.create(inquiry('PE-HHHHHH', 'PE-GGGGGG'))).created).toBe(false);
  });

  it('creates one inquiry per dedupe key, even when asked concurrently', async () => {
    const { store } = fresh();
    const results = await Promise.all(
      ['PE-CCCCCC', 'PE-DDDDDD', 'PE-EEEEEE'].map((r) => store.create(inquiry(r, 'same-activity'))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await store.list()).toHaveLength(1);
  });

  it('keeps no per-inquiry lock once its writes are done', async () => {
    const { store } = fresh();
    const { stored } = await store.create(inquiry('PE-JJJJJJ'));
    const updated = await store.replace({ ...stored.inquiry, attempts: 1 }, stored.etag);
    await Promise.all([
      store.replace({ ...updated.inquiry, attempts: 2 }, updated.etag),
      store.replace({ ...updated.inquiry, attempts: 3 }, updated.etag).catch(() => undefined),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.writesInProgress).toBe(0);
  });

  it('refuses a replace with a stale eTag', async () => {
    const { store } = fresh();
    const { stored } = await store.create(inquiry('PE-FFFFFF'));
    const updated = await store.replace({ ...stored.inquiry, attempts: 1 }, stored.etag);
    expect(updated.etag).not.toBe(stored.etag);
    await expect(store.replace({ ...stored.inquiry, attempts: 2 }, stored.etag)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.get('PE-FFFFFF'))?.inquiry.attempts).toBe(1);
  });

  it('leaves no temporary files behind', async () => {
    const { store, dir } = fresh();
    const { stored } = await store.create(inquiry('PE-GGGGGG'));
    await store.replace({ ...stored.inquiry, status: 'sent' }, stored.etag);
    expect(readdirSync(join(dir, 'records'))).toEqual(['PE-GGGGGG.json']);
  });

  it('deletes with a matching eTag', async () => {
    const { store } = fresh();
    const { stored } = await store.create(inquiry('PE-HHHHHH'));
    await store.delete(stored);
    expect(await store.get('PE-HHHHHH')).toBeUndefined();
  });

  it('forgets the dedupe key with its record, so the key does not outlive the inquiry', async () => {
    const { store, dir } = fresh();
    const { stored } = await store.create(inquiry('PE-KKKKKK', 'activity-1'));
    expect(readdirSync(join(dir, 'keys'))).toHaveLength(1);
    await store.delete(stored);
    expect(readdirSync(join(dir, 'keys'))).toEqual([]);
    expect((await store.create(inquiry('PE-LLLLLL', 'activity-1'))).created).toBe(true);
  });

  it('lets a new inquiry take over a key whose record is gone, and dedupes on it again', async () => {
    const { store, dir } = fresh();
    await store.create(inquiry('PE-MMMMMM', 'activity-2'));
    rmSync(join(dir, 'records', 'PE-MMMMMM.json'));
    const takeover = await store.create(inquiry('PE-NNNNNN', 'activity-2'));
    expect(takeover.created).toBe(true);
    const repeat = await store.create(inquiry('PE-OOOOOO', 'activity-2'));
    expect(repeat).toMatchObject({ created: false, stored: { inquiry: { reference: 'PE-NNNNNN' } } });
    expect(readdirSync(join(dir, 'records'))).toEqual(['PE-NNNNNN.json']);
  });

  it('waits for a key still being claimed instead of taking it over', async () => {
    const { store, dir } = fresh();
    await store.create(inquiry('PE-PPPPPP', 'activity-3'));
    const keyFile = join(dir, 'keys', createHash('sha256').update('activity-4').digest('hex'));
    // Another writer has created the key but not yet written the reference into it.
    writeFileSync(keyFile, '');
    setTimeout(() => writeFileSync(keyFile, 'PE-PPPPPP'), 20);
    const repeat = await store.create(inquiry('PE-QQQQQQ', 'activity-4'));
    expect(repeat).toMatchObject({ created: false, stored: { inquiry: { reference: 'PE-PPPPPP' } } });
    expect(readdirSync(join(dir, 'records'))).toEqual(['PE-PPPPPP.json']);
  });

  it('lists the pending inquiries without reading again those it saw delivered', async () => {
    const { store } = fresh();
    const { stored } = await store.create(inquiry('PE-RRRRRR'));
    await store.replace({ ...stored.inquiry, status: 'sent' }, stored.etag);
    await store.create(inquiry('PE-SSSSSS'));
    const reads = jest.spyOn(store, 'get');
    expect((await store.listPending()).map((s) => s.inquiry.reference)).toEqual(['PE-SSSSSS']);
    expect(reads.mock.calls.map(([reference]) => reference)).toEqual(['PE-SSSSSS']);
    expect(await store.list()).toHaveLength(2);
  });

  it('sees a request revived by another process at the next full listing', async () => {
    const { store, dir } = fresh();
    const { stored } = await store.create(inquiry('PE-TTTTTT'));
    await store.replace({ ...stored.inquiry, status: 'failed' }, stored.etag);
    expect(await store.listPending()).toEqual([]);
    // The `inquiries retry` command, in its own process, makes it pending again.
    const command = new FileInquiryStore(dir);
    const failed = await command.get('PE-TTTTTT');
    await command.replace({ ...stored.inquiry, status: 'pending' }, failed?.etag ?? '');
    await store.list();
    expect((await store.listPending()).map((s) => s.inquiry.reference)).toEqual(['PE-TTTTTT']);
  });

  it('forgets what it knew of a deleted inquiry', async () => {
    const { store } = fresh();
    const { stored } = await store.create(inquiry('PE-UUUUUU'));
    const sent = await store.replace({ ...stored.inquiry, status: 'sent' }, stored.etag);
    await store.delete(sent);
    // The same reference stored again, pending, is listed.
    await store.create(inquiry('PE-UUUUUU', 'another-activity'));
    expect((await store.listPending()).map((s) => s.inquiry.reference)).toEqual(['PE-UUUUUU']);
  });
});

describe('FileInquiryStore with a record it cannot parse', () => {
  const fresh = () => {
    const dir = tempDir('store-');
    const problems: string[] = [];
    const store = new FileInquiryStore(dir, {
      quarantined: (name, reason) => problems.push(`quarantined ${name}: ${reason}`),
      unreadable: (name) => problems.push(`unreadable ${name}`),
    });
    return { dir, store, problems };
  };

  it('moves it to the quarantine, says which file and why, and lists the others', async () => {
    const { dir, store, problems } = fresh();
    await store.create(inquiry('PE-AAAAAA'));
    await store.create(inquiry('PE-BBBBBB'));
    // Truncated by a full disk or a copy by hand; it holds personal data, so it is never quoted.
    writeFileSync(join(dir, 'records', 'PE-CCCCCC.json'), '{"version":1,"inquiry":{"requester":{"name":"Zeno');
    writeFileSync(
      join(dir, 'records', 'PE-DDDDDD.json'),
      JSON.stringify({ version: 1, inquiry: { reference: 'PE-DDDDDD' } }),
    );
    writeFileSync(join(dir, 'records', 'notes.json'), '{}');
    expect((await store.listPending()).map((s) => s.inquiry.reference)).toEqual(['PE-AAAAAA', 'PE-BBBBBB']);
    expect(problems.sort()).toEqual([
      'quarantined PE-CCCCCC.json: not valid JSON',
      expect.stringMatching(/^quarantined PE-DDDDDD\.json: not an inquiry record \(createdAt, /),
      'quarantined notes.json: not named as a record',
    ]);
    expect(problems.join(' ')).not.toContain('Zeno');
    expect(readdirSync(join(dir, 'records')).sort()).toEqual(['PE-AAAAAA.json', 'PE-BBBBBB.json']);
    expect(await store.listQuarantined()).toEqual(['PE-CCCCCC.json', 'PE-DDDDDD.json', 'notes.json']);
    for (const name of await store.listQuarantined()) {
      expect(statSync(join(dir, 'quarantine', name)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(dir, 'quarantine')).mode & 0o777).toBe(0o700);
  });

  it('answers a lookup of it as not found, and keeps a second bad copy beside the first', async () => {
    const { dir, store } = fresh();
    await store.create(inquiry('PE-EEEEEE'));
    writeFileSync(join(dir, 'records', 'PE-EEEEEE.json'), 'not json');
    expect(await store.get('PE-EEEEEE')).toBeUndefined();
    writeFileSync(join(dir, 'records', 'PE-EEEEEE.json'), '');
    expect(await store.list()).toEqual([]);
    expect(await store.listQuarantined()).toEqual(['PE-EEEEEE.json', expect.stringMatching(/^PE-EEEEEE\.json\.\d+$/)]);
  });

  it('skips a record it cannot read and reports it, without moving it', async () => {
    const { dir, store, problems } = fresh();
    await store.create(inquiry('PE-FFFFFF'));
    mkdirSync(join(dir, 'records', 'PE-GGGGGG.json'));
    expect((await store.list()).map((s) => s.inquiry.reference)).toEqual(['PE-FFFFFF']);
    expect(problems).toEqual(['unreadable PE-GGGGGG.json']);
    expect(await store.listQuarantined()).toEqual([]);
  });
});

describe('FileInquiryStore shared by two stores on one folder', () => {
  it('lets one of two concurrent replaces with the same eTag through, as another process would see it', async () => {
    const dir = tempDir('store-');
    // Two stores share nothing in memory: only the lock files under locks/ keep them apart.
    const [a, b] = [new FileInquiryStore(dir), new FileInquiryStore(dir)];
    for (let round = 0; round < 10; round += 1) {
      const reference = `PE-LOCK${round}`;
      const { stored } = await a.create(inquiry(reference));
      const outcomes = await Promise.allSettled([
        a.replace({ ...stored.inquiry, leaseUntil: 'a' }, stored.etag),
        b.replace({ ...stored.inquiry, leaseUntil: 'b' }, stored.etag),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
    }
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir('store-');
    const store = new FileInquiryStore(dir);
    const { stored } = await store.create(inquiry('PE-HHHHHH'));
    const lock = join(dir, 'locks', 'PE-HHHHHH.lock');
    mkdirSync(lock, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);
    await expect(store.replace({ ...stored.inquiry, attempts: 1 }, stored.etag)).resolves.toMatchObject({
      inquiry: { attempts: 1 },
    });
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileInboxStore, type SavedInbox } from '../../src/bot/inquiryInbox';
import { tempDir } from '../helpers/tempDir';

const inbox: SavedInbox = {
  reference: {
    channelId: 'msteams',
    conversation: { id: '19:staff@thread.tacv2', isGroup: true, name: 'Staff', conversationType: 'channel' },
  },
  language: 'es',
  setAt: '2026-11-30T12:00:00.000Z',
};

describe('FileInboxStore', () => {
  const file = () => join(tempDir('inbox-'), 'inbox.json');

  it('has no inbox until one is saved, then keeps it for the next start', async () => {
    const path = file();
    const store = new FileInboxStore(path);
    await expect(store.load()).resolves.toBeUndefined();
    await store.save(inbox);
    await expect(store.load()).resolves.toEqual(inbox);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(inbox);
    await expect(new FileInboxStore(path).load()).resolves.toEqual(inbox);
  });

  it('reads the file once: as its only writer, it answers later loads from memory', async () => {
    const path = file();
    writeFileSync(path, JSON.stringify(inbox));
    const store = new FileInboxStore(path);
    await expect(store.load()).resolves.toEqual(inbox);
    writeFileSync(path, JSON.stringify({ ...inbox, language: 'en' }));
    await expect(store.load()).resolves.toEqual(inbox);
  });

  it('treats an unreadable file as no inbox', async () => {
    const path = file();
    writeFileSync(path, '{ not json');
    await expect(new FileInboxStore(path).load()).resolves.toBeUndefined();
  });
});

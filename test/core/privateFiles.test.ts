import fs, { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensurePrivateFolder,
  makeTreePrivate,
  writeFileAtomically,
  writeFileCreatingFolder,
} from '../../src/core/privateFiles';
import { tempDir } from '../helpers/tempDir';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('private files', () => {
  let umask: number;
  // With no umask, anything created without an explicit mode would be readable by all.
  beforeEach(() => (umask = process.umask(0)));
  afterEach(() => {
    process.umask(umask);
    jest.restoreAllMocks();
  });

  const fresh = () => tempDir('private-');

  it('creates missing folders 0700 and files 0600, atomically written or claimed', async () => {
    const dir = fresh();
    await writeFileAtomically(join(dir, 'a', 'b', 'record.json'), '{}');
    await writeFileCreatingFolder(join(dir, 'c', 'key'), 'PE-AAAAAA', { flag: 'wx' });
    await ensurePrivateFolder(join(dir, 'd', 'e'));
    for (const folder of ['a', 'a/b', 'c', 'd', 'd/e']) expect(mode(join(dir, folder))).toBe(0o700);
    expect(mode(join(dir, 'a', 'b', 'record.json'))).toBe(0o600);
    expect(mode(join(dir, 'c', 'key'))).toBe(0o600);
  });

  it('makes a file written before private when it is replaced', async () => {
    const dir = fresh();
    const file = join(dir, 'unanswered.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    await writeFileAtomically(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(mode(file)).toBe(0o600);
  });

  it('creates the temporary file private, before anything is written to it', async () => {
    const dir = fresh();
    const temporaryModes: number[] = [];
    const write = fs.write;
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, ...rest: unknown[]) => {
      temporaryModes.push(fs.fstatSync(fd).mode & 0o777);
      return (write as (...args: unknown[]) => void)(fd, ...rest);
    }) as typeof fs.write);
    await writeFileAtomically(join(dir, 'record.json'), 'x'.repeat(100_000));
    expect(temporaryModes).toEqual([0o600]);
  });

  it('removes the temporary file and keeps the old content when a write fails (a full disk)', async () => {
    const dir = fresh();
    const file = join(dir, 'record.json');
    await writeFileAtomically(file, 'old');
    jest
      .spyOn(fs, 'fsync')
      .mockImplementation(((_fd: number, callback: fs.NoParamCallback) =>
        callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))) as typeof fs.fsync);
    await expect(writeFileAtomically(file, 'new')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir)).toEqual(['record.json']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('removes the temporary file when the rename fails', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true });
    await expect(writeFileAtomically(join(dir, 'taken'), 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('applies writes to one file in the order they were asked for, leaving no temporary file', async () => {
    const dir = fresh();
    const file = join(dir, 'unanswered.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomically(file, `version ${i}`)));
    expect(readFileSync(file, 'utf8')).toBe('version 19');
    expect(readdirSync(dir)).toEqual(['unanswered.json']);
  });

  it('tightens a tree written before, without following links', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'data', 'outbox'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'data', 'outbox', 'PE-AAAAAA.eml'), 'mail', { mode: 0o644 });
    writeFileSync(join(dir, 'elsewhere.txt'), 'not ours', { mode: 0o644 });
    fs.symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'data', 'link'));
    expect(await makeTreePrivate(join(dir, 'data'))).toBe(3);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(join(dir, 'data', 'outbox'))).toBe(0o700);
    expect(mode(join(dir, 'data', 'outbox', 'PE-AAAAAA.eml'))).toBe(0o600);
    expect(mode(join(dir, 'elsewhere.txt'))).toBe(0o644);
    expect(await makeTreePrivate(join(dir, 'data'))).toBe(0);
  });
});

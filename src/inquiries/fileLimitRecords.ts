import { writeFile as writeFileWithCallback } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LRUCache } from 'lru-cache';
import type { LimitRecords } from '../core/contact/sendLimits';

const safeName = /^[A-Za-z0-9_:-]+(\/[A-Za-z0-9_:-]+)*$/;

/** With a callback: no `FileHandle` (an object and a close-on-collect hook) per slot claimed. */
const writeFile = promisify(writeFileWithCallback);

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * The send limiter's records as small files under a folder (`DATA_DIR/limits`). A slot is claimed
 * with an exclusive create, which holds across processes sharing the folder. Folders are 0700 and
 * files 0600: they hold only hashes and counts, but nothing here is for other users.
 */
export class FileLimitRecords implements LimitRecords {
  /**
   * Folders a listing found missing lately (a sender's first request of the day): a create there
   * makes the folder first rather than failing once on it. Making one that exists does no harm.
   */
  private readonly missing = new LRUCache<string, true>({ max: 1000 });

  constructor(private readonly dir: string) {}

  private path(name: string): string {
    if (!safeName.test(name)) throw new Error('invalid limit record name');
    return join(this.dir, ...name.split('/'));
  }

  async create(name: string, content: string): Promise<boolean> {
    const path = this.path(name);
    if (this.missing.delete(name.slice(0, name.lastIndexOf('/')))) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        await writeFile(path, content, { flag: 'wx', mode: 0o600 });
        return true;
      } catch (error) {
        if (code(error) === 'EEXIST') return false;
        // The folder is new, or a purge removed it meanwhile.
        if (code(error) !== 'ENOENT' || attempt > 0) throw error;
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      }
    }
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(name), 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  async children(prefix: string): Promise<string[]> {
    try {
      return await readdir(this.path(prefix));
    } catch (error) {
      if (code(error) === 'ENOENT') {
        this.missing.set(prefix, true);
        return [];
      }
      throw error;
    }
  }

  async removeAll(prefix: string): Promise<void> {
    await rm(this.path(prefix), { recursive: true, force: true });
  }
}

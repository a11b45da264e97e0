import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appendFileCreatingFolder } from '../core/privateFiles';
import type { SignalStore } from '../core/signals/signalLog';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const filePattern = /^[a-z0-9-]+\.jsonl$/;

/** A name for this process's files, so processes sharing a folder never append to one file. */
export const newInstanceName = (): string => randomBytes(6).toString('hex');

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Signals as JSON lines under DATA_DIR/signals/YYYY-MM-DD/<instance>.jsonl, private to their owner.
 * Each process appends to its own file of the day; a line cut short by a crash is skipped on reading.
 */
export class FileSignalStore implements SignalStore {
  constructor(
    private readonly dir: string,
    private readonly instance = newInstanceName(),
  ) {}

  async append(day: string, lines: string): Promise<void> {
    if (!dayPattern.test(day)) throw new Error(`FileSignalStore: invalid day ${day}`);
    await appendFileCreatingFolder(join(this.dir, day, `${this.instance}.jsonl`), lines);
  }

  async readAll(): Promise<string[]> {
    const contents: string[] = [];
    for (const day of await this.days()) {
      const folder = join(this.dir, day);
      for (const name of (await readdir(folder)).filter((n) => filePattern.test(n)).sort()) {
        contents.push(await readFile(join(folder, name), 'utf8'));
      }
    }
    return contents;
  }

  async purgeBefore(day: string): Promise<number> {
    let deleted = 0;
    for (const old of (await this.days()).filter((d) => d < day)) {
      deleted += (await readdir(join(this.dir, old))).length;
      await rm(join(this.dir, old), { recursive: true, force: true });
    }
    return deleted;
  }

  private async days(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => dayPattern.test(name)).sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }
}

import fs from 'node:fs';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ensurePrivateFolder, privateFolderMode } from '../core/privateFiles';

type Callback = (error: NodeJS.ErrnoException | null) => void;

/**
 * proper-lockfile's file system, with lock folders created private to their owner, and the
 * folder holding them made again should it have been removed while running. One object for the
 * process: the library caches on it how precise the disk's modification times are.
 */
const lockFs = {
  ...fs,
  mkdir: (path: string, callback: Callback) =>
    fs.mkdir(path, { mode: privateFolderMode }, (error) => {
      if (error?.code !== 'ENOENT') return callback(error);
      ensurePrivateFolder(dirname(path)).then(
        () => fs.mkdir(path, { mode: privateFolderMode }, callback),
        (folderError: NodeJS.ErrnoException) => callback(folderError),
      );
    }),
};

/** The lock is still held by someone else after waiting for it. */
export const isLockBusy = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED';

/**
 * Locks on records shared by every process using one folder (the bot, a second instance on the
 * same disk, the `inquiries` command). A lock is a folder under `dir` made with `mkdir`, which
 * succeeds for one process only (proper-lockfile); its holder keeps refreshing its modification
 * time, so a lock left by a process that died is taken over once `staleMs` has passed without a
 * refresh. A lock is held only while a record is read, compared and written, a few milliseconds.
 */
export class RecordLocks {
  constructor(
    private readonly dir: string,
    private readonly staleMs = 10_000,
  ) {}

  /** Runs `work` holding the lock named `name`; throws an `ELOCKED` error if it stays busy. */
  async hold<T>(name: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(join(this.dir, `${name}.lock`));
    try {
      return await work();
    } finally {
      await release().catch(() => undefined);
    }
  }

  private acquire(path: string): Promise<() => Promise<void>> {
    return lockfile.lock(path, {
      lockfilePath: path,
      realpath: false,
      stale: this.staleMs,
      fs: lockFs,
      // Holders release within milliseconds; wait a little over a second for one, in doubling steps.
      retries: { retries: 20, factor: 1.5, minTimeout: 5, maxTimeout: 100, randomize: true },
      // A lock lost to an event loop stalled past `staleMs` mid-write cannot be taken back; the
      // library's default would throw from a timer and end the process.
      onCompromised: () => undefined,
    });
  }
}

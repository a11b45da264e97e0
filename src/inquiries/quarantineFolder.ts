import { chmod, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateFolder, privateFileMode } from '../core/privateFiles';
import type { RecordProblemEvents } from '../core/contact/inquiryStore';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The folder where records that cannot be parsed are set aside (`DATA_DIR/inquiries/quarantine`),
 * private like the records, for someone to look at: nothing reads them again.
 */
export class QuarantineFolder {
  constructor(
    private readonly dir: string,
    private readonly problems: RecordProblemEvents,
  ) {}

  /** Moves `from` here as `name` (or `name.<time>` if taken) and reports it by name and reason. */
  async move(from: string, name: string, reason: string): Promise<void> {
    await ensurePrivateFolder(this.dir);
    const first = join(this.dir, name);
    const taken = await stat(first).then(
      () => true,
      () => false,
    );
    const target = taken ? `${first}.${Date.now()}` : first;
    try {
      await rename(from, target);
    } catch (error) {
      if (isMissing(error)) return; // another process moved it first
      throw error;
    }
    // It may have been written by hand or by an earlier version, readable by all.
    await chmod(target, privateFileMode);
    this.problems.quarantined(name, reason);
  }

  /** The names of the records set aside, sorted. */
  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }
}

import { writeFile as writeFileWithCallback } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';

/**
 * `fs.writeFile` with a callback, promisified: unlike `fs/promises`, it opens no `FileHandle`
 * (an object, a promise and a close-on-collect hook per file), which shows in the CPU profile of
 * a turn that stores an inquiry.
 */
const writeFile = promisify(writeFileWithCallback);

/**
 * Writes `data` to `path`, creating the folder only when it is missing (a `mkdir` on every write
 * costs a system call each time for nothing).
 */
export async function writeFileCreatingFolder(
  path: string,
  data: string | Uint8Array,
  options: { flush?: boolean; flag?: string } = {},
): Promise<void> {
  try {
    await writeFile(path, data, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, options);
  }
}

/**
 * Writes a file so readers see the old content or the new, never half of it: the data goes to a
 * temporary file (unique to this process and moment, flushed to disk) that is renamed into place.
 */
export async function writeFileAtomically(path: string, data: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  await writeFileCreatingFolder(temporary, data, { flush: true });
  await rename(temporary, path);
}

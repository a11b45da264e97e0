import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so readers see the old content or the new, never half of it: the data goes to a
 * temporary file (unique to this process and moment, flushed to disk) that is renamed into place.
 */
export async function writeFileAtomically(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  await writeFile(temporary, data, { flush: true });
  await rename(temporary, path);
}

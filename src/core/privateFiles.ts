import { appendFile, chmod, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Everything under DATA_DIR may hold personal data: files are readable by their owner only, and
 * folders are listable by their owner only. Modes are given explicitly, never left to a default
 * the umask would shape: a file is created with its mode (a umask can only narrow it), and a
 * folder's mode is set again after `mkdir`.
 */
export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Creates `dir` and any missing parents, each private to its owner. Folders that already exist
 * are left as they are ({@link makeTreePrivate} tightens those).
 */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: privateFolderMode });
  if (first === undefined) return;
  // mkdir's mode is narrowed by the umask; chmod is not.
  let folder = first;
  await chmod(folder, privateFolderMode);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    folder = join(folder, part);
    await chmod(folder, privateFolderMode);
  }
}

/** Runs `write`, and again after creating the folder should it be missing. */
async function inFolder(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isMissing(error)) throw error;
    await ensurePrivateFolder(dirname(path));
    await write();
  }
}

/**
 * Writes a new file, private to its owner, creating the folder only when it is missing (a
 * `mkdir` on every write costs a system call each time for nothing). With `flag: 'wx'` it fails
 * if the file exists: an exclusive claim.
 */
export async function writeFileCreatingFolder(
  path: string,
  data: string | Buffer,
  options: { flag?: string } = {},
): Promise<void> {
  await inFolder(path, () => writeFile(path, data, { ...options, mode: privateFileMode }));
}

/** Appends to a file, which is created private to its owner, and its folder, when missing. */
export async function appendFileCreatingFolder(path: string, data: string): Promise<void> {
  await inFolder(path, () => appendFile(path, data, { mode: privateFileMode }));
}

/**
 * Writes a file so readers see the old content or the new, never half of it (write-file-atomic:
 * a temporary file beside it, created private, fsynced and renamed into place, removed if any
 * step fails; writes to one path within the process land in call order). The file ends up
 * private whatever mode it had, since the rename replaces it.
 */
export async function writeFileAtomically(path: string, data: string | Buffer): Promise<void> {
  await inFolder(path, () => writeFileAtomic(path, data, { mode: privateFileMode, fsync: true }));
}

/**
 * Makes `dir` and everything under it private to its owner (files written by an earlier version,
 * or copied in by hand), without following symbolic links. Returns how many modes it changed.
 */
export async function makeTreePrivate(dir: string): Promise<number> {
  let changed = 0;
  const visit = async (path: string): Promise<void> => {
    const stats = await lstat(path).catch((error: unknown) => {
      // A temporary file renamed meanwhile is gone; anything else is worth hearing about.
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!stats || stats.isSymbolicLink()) return;
    const wanted = stats.isDirectory() ? privateFolderMode : privateFileMode;
    if ((stats.mode & 0o777) !== wanted) {
      await chmod(path, wanted);
      changed += 1;
    }
    if (stats.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await ensurePrivateFolder(dir);
  await visit(dir);
  return changed;
}

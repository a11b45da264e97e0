import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { chmod, lstat, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Everything under DATA_DIR may hold personal data: files are readable by their owner only, and
 * folders are listable by their owner only. Modes are given explicitly, never left to a default
 * the umask would shape: a file is created with its mode (a umask can only narrow it), and a
 * folder's mode is set again after `mkdir`.
 */
export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

/**
 * `fs.writeFile` and `fs.appendFile` with a callback, looked up at each call: unlike `fs/promises`
 * they open no `FileHandle` per file, and with `flush` `fs.writeFile` calls `fs.fsync` before
 * closing.
 */
const writeFile = (path: string, data: string | Buffer, options: fs.WriteFileOptions) =>
  new Promise<void>((done, fail) => fs.writeFile(path, data, options, (error) => (error ? fail(error) : done())));
const appendFile = (path: string, data: string, options: fs.WriteFileOptions) =>
  new Promise<void>((done, fail) => fs.appendFile(path, data, options, (error) => (error ? fail(error) : done())));

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

/** Temporary names are this process's token and a counter: unique without a random draw per write. */
const temporaryToken = randomBytes(6).toString('hex');
let temporaryCount = 0;

/** The write to each path in progress or queued last, so writes to one file land in call order. */
const lastWrites = new Map<string, Promise<void>>();

/**
 * Writes a file so readers see the old content or the new, never half of it: the data goes to a
 * temporary file beside it, created private (0600) and exclusive, flushed to disk with `fsync`
 * and renamed into place; if any step fails the temporary file is removed. The file ends up
 * private whatever mode it had, since the rename replaces it. Writes to one path are applied in
 * the order they were asked for, within the process.
 *
 * Five file operations per write: open, write, fsync, close, rename. write-file-atomic, used
 * before, made about twelve (it resolves the real path, one `lstat` per path component, then
 * stats, chowns, chmods and unlinks), each a round trip through libuv's thread pool; on the
 * turn that stores an inquiry that was most of its cost.
 */
export function writeFileAtomically(path: string, data: string | Buffer): Promise<void> {
  const key = resolve(path);
  const previous = lastWrites.get(key);
  const write = previous
    ? previous.then(
        () => replaceFile(path, data),
        () => replaceFile(path, data),
      )
    : replaceFile(path, data);
  const done = write.then(
    () => undefined,
    () => undefined,
  );
  lastWrites.set(key, done);
  void done.then(() => {
    if (lastWrites.get(key) === done) lastWrites.delete(key);
  });
  return write;
}

async function replaceFile(path: string, data: string | Buffer): Promise<void> {
  // Never ends in the file's own extension, so a folder listing skips writes in progress.
  const temporary = `${path}.${temporaryToken}${(temporaryCount += 1)}`;
  await inFolder(path, () =>
    writeFile(temporary, data, { flag: 'wx', mode: privateFileMode, flush: true }).catch(async (error: unknown) => {
      // A missing folder failed the open: there is nothing to remove, and the folder is made.
      if (!isMissing(error)) await unlink(temporary).catch(() => undefined);
      throw error;
    }),
  );
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
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

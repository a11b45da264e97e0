/** Why storing an inquiry failed, in words fit for a log line: never the data being stored. */
export interface StorageFailure {
  /** The system or service code, e.g. EROFS, ENOSPC, EACCES, or an HTTP status. */
  cause: string;
  /** What it means, e.g. "read-only file system". */
  reason: string;
}

const reasons: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'a file path is a folder',
  ENOENT: 'a folder is missing',
  ETIMEDOUT: 'storage timed out',
  ECONNREFUSED: 'storage refused the connection',
  ECONNRESET: 'storage closed the connection',
  ENOTFOUND: 'storage host not found',
};

/**
 * Describes a storage error by its code alone. File system errors carry an errno code; Azure
 * Storage errors an HTTP status and an error code. Messages are left out: a file system message
 * includes a path, and the rest are not needed to act.
 */
export function describeStorageFailure(error: unknown): StorageFailure {
  const e = error as { code?: unknown; statusCode?: unknown; name?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code && reasons[code]) return { cause: code, reason: reasons[code] };
  if (typeof e?.statusCode === 'number') {
    const status = e.statusCode;
    const reason =
      status === 403 ? 'storage refused access' : status >= 500 ? 'storage service error' : 'storage request refused';
    return { cause: code ? `HTTP ${status} ${code}` : `HTTP ${status}`, reason };
  }
  return { cause: code ?? (typeof e?.name === 'string' ? e.name : 'unknown'), reason: 'storage write failed' };
}

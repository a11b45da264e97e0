import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeIssues } from './errors';

/** A validated JSON file, or the problems that stop it, each naming the file and the path in it. */
export type JsonFileResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Reads `path` as JSON and validates it with `schema`. Problems are reported as `label: message`
 * (label defaults to the path), never thrown, so callers can collect every problem before failing.
 */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S, label = path): JsonFileResult<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${label}: ${(error as Error).message}`] };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: describeIssues(label, parsed.error.issues) };
}

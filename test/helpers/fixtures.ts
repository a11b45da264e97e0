import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';

/** Folder of the channel activity fixtures shared by the project. */
export const fixturesDir = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'activities');

/** A channel fixture with its serviceUrl pointed at a fake channel, plus any overrides. */
export function fixture(name: string, serviceUrl: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  const activity = JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as Partial<Activity>;
  return { ...activity, serviceUrl, ...overrides };
}

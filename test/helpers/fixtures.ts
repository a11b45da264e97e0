import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';

/** Folder of the channel activity fixtures: activities as Web Chat, the Emulator and Teams send them. */
export const fixturesDir = join(__dirname, '..', 'fixtures', 'activities');

let posted = 0;

/**
 * A channel fixture with its serviceUrl pointed at a fake channel, plus any overrides. Each call
 * gets its own activity id, as each message a channel delivers has one.
 */
export function fixture(name: string, serviceUrl: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  const activity = JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as Partial<Activity>;
  posted += 1;
  return { ...activity, id: `${activity.id ?? name}-${posted}`, serviceUrl, ...overrides };
}

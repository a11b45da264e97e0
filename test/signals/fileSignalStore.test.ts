import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignalLog } from '../../src/core/signals/signalLog';
import { FileSignalStore } from '../../src/signals/fileSignalStore';
import { tempDir } from '../helpers/tempDir';

const answer = (unit: string) => ({ kind: 'answer', language: 'en', unit, via: 'question' }) as const;

describe('FileSignalStore', () => {
  it('gives each process a file of its own per day, private to its owner, and reads them all', async () => {
    const dir = join(tempDir('signals-'), 'data', 'signals');
    const first = new SignalLog(new FileSignalStore(dir, 'first'));
    const second = new SignalLog(new FileSignalStore(dir, 'second'));
    const now = new Date('2026-11-30T12:00:00Z');
    first.record(answer('usaid-peru#goal'), now);
    second.record(answer('usaid-peru#policy'), new Date('2026-11-30T12:00:01Z'));
    first.record(answer('usaid-peru#overview'), new Date('2026-12-01T00:00:01Z'));
    await Promise.all([first.flush(), second.flush()]);
    expect(readdirSync(dir).sort()).toEqual(['2026-11-30', '2026-12-01']);
    expect(readdirSync(join(dir, '2026-11-30')).sort()).toEqual(['first.jsonl', 'second.jsonl']);
    expect(statSync(join(dir, '2026-11-30', 'first.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '2026-11-30')).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const read = await new SignalLog(new FileSignalStore(dir)).read(new Date('2026-12-02T00:00:00Z'));
    expect(read.map((e) => (e.kind === 'answer' ? e.unit : ''))).toEqual([
      'usaid-peru#goal',
      'usaid-peru#policy',
      'usaid-peru#overview',
    ]);
  });

  it('deletes whole days before the one given', async () => {
    const dir = join(tempDir('signals-'), 'signals');
    const store = new FileSignalStore(dir, 'only');
    await store.append('2026-09-01', '{}\n');
    await store.append('2026-11-30', '{}\n');
    expect(await store.purgeBefore('2026-11-01')).toBe(1);
    expect(readdirSync(dir)).toEqual(['2026-11-30']);
    expect(await new FileSignalStore(join(dir, 'missing')).readAll()).toEqual([]);
  });
});

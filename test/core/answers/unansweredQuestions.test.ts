import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { anonymize, UnansweredQuestions } from '../../../src/core/answers/unansweredQuestions';
import { tempDir } from '../../helpers/tempDir';

describe('unanswered questions', () => {
  it('removes e-mail addresses, links and long numbers, keeping years', () => {
    expect(anonymize('Write me at ana.perez@example.org or +51 1 234 5678 about www.example.org in 2022')).toBe(
      'Write me at [email] or [number] about [link] in 2022',
    );
  });

  it('counts the same question together, by language, most asked first, and survives a restart', async () => {
    const file = join(tempDir('unanswered-'), 'unanswered.json');
    const log = new UnansweredQuestions(file);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute));
    await log.record('What is the budget?', 'en', 'low-confidence', at(1));
    await log.record('what is the  budget?', 'en', 'low-confidence', at(2));
    await log.record('¿Cuál es el presupuesto?', 'es', 'low-confidence', at(3));
    await log.record('Who was director in 2010?', 'en', 'unmatched-number', at(4));
    await log.flush();
    const reloaded = await new UnansweredQuestions(file).top(50, at(5));
    expect(reloaded.map((e) => [e.question, e.count])).toEqual([
      ['What is the budget?', 2],
      ['Who was director in 2010?', 1],
      ['¿Cuál es el presupuesto?', 1],
    ]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/conversation|user/i);
  });

  it('counts questions recorded at the same time, on top of those saved before', async () => {
    const file = join(tempDir('unanswered-'), 'unanswered.json');
    const first = new UnansweredQuestions(file);
    await first.record('What is the budget?', 'en', 'low-confidence');
    await first.flush();
    const log = new UnansweredQuestions(file);
    await Promise.all([
      log.record('What is the budget?', 'en', 'low-confidence'),
      log.record('What is the budget?', 'en', 'low-confidence'),
    ]);
    expect((await log.top()).map((e) => e.count)).toEqual([3]);
  });

  it('keeps at most the configured number of questions, in the file and in memory', async () => {
    const file = join(tempDir('unanswered-'), 'unanswered.json');
    const log = new UnansweredQuestions(file, { maxEntries: 2 });
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute));
    await log.record('What is the budget?', 'en', 'low-confidence', at(1));
    await log.record('What is the budget?', 'en', 'low-confidence', at(2));
    await log.record('Who won the match?', 'en', 'low-confidence', at(3));
    await log.record('What is the weather?', 'en', 'low-confidence', at(4));
    await log.flush();
    const kept = ['What is the budget?', 'What is the weather?'];
    expect((await log.top(50, at(5))).map((e) => e.question)).toEqual(kept);
    expect((await new UnansweredQuestions(file).top(50, at(5))).map((e) => e.question)).toEqual(kept);
  });

  it('strips control and bidirectional characters from what it records', async () => {
    const file = join(tempDir('unanswered-'), 'unanswered.json');
    const log = new UnansweredQuestions(file);
    await log.record('Who\u202Eevil\u202C is\u001b[31m red\u0007?\nnext line', 'en', 'no-match');
    await log.flush();
    const [entry] = await new UnansweredQuestions(file).top();
    expect(entry?.question).toBe('Whoevil is [31m red ? next line');
    expect(readFileSync(file, 'utf8')).not.toMatch(/[\u0000-\u001f\u202a-\u202e](?<!\n)/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('forgets questions not asked again within the retention period, in memory and in the file', async () => {
    const file = join(tempDir('unanswered-'), 'unanswered.json');
    const log = new UnansweredQuestions(file, { retentionDays: 90 });
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 24 * 60 * 60 * 1000);
    await log.record('What is the budget?', 'en', 'no-match', day(0));
    await log.record('Who won the match?', 'en', 'no-match', day(0));
    await log.record('Who won the match?', 'en', 'no-match', day(50));
    await log.flush();
    expect((await log.top(50, day(90))).map((e) => e.question)).toHaveLength(2);
    await log.purge(day(91));
    expect((await log.top(50, day(91))).map((e) => e.question)).toEqual(['Who won the match?']);
    expect(readFileSync(file, 'utf8')).not.toContain('budget');
    // A copy that had not purged yet shows only what is within retention too.
    expect((await new UnansweredQuestions(file).top(50, day(141))).map((e) => e.question)).toEqual([]);
  });
});

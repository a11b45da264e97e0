import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignalLog } from '../../src/core/signals/signalLog';
import { FileSignalStore } from '../../src/signals/fileSignalStore';
import { runReport } from '../helpers/report';
import { tempDir } from '../helpers/tempDir';

/** The text of the table cells of the row whose first cell contains `first`, in a table of the page. */
function row(html: string, tableId: string, first: string): string[] | undefined {
  const table = new RegExp(`<table id="${tableId}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const rows = table.split('<tr>').slice(1);
  const cells = (r: string) =>
    [...r.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').trim());
  return rows.map(cells).find((c) => c[0]?.includes(first));
}

describe('npm run report', () => {
  const dataDir = join(tempDir('report-'), 'data');
  const out = join(dataDir, '..', 'report.html');
  let html = '';
  let stdout = '';

  beforeAll(async () => {
    const log = new SignalLog(new FileSignalStore(join(dataDir, 'signals')));
    const today = Date.now();
    const ago = (days: number) => new Date(today - days * 24 * 3600 * 1000);
    const objectives = { kind: 'answer', language: 'en', unit: 'usaid-peru#objectives', via: 'question' } as const;
    log.record(objectives, ago(9));
    log.record(objectives, ago(1));
    log.record({ kind: 'suggest', language: 'en', units: ['usaid-peru#goal'], question: 'What is the point?' }, ago(1));
    log.record({ ...objectives, unit: 'usaid-peru#goal', via: 'suggestion', question: 'What is the point?' }, ago(1));
    for (const question of [
      'What is the budget for Bolivia?',
      'what is the budget for bolivia',
      'Weather <b>today</b>?',
    ])
      log.record({ kind: 'decline', language: 'en', reason: 'unknown-name', question }, ago(1));
    const thumb = { kind: 'feedback', language: 'en', unit: 'usaid-peru#objectives', channel: 'msteams' } as const;
    log.record({ ...thumb, reaction: 'like', question: 'Which goals does USAID pursue here?' }, ago(1));
    log.record({ ...thumb, reaction: 'dislike', comment: 'Too long' }, ago(1));
    log.record({ ...objectives, unit: 'usaid-peru#policy' }, ago(400));
    await log.flush();
    ({ stdout } = await runReport(dataDir, out));
    html = readFileSync(out, 'utf8');
  }, 60_000);

  it('says what it counted and writes the page private to its owner', () => {
    expect(stdout).toContain(
      '6 questions (2 answered, 1 suggested, 3 declined), suggestions taken: 1, thumbs up: 1, thumbs down: 1.',
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('draws the three charts as inline SVG images named by their captions', () => {
    for (const id of ['answers-per-unit', 'outcomes-per-week', 'feedback-per-unit']) {
      expect(html).toMatch(new RegExp(`<svg role="img" aria-labelledby="${id}-caption"`));
    }
  });

  it('loads nothing from outside: no scripts, links or sources, and a policy that forbids them', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|\ssrc=|\shref=|url\(/i);
  });

  it('tables the counts: answers and thumbs per unit, and questions per week', () => {
    expect(row(html, 'answers-table', 'The four objectives')).toEqual([
      expect.stringContaining('usaid-peru#objectives'),
      '2',
      '0',
      '2',
    ]);
    expect(row(html, 'feedback-table', 'The four objectives')?.slice(1)).toEqual(['1', '1']);
    // A signal past retention is not counted.
    expect(html).not.toContain('usaid-peru#policy');
  });

  it('lists the unanswered questions, most asked first, escaped, each with its closest unit', () => {
    const budget = row(html, 'unanswered-table', 'What is the budget for Bolivia?');
    expect(budget?.slice(1, 4)).toEqual(['en', '2', 'unknown-name ×2']);
    expect(budget?.[4]).toMatch(/usaid-peru#/);
    expect(html).toContain('Weather &lt;b&gt;today&lt;/b&gt;?');
  });

  it('proposes the question of a suggestion taken and of a thumbs up, ready for questions.json', () => {
    expect(row(html, 'proposals-table', 'What is the point?')).toEqual([
      'What is the point?',
      'en',
      expect.stringContaining('usaid-peru#goal'),
      '1',
      '0',
      '&quot;What is the point?&quot;,',
    ]);
    expect(row(html, 'proposals-table', 'Which goals does USAID pursue here?')?.slice(3, 5)).toEqual(['0', '1']);
    const pasted = /<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? '';
    expect(JSON.parse(pasted)).toEqual({
      'usaid-peru#objectives': { en: ['Which goals does USAID pursue here?'] },
      'usaid-peru#goal': { en: ['What is the point?'] },
    });
  });

  it('refuses a limit that is not a positive whole number', async () => {
    await expect(runReport(dataDir, out, {}, ['--limit', 'many'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--limit must be a positive whole number'),
    });
  });
});

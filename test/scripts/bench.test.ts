import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { markdownTable, runBench } from '../../scripts/lib/bench';
import { repoRoot } from '../helpers/core';

/** Runs the benchmark for about a second: it must work end to end. Speed is not asserted here. */
describe('the benchmark', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot });
  }, 120_000);

  it('measures both bots and produces a complete report', async () => {
    const report = await runBench({
      durationSeconds: 1,
      loadRounds: 2,
      warmupSeconds: 0.5,
      connections: 2,
      syntheticFactor: 5,
      retrievalRounds: 1,
      distDir: join(repoRoot, 'dist'),
      repoRoot,
      questionsFile: join(repoRoot, 'test', 'fixtures', 'eval', 'dev-questions.json'),
    });
    for (const run of [report.expectReplies, report.connector]) {
      expect(run.echo.turnsPerSecond).toBeGreaterThan(0);
      expect(run.bot.turnsPerSecond).toBeGreaterThan(0);
      expect(run.bot.non2xx).toBe(0);
      expect(run.ratio).toBeGreaterThan(0);
      expect(run.bot.cpuMsPerTurn).toBeGreaterThan(0);
    }
    expect(report.passages.synthetic).toBe(report.passages.real * 5);
    expect(report.retrievalMs.synthetic.p99).toBeGreaterThan(0);
    expect(report.coldStartMs).toBeGreaterThan(0);
    expect(report.rssMiB.bot).toBeGreaterThan(0);
    expect(markdownTable(report)).toContain('| `deliveryMode: expectReplies` |');
  }, 120_000);
});

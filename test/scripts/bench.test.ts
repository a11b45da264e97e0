import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { markdownTable, runBench, serviceNodeFlags } from '../../scripts/lib/bench';
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
      retrievalWarmupMs: 100,
      distDir: join(repoRoot, 'dist'),
      repoRoot,
      questionsFile: join(repoRoot, 'test', 'fixtures', 'eval', 'dev-questions.json'),
    });
    for (const run of [report.expectReplies, report.expectRepliesUncached, report.connector]) {
      for (const side of [run.echo, run.bot]) expect([side.errors, side.non2xx]).toEqual([0, 0]);
      expect(run.bot.turnsPerSecond).toBeGreaterThan(0);
      expect(run.ratio).toBeCloseTo(run.bot.turnsPerSecond / run.echo.turnsPerSecond, 1);
      expect(run.bot.cpuMsPerTurn).toBeGreaterThan(0);
    }
    // Every pass of the script ends with a contact conversation, which stores an inquiry at Send.
    expect(report.inquiriesStored).toBeGreaterThan(0);
    expect(report.passages.synthetic).toBe(report.passages.real * 5);
    expect(report.retrievalMs.synthetic.p50).toBeLessThanOrEqual(report.retrievalMs.synthetic.p99);
    const table = markdownTable(report);
    expect(table).toContain(`| \`deliveryMode: expectReplies\` | ${report.expectReplies.echo.turnsPerSecond} |`);
    expect(table).toContain(`| same, answer cache off (every question answered afresh) |`);
    expect(table).toContain(`| cold start to /healthz | ${report.coldStartMs} ms |`);
    // Generous: on two busy cores, beside the other suites, the short run has taken over two minutes.
  }, 300_000);

  it('runs the bots, and times retrieval, with the Node flags `npm start` uses', () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(`node ${serviceNodeFlags.join(' ')} dist/src/index.js`);
    expect(scripts.bench).toContain(`node ${serviceNodeFlags.join(' ')} dist/scripts/bench.js`);
  });
});

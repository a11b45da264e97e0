import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { markdownTable, runBench } from './lib/bench';

/**
 * `npm run bench`: this bot against a bare echo bot on the same stack, under the same load, plus
 * retrieval, index build, cold start and memory. Writes bench/results.json and bench/results.md;
 * with --readme, also the table in README.md.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      'load-rounds': { type: 'string', default: '4' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
      factor: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '20' },
      out: { type: 'string', default: 'bench' },
      readme: { type: 'boolean', default: false },
    },
  });
  const repoRoot = join(__dirname, '..', '..');
  const report = await runBench({
    durationSeconds: Number(values.duration),
    loadRounds: Number(values['load-rounds']),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    syntheticFactor: Number(values.factor),
    retrievalRounds: Number(values.rounds),
    distDir: join(repoRoot, 'dist'),
    repoRoot,
    questionsFile: join(repoRoot, 'test', 'fixtures', 'eval', 'dev-questions.json'),
  });
  // Written as Prettier formats it, so `npm test`'s format check stays green after a run.
  const table = (await format(markdownTable(report), { parser: 'markdown' })).trim();
  const out = join(repoRoot, values.out ?? 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), await format(JSON.stringify(report), { parser: 'json' }));
  writeFileSync(join(out, 'results.md'), `${table}\n`);
  if (values.readme) {
    const readme = join(repoRoot, 'README.md');
    const text = readFileSync(readme, 'utf8');
    writeFileSync(
      readme,
      text.replace(
        /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
        `<!-- bench:start -->\n\n${table}\n\n<!-- bench:end -->`,
      ),
    );
  }
  process.stdout.write(`${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { readCases, runEval, score } from './lib/devEval';

/**
 * Runs the question set against the bot and prints pass rates per group. With --url it asks a
 * running bot (e.g. `npm start`); otherwise it starts one in this process. Exits 1 below a
 * threshold.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      file: { type: 'string', default: join(__dirname, '..', '..', 'shared', 'eval', 'dev-questions.json') },
      languages: { type: 'string', default: 'en,es' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const languages = (values.languages ?? 'en,es').split(',');
  const cases = readCases(values.file ?? '').filter((c) => languages.includes(c.lang));
  let stop = async () => {};
  let url = values.url;
  if (!url) {
    const app = createApp(
      { ...loadConfig(), server: { ...loadConfig().server, port: 0, host: '127.0.0.1' } },
      createLogger('silent'),
    );
    const address = await app.start();
    url = `http://127.0.0.1:${address.port}/api/messages`;
    stop = () => app.stop();
  }
  const results = await runEval(url, cases);
  await stop();
  for (const r of results) {
    if (!r.passed || values.verbose) {
      process.stdout.write(
        `${r.passed ? 'pass' : 'FAIL'} ${r.evalCase.id} ${r.evalCase.q}\n     ${r.failure ?? ''} ${r.reply.replace(/\s+/g, ' ').slice(0, 160)}\n`,
      );
    }
  }
  let ok = true;
  for (const s of score(results)) {
    const meets = s.threshold === undefined || s.rate >= s.threshold;
    ok &&= meets;
    process.stdout.write(
      `${s.group.padEnd(10)} ${s.passed}/${s.total} (${(s.rate * 100).toFixed(0)}%)${s.threshold ? `, needs ${(s.threshold * 100).toFixed(0)}%` : ''} ${meets ? 'ok' : 'BELOW THRESHOLD'}\n`,
    );
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

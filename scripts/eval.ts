import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { loadTrainingQuestions } from '../src/core/answers/trainingQuestions';
import { loadKnowledge } from '../src/core/knowledge/knowledgeLoader';
import { normalizeForSearch } from '../src/core/text/normalize';
import { createLogger } from '../src/logging/logger';
import { type GroupScore, maxWrongShare, readCases, runEval, score, unitLookup } from './lib/devEval';

/** The development set, vendored with each question's answering units. */
const defaultFile = join(__dirname, '..', 'test', 'fixtures', 'eval', 'dev-questions.json');

/**
 * Runs a question set against the bot and prints, per language, how many questions were answered
 * correctly, got the right unit among suggestions, were declined or were answered wrongly. With
 * --url it asks a running bot (e.g. `npm start`); otherwise it starts one in this process. Exits 1
 * below a threshold or when more than 2% of answerable questions are answered wrongly.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      file: { type: 'string', default: defaultFile },
      languages: { type: 'string', default: 'en,es' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const languages = (values.languages ?? 'en,es').split(',');
  const cases = readCases(values.file ?? '').filter((c) => languages.includes(c.lang));
  const kb = loadKnowledge(config.knowledge.dir);
  let stop = async () => {};
  let url = values.url;
  if (!url) {
    const app = createApp(
      { ...config, server: { ...config.server, port: 0, host: '127.0.0.1' } },
      createLogger('silent'),
    );
    const address = await app.start();
    url = `http://127.0.0.1:${address.port}/api/messages`;
    stop = () => app.stop();
  }
  const results = await runEval(url, cases, unitLookup(kb));
  await stop();
  for (const r of results) {
    if (!r.passed || values.verbose) {
      process.stdout.write(
        `${r.outcome.padEnd(9)} ${r.evalCase.id} [${(r.evalCase.units ?? []).join(',')}] ${r.evalCase.q}\n` +
          `          ${r.failure ?? ''} | ${r.reply.replace(/\s+/g, ' ').slice(0, 140)}\n`,
      );
    }
  }
  // Different people often type the same short question ("objetivo 1"): those the model was
  // trained on, word for word, are left out of the second summary, which is of new wordings only.
  const trained = new Set(loadTrainingQuestions(config.knowledge.dir, kb).map((q) => normalizeForSearch(q.text)));
  const unseen = results.filter((r) => !trained.has(normalizeForSearch(r.evalCase.q)));
  if (unseen.length < results.length) {
    process.stdout.write(
      `${results.length - unseen.length} of ${results.length} questions are training questions, word for word; the others:\n`,
    );
    for (const s of score(unseen)) process.stdout.write(`  ${summaryLine(s)}\n`);
  }
  let ok = true;
  const answerable = results.filter((r) => r.evalCase.kind === 'answer');
  const wrong = answerable.filter((r) => r.outcome === 'wrong').length;
  for (const s of score(results)) {
    const meets = s.threshold === undefined || s.rate >= s.threshold;
    ok &&= meets;
    process.stdout.write(
      `${summaryLine(s)}${s.threshold ? `, needs ${(s.threshold * 100).toFixed(0)}%` : ''} ${meets ? 'ok' : 'BELOW THRESHOLD'}\n`,
    );
  }
  const wrongOk = wrong <= maxWrongShare * answerable.length;
  ok &&= wrongOk;
  process.stdout.write(
    `wrong answers: ${wrong} of ${answerable.length} answerable ` +
      `${wrongOk ? 'ok' : `(more than ${maxWrongShare * 100}%)`}\n`,
  );
  process.exit(ok ? 0 : 1);
}

/** A group's rate and counts, as one line. */
function summaryLine(s: GroupScore): string {
  const counts =
    s.group === 'oos'
      ? `declined ${s.declined}, suggested ${s.suggested}, answered ${s.wrong}`
      : `correct ${s.correct}, right unit suggested ${s.suggested}, declined ${s.declined}, wrong ${s.wrong}`;
  return `${s.group.padEnd(10)} ${(s.rate * 100).toFixed(0).padStart(3)}% of ${s.total} (${counts})`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

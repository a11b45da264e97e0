/*
 * An ES module because Vega is one (with top-level await), which CommonJS cannot require; the
 * project's CommonJS modules are imported from it as usual.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { loadAnswering } from '../src/core/answers/answering.js';
import { writeFileAtomically } from '../src/core/privateFiles.js';
import { loadCluProject } from '../src/core/intents/cluModel.js';
import { buildReport } from '../src/core/signals/signalReport.js';
import { stripControlCharacters } from '../src/core/text/controlCharacters.js';
import { createSignalLog } from '../src/signals/signalStoreFactory.js';
import { renderCharts } from './lib/report/charts.mjs';
import { reportKnowledge } from './lib/report/reportKnowledge.js';
import { reportPage } from './lib/report/reportPage.js';

/**
 * `npm run report -- --out report.html`: the curators' report, one self-contained HTML page with
 * charts, made from the signals every instance recorded (DATA_DIR/signals, or the shared Blob
 * container with STORAGE=blob).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'report.html' }, limit: { type: 'string', default: '50' } },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a positive whole number');
  const config = loadConfig();
  const answering = loadAnswering(
    {
      knowledgeDir: config.knowledge.dir,
      indexPath: config.knowledge.indexPath,
      modelPath: config.knowledge.answerModelPath,
    },
    loadCluProject(config.intents.modelFile),
  );
  const events = await createSignalLog(config).read();
  const data = buildReport(events, reportKnowledge(answering), { unansweredLimit: limit });
  const out = resolve(values.out);
  // The page quotes what people typed: private to its owner, like DATA_DIR.
  await writeFileAtomically(out, reportPage(data, await renderCharts(data)));
  const t = data.totals;
  process.stdout.write(
    `Wrote ${out}: ${t.questions} questions ` +
      `(${t.answered} answered, ${t.suggested} suggested, ${t.declined} declined), ` +
      `suggestions taken: ${t.suggestionsTaken}, thumbs up: ${t.likes}, thumbs down: ${t.dislikes}.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${stripControlCharacters((error as Error).message)}\n`);
  process.exit(1);
});

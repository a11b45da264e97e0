import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { loadCluProject } from '../src/core/intents/cluModel';
import { OfflineRecognizer } from '../src/core/intents/offlineRecognizer';
import { evaluateRecognizer, formatReport } from './lib/cluEvaluation';

/**
 * Scores the offline recognizer on the `Test` utterances of the CLU model file, per intent and
 * language, with a confusion summary. Exits 1 below the accuracy threshold.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { threshold: { type: 'string', default: '0.9' } } });
  const project = loadCluProject(loadConfig().intents.modelFile);
  const report = await evaluateRecognizer(new OfflineRecognizer(project), project);
  process.stdout.write(formatReport(report));
  const threshold = Number(values.threshold);
  process.stdout.write(
    `\nright path (question, contact, greeting, help, cancel, goodbye): ${(report.pathAccuracy * 100).toFixed(1)}%`,
  );
  process.stdout.write(
    `\nintent accuracy ${(report.accuracy * 100).toFixed(1)}% (needs ${(threshold * 100).toFixed(0)}%): ` +
      `${report.accuracy >= threshold ? 'ok' : 'BELOW THRESHOLD'}\n`,
  );
  process.exit(report.accuracy >= threshold ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

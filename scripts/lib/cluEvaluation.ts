import type { CluProject } from '../../src/core/intents/cluModel';
import { routeFor } from '../../src/core/conversation/routing';
import { type IntentRecognizer, scoreTable } from '../../src/core/intents/intentTypes';

/** Accuracy of a recognizer on the model's `Test` utterances. */
export interface RecognizerReport {
  accuracy: number;
  /** Share of utterances that take the right path through the bot (see `routeFor`). */
  pathAccuracy: number;
  total: number;
  /** Correct / total per "intent language", e.g. "Help es". */
  groups: { group: string; correct: number; total: number }[];
  /** How often each wrong prediction happened, e.g. "Help → None". */
  confusions: { pair: string; count: number }[];
  misses: { text: string; expected: string; got: string }[];
}

/** Runs every `Test` utterance through the recognizer and tallies the results. */
export async function evaluateRecognizer(recognizer: IntentRecognizer, project: CluProject): Promise<RecognizerReport> {
  const tests = project.assets.utterances.filter((u) => u.dataset === 'Test');
  const groups = new Map<string, { correct: number; total: number }>();
  const confusions = new Map<string, number>();
  const misses: RecognizerReport['misses'] = [];
  let correct = 0;
  let rightPath = 0;
  for (const utterance of tests) {
    const language = utterance.language === 'es' ? 'es' : 'en';
    const result = await recognizer.recognize(utterance.text, language);
    const key = `${utterance.intent} ${language}`;
    if (
      routeFor(result) ===
      routeFor({ ...result, topIntent: utterance.intent, intents: scoreTable({ [utterance.intent]: 1 }) })
    ) {
      rightPath += 1;
    }
    const group = groups.get(key) ?? { correct: 0, total: 0 };
    group.total += 1;
    if (result.topIntent === utterance.intent) {
      group.correct += 1;
      correct += 1;
    } else {
      const pair = `${utterance.intent} → ${result.topIntent}`;
      confusions.set(pair, (confusions.get(pair) ?? 0) + 1);
      misses.push({ text: utterance.text, expected: utterance.intent, got: result.topIntent });
    }
    groups.set(key, group);
  }
  return {
    accuracy: tests.length ? correct / tests.length : 0,
    pathAccuracy: tests.length ? rightPath / tests.length : 0,
    total: tests.length,
    groups: [...groups].map(([group, g]) => ({ group, ...g })).sort((a, b) => a.group.localeCompare(b.group)),
    confusions: [...confusions].map(([pair, count]) => ({ pair, count })).sort((a, b) => b.count - a.count),
    misses,
  };
}

/** A plain-text table of a report. */
export function formatReport(report: RecognizerReport): string {
  const lines = report.groups.map(
    (g) =>
      `${g.group.padEnd(20)} ${String(g.correct).padStart(3)}/${String(g.total).padEnd(3)} ` +
      `${((g.correct / g.total) * 100).toFixed(0)}%`,
  );
  lines.push('', 'confusions (expected → predicted):');
  for (const c of report.confusions) lines.push(`  ${c.pair}: ${c.count}`);
  return `${lines.join('\n')}\n`;
}

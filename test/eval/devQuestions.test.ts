import { join } from 'node:path';
import { loadKnowledge } from '../../src/core/knowledge/knowledgeLoader';
import { maxWrongShare, readCases, runEval, score, type CaseResult, unitLookup } from '../../scripts/lib/devEval';
import { knowledgeDir } from '../helpers/core';
import { type RunningApp, startTestApp } from '../helpers/testApp';

const fixtures = join(__dirname, '..', 'fixtures', 'eval');
const units = unitLookup(loadKnowledge(knowledgeDir));

describe('question sets over HTTP', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(() => running.app.stop());

  /** Every group at or above its required rate, and wrong answers within 2% of answerable ones. */
  function expectRequiredRates(results: readonly CaseResult[]): void {
    for (const s of score(results))
      expect({ group: s.group, rate: s.rate >= (s.threshold ?? 0) }).toEqual({ group: s.group, rate: true });
    const answerable = results.filter((r) => r.evalCase.kind === 'answer');
    const wrong = answerable.filter((r) => r.outcome === 'wrong').map((r) => r.evalCase.q);
    expect(wrong.length).toBeLessThanOrEqual(maxWrongShare * answerable.length);
  }

  it('answers the development questions, in English and Spanish, at the required rates', async () => {
    expectRequiredRates(
      await runEval(`${running.baseUrl}/api/messages`, readCases(join(fixtures, 'dev-questions.json')), units),
    );
  });

  it('reaches the same rates on questions the answer model was never trained on', async () => {
    expectRequiredRates(
      await runEval(`${running.baseUrl}/api/messages`, readCases(join(fixtures, 'fresh-g.json')), units),
    );
  });
});

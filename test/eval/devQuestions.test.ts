import { join } from 'node:path';
import { readCases, runEval, score } from '../../scripts/lib/devEval';
import { type RunningApp, startTestApp } from '../helpers/testApp';

const devQuestions = join(__dirname, '..', '..', '..', 'shared', 'eval', 'dev-questions.json');

describe('development question set over HTTP', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(() => running.app.stop());

  it('answers English and Spanish questions with citations and declines out-of-scope ones at the required rates', async () => {
    const scores = score(await runEval(`${running.baseUrl}/api/messages`, readCases(devQuestions)));
    for (const group of ['answer/en', 'answer/es', 'oos']) {
      const s = scores.find((g) => g.group === group);
      expect({ group, rate: s?.rate }).toEqual({ group, rate: expect.any(Number) });
      expect(s?.rate).toBeGreaterThanOrEqual(s?.threshold ?? 1);
    }
  });
});

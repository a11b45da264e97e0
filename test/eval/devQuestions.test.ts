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

  it('answers English questions with citations and declines out-of-scope ones at the required rates', async () => {
    const cases = readCases(devQuestions).filter((c) => c.lang === 'en' || c.kind === 'oos');
    const scores = score(await runEval(`${running.baseUrl}/api/messages`, cases));
    for (const group of ['answer/en', 'oos']) {
      const s = scores.find((g) => g.group === group);
      expect({ group, rate: s?.rate }).toEqual({ group, rate: expect.any(Number) });
      expect(s?.rate).toBeGreaterThanOrEqual(s?.threshold ?? 1);
    }
  });
});

import { join } from 'node:path';
import { readCases, runEval, score } from '../../scripts/lib/devEval';
import { type RunningApp, startTestApp } from '../helpers/testApp';

const devQuestions = join(__dirname, '..', '..', '..', 'shared', 'eval', 'dev-questions.json');
const paraphrases = join(__dirname, '..', 'fixtures', 'eval', 'paraphrases.json');

describe('development question set over HTTP', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(() => running.app.stop());

  /** Every group (English answers, Spanish answers, out of scope) at or above its required rate. */
  async function expectRequiredRates(file: string): Promise<void> {
    const scores = score(await runEval(`${running.baseUrl}/api/messages`, readCases(file)));
    for (const group of ['answer/en', 'answer/es', 'oos']) {
      const s = scores.find((g) => g.group === group);
      expect({ group, rate: s?.rate }).toEqual({ group, rate: expect.any(Number) });
      expect(s?.rate).toBeGreaterThanOrEqual(s?.threshold ?? 1);
    }
  }

  it('answers English and Spanish questions with citations and declines out-of-scope ones at the required rates', async () => {
    await expectRequiredRates(devQuestions);
  });

  it('reaches the same rates on paraphrases of those questions and further out-of-scope ones', async () => {
    await expectRequiredRates(paraphrases);
  });
});

import { evaluateRecognizer } from '../../scripts/lib/cluEvaluation';
import { OfflineRecognizer } from '../../src/core/intents/offlineRecognizer';
import { realProject } from '../helpers/core';

describe('the offline recognizer on the Test utterances of the model file', () => {
  it('reaches 90% intent accuracy, with every intent and language reported', async () => {
    const project = realProject();
    const report = await evaluateRecognizer(new OfflineRecognizer(project), project);
    expect(report.groups.map((g) => g.group)).toEqual(
      expect.arrayContaining([
        'AskQuestion en',
        'AskQuestion es',
        'Cancel es',
        'ContactRequest en',
        'Help es',
        'None en',
      ]),
    );
    expect(report.total).toBeGreaterThan(100);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

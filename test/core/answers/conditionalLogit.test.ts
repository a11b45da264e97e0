import { type ChoiceExample, predictChoice, trainConditionalLogit } from '../../../src/core/answers/conditionalLogit';

/** Questions whose right unit is the one with the highest first feature; "none" when all are low. */
function examples(): ChoiceExample[] {
  const out: ChoiceExample[] = [];
  for (let i = 0; i < 60; i += 1) {
    const strong = 0.5 + (i % 5) / 10;
    const candidates = [
      [0.1 + (i % 3) / 20, 0.5],
      [strong, 0.5],
      [0.2, 0.5],
    ];
    out.push({ candidates, right: [1], question: [0.1] });
    out.push({ candidates: candidates.map(() => [0.1, 0.5]), right: [], question: [0.9] });
  }
  return out;
}

describe('conditional logit', () => {
  const model = trainConditionalLogit(examples());

  it('gives most of the probability to the candidate that stands out', () => {
    const p = predictChoice(
      model,
      [
        [0.1, 0.5],
        [0.8, 0.5],
        [0.2, 0.5],
      ],
      [0.1],
    );
    expect(p[1]).toBeGreaterThan(0.6);
    expect(p[1]).toBeGreaterThan((p[0] ?? 0) + (p[2] ?? 0));
  });

  it('leaves most of the probability to "none" when no candidate stands out', () => {
    const p = predictChoice(
      model,
      [
        [0.1, 0.5],
        [0.1, 0.5],
      ],
      [0.9],
    );
    expect(p.reduce((a, b) => a + b, 0)).toBeLessThan(0.3);
  });

  it('handles a question with no candidates', () => {
    expect(predictChoice(model, [], [0.5])).toEqual([]);
  });
});

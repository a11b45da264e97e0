import { readFileSync } from 'node:fs';
import { answerModelFingerprint } from '../../../src/core/answers/answering';
import {
  type AnswerModel,
  checkAnswerModel,
  chooseThresholds,
  type Ordered,
} from '../../../src/core/answers/answerModel';
import { IndexError } from '../../../src/core/errors';
import { testArtifacts } from '../../helpers/artifactPaths';
import { knowledgeDir, realKnowledge, realProject } from '../../helpers/core';

const { kb, model } = realKnowledge();

describe('the trained answer model', () => {
  it('was chosen by cross-validation, whose out-of-fold outcomes it reports per language', () => {
    expect(model.folds).toBeGreaterThanOrEqual(5);
    for (const group of ['answer/en', 'answer/es', 'oos/en', 'oos/es']) {
      const counts = model.crossValidation[group];
      expect(counts?.questions).toBe(
        (counts?.correct ?? 0) + (counts?.wrong ?? 0) + (counts?.suggested ?? 0) + (counts?.declined ?? 0),
      );
    }
  });

  it('answers no more than 2% of answerable questions wrongly out of fold', () => {
    const answerable = ['answer/en', 'answer/es'].map((g) => model.crossValidation[g]);
    const wrong = answerable.reduce((sum, c) => sum + (c?.wrong ?? 0), 0);
    const total = answerable.reduce((sum, c) => sum + (c?.questions ?? 0), 0);
    expect(wrong / total).toBeLessThanOrEqual(0.02);
  });

  it('cuts answers above suggestions', () => {
    expect(model.thresholds.answer).toBeGreaterThan(model.thresholds.suggest);
  });

  it('is refused when the knowledge or the labelled questions changed since it was trained', () => {
    const saved = JSON.parse(readFileSync(testArtifacts.answerModelPath, 'utf8')) as AnswerModel;
    const fingerprint = answerModelFingerprint(knowledgeDir, kb, realProject());
    expect(checkAnswerModel(saved, fingerprint).fingerprint).toBe(fingerprint);
    expect(() => checkAnswerModel(saved, 'other')).toThrow(IndexError);
    expect(() => checkAnswerModel({ format: 'something else' }, fingerprint)).toThrow(/not an answer model/);
  });
});

describe('choosing thresholds', () => {
  /** Out-of-fold outcomes: `count` questions whose likeliest unit has `probability`, right or not. */
  const questions = (count: number, probability: number, right: boolean, answerable = true): Ordered[] =>
    Array.from({ length: count }, () => ({
      prepared: {
        gold: new Set(answerable ? [right ? 'a' : 'b'] : []),
        ranking: { allKnown: false },
      } as unknown as Ordered['prepared'],
      open: [
        { passageId: 'a', probability },
        { passageId: 'b', probability: 0.02 },
      ],
    }));
  const sure = [...questions(400, 0.97, true), ...questions(150, 0.05, false, false)];

  it('among thresholds worth as much as the best, answers the most questions rightly', () => {
    // Answering the twelve at 0.7 gains eleven answers for one wrong: worth a little less than
    // suggesting them all, by less than one wrong answer costs.
    const chosen = chooseThresholds([...sure, ...questions(11, 0.7, true), ...questions(1, 0.7, false)]);
    expect(chosen.answer).toBeLessThanOrEqual(0.7);
  });

  it('does not answer where the wrong answers cost more than the right ones gain', () => {
    const chosen = chooseThresholds([...sure, ...questions(8, 0.7, true), ...questions(2, 0.7, false)]);
    expect(chosen.answer).toBeGreaterThan(0.7);
  });
});

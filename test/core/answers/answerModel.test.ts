import { readFileSync } from 'node:fs';
import { answerModelFingerprint } from '../../../src/core/answers/answering';
import { type AnswerModel, checkAnswerModel } from '../../../src/core/answers/answerModel';
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

import { decide } from '../../../src/core/answers/answerDecision';

const thresholds = { answer: 0.7, margin: 0.1, suggest: 0.3, suggestKnown: 0.15 };
const unit = (passageId: string, probability: number, veto?: 'unknown-name') => ({ passageId, probability, veto });

describe('decide', () => {
  it('answers with the likeliest unit when it is likely enough and clearly ahead', () => {
    expect(decide([unit('a', 0.2), unit('b', 0.75)], thresholds)).toEqual({
      kind: 'answer',
      passageId: 'b',
      probability: 0.75,
    });
  });

  it('offers a "did you mean" when the best is only plausible, or too close to the next', () => {
    expect(decide([unit('a', 0.5), unit('b', 0.2), unit('c', 0.05)], thresholds)).toEqual({
      kind: 'suggest',
      passageIds: ['a', 'b'],
    });
    expect(decide([unit('a', 0.72), unit('b', 0.68)], thresholds)).toMatchObject({ kind: 'suggest' });
  });

  it('only offers a unit it may only suggest, however likely', () => {
    expect(decide([{ ...unit('a', 0.95), suggestOnly: true }, unit('b', 0.02)], thresholds)).toEqual({
      kind: 'suggest',
      passageIds: ['a'],
    });
  });

  it('offers three units at most', () => {
    const many = ['a', 'b', 'c', 'd'].map((id) => unit(id, 0.4));
    expect(decide(many, thresholds)).toMatchObject({ kind: 'suggest', passageIds: ['a', 'b', 'c'] });
  });

  it('offers a "did you mean" on less for a question made of the page\'s own words', () => {
    expect(decide([unit('a', 0.2)], thresholds)).toMatchObject({ kind: 'decline' });
    expect(decide([unit('a', 0.2)], thresholds, true)).toEqual({ kind: 'suggest', passageIds: ['a'] });
  });

  it('declines when nothing is plausible', () => {
    expect(decide([unit('a', 0.1)], thresholds)).toEqual({ kind: 'decline', reason: 'low-confidence' });
    expect(decide([], thresholds)).toEqual({ kind: 'decline', reason: 'no-match' });
  });

  it('never answers with a unit the scope rule forbids, and says why when that was the best', () => {
    expect(decide([unit('a', 0.9, 'unknown-name'), unit('b', 0.05)], thresholds)).toEqual({
      kind: 'decline',
      reason: 'unknown-name',
    });
  });
});

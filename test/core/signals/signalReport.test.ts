import { questionsFileSchema } from '../../../src/core/knowledge/knowledgeSchemas';
import type { SignalEvent, SignalInput } from '../../../src/core/signals/signalEvents';
import {
  buildReport,
  proposalsAsQuestionsJson,
  type ReportKnowledge,
  weekOf,
} from '../../../src/core/signals/signalReport';

const knowledge: ReportKnowledge = {
  title: (unit) => ({ 'd#goal': 'Goal of the strategy', 'd#policy': 'U.S. foreign policy' })[unit] ?? unit,
  alternates: (unit, language) => (unit === 'd#goal' && language === 'en' ? ['What is the goal?'] : []),
  closestUnit: (question) => (/budget/i.test(question) ? 'd#policy' : undefined),
};

const signal = (at: string, input: SignalInput): SignalEvent => ({ ...input, at }) as SignalEvent;

describe('the curators report', () => {
  it('starts weeks on Monday (UTC)', () => {
    expect(weekOf('2026-11-30T23:00:00.000Z')).toBe('2026-11-30');
    expect(weekOf('2026-12-06T23:59:59.000Z')).toBe('2026-11-30');
    expect(weekOf('2026-12-07T00:00:00.000Z')).toBe('2026-12-07');
  });

  it('counts each question once a week by how it ended; a suggestion taken is not a second question', () => {
    const report = buildReport(
      [
        signal('2026-11-30T10:00:00.000Z', { kind: 'answer', language: 'en', unit: 'd#goal', via: 'question' }),
        signal('2026-11-30T10:01:00.000Z', { kind: 'suggest', language: 'en', units: ['d#goal'], question: 'aim?' }),
        signal('2026-11-30T10:02:00.000Z', {
          kind: 'answer',
          language: 'en',
          unit: 'd#goal',
          via: 'suggestion',
          question: 'aim?',
        }),
        signal('2026-12-08T10:00:00.000Z', { kind: 'decline', language: 'es', reason: 'no-match', question: 'x' }),
      ],
      knowledge,
    );
    expect(report.weeks).toEqual([
      { week: '2026-11-30', answered: 1, suggested: 1, declined: 0 },
      { week: '2026-12-07', answered: 0, suggested: 0, declined: 1 },
    ]);
    expect(report.totals).toMatchObject({ questions: 3, answered: 1, suggested: 1, declined: 1, suggestionsTaken: 1 });
    expect(report.answersPerUnit).toEqual([
      { unit: 'd#goal', title: 'Goal of the strategy', direct: 1, viaSuggestion: 1 },
    ]);
    expect(report.period).toEqual({ from: '2026-11-30', to: '2026-12-08' });
  });

  it('counts thumbs per unit, a changed mind replacing the earlier reaction', () => {
    const like = { kind: 'feedback', language: 'en', unit: 'd#goal', channel: 'webchat' } as const;
    const report = buildReport(
      [
        signal('2026-11-30T10:00:00.000Z', { ...like, reaction: 'like' }),
        signal('2026-11-30T10:01:00.000Z', { ...like, reaction: 'dislike', replaces: 'like' }),
        signal('2026-11-30T10:02:00.000Z', { ...like, unit: 'd#policy', reaction: 'like', comment: 'Clear' }),
      ],
      knowledge,
    );
    expect(report.feedbackPerUnit).toEqual([
      { unit: 'd#goal', title: 'Goal of the strategy', likes: 0, dislikes: 1 },
      { unit: 'd#policy', title: 'U.S. foreign policy', likes: 1, dislikes: 0 },
    ]);
    expect(report.totals).toMatchObject({ likes: 1, dislikes: 1 });
    expect(report.comments).toEqual([
      expect.objectContaining({ unit: 'd#policy', reaction: 'like', comment: 'Clear' }),
    ]);
  });

  it('lists unanswered questions together however they were typed, most asked first, with the closest unit', () => {
    const decline = (at: string, question: string) =>
      signal(at, { kind: 'decline', language: 'en', reason: 'unmatched-attribute', question });
    const report = buildReport(
      [
        decline('2026-11-30T10:00:00.000Z', 'Who runs the mission in Bolivia?'),
        decline('2026-11-30T10:01:00.000Z', 'What is the budget?'),
        decline('2026-11-30T10:02:00.000Z', 'what is the budget'),
      ],
      knowledge,
    );
    expect(report.unanswered.map((r) => [r.question, r.count, r.closest?.unit])).toEqual([
      ['What is the budget?', 2, 'd#policy'],
      ['Who runs the mission in Bolivia?', 1, undefined],
    ]);
    expect(report.unanswered[0]?.reasons).toEqual({ 'unmatched-attribute': 2 });
  });

  it('proposes questions whose suggestion was taken or whose answer got a thumbs up, unless already curated', () => {
    const report = buildReport(
      [
        signal('2026-11-30T10:00:00.000Z', {
          kind: 'answer',
          language: 'en',
          unit: 'd#policy',
          via: 'suggestion',
          question: 'Why does America pay for this?',
        }),
        signal('2026-11-30T10:01:00.000Z', {
          kind: 'feedback',
          language: 'en',
          unit: 'd#policy',
          reaction: 'like',
          channel: 'msteams',
          question: 'why does america pay for this',
        }),
        // Already in questions.json, or the unit's own title: nothing to add.
        signal('2026-11-30T10:02:00.000Z', {
          kind: 'feedback',
          language: 'en',
          unit: 'd#goal',
          reaction: 'like',
          channel: 'webchat',
          question: 'What is the goal',
        }),
        signal('2026-11-30T10:03:00.000Z', {
          kind: 'answer',
          language: 'es',
          unit: 'd#goal',
          via: 'suggestion',
          question: 'Goal of the strategy',
        }),
        // A thumbs down proposes nothing.
        signal('2026-11-30T10:04:00.000Z', {
          kind: 'feedback',
          language: 'es',
          unit: 'd#goal',
          reaction: 'dislike',
          channel: 'webchat',
          question: '¿Cuál es la meta?',
        }),
      ],
      knowledge,
    );
    expect(report.proposals).toEqual([
      {
        question: 'Why does America pay for this?',
        language: 'en',
        unit: 'd#policy',
        title: 'U.S. foreign policy',
        suggestionTaken: 1,
        thumbsUp: 1,
      },
    ]);
  });

  it('gives the proposals in the shape of questions.json, by unit and language', () => {
    const json = proposalsAsQuestionsJson([
      { question: 'Why "pay"?', language: 'en', unit: 'd#policy', title: '', suggestionTaken: 1, thumbsUp: 0 },
      { question: '¿Por qué?', language: 'es', unit: 'd#policy', title: '', suggestionTaken: 0, thumbsUp: 2 },
    ]);
    const parsed = questionsFileSchema.parse({ questions: JSON.parse(json) });
    expect(parsed.questions['d#policy']).toEqual({ en: ['Why "pay"?'], es: ['¿Por qué?'] });
  });
});

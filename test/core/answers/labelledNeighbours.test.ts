import { foldOf, LabelledNeighbours } from '../../../src/core/answers/labelledNeighbours';
import type { TrainingQuestion } from '../../../src/core/answers/answerModel';

const question = (text: string, units: string[] = [], language: 'en' | 'es' = 'en'): TrainingQuestion => ({
  text,
  language,
  units,
});

const labelled = [
  question('What does USAID do for Venezuelan migrants?', ['objectives-4']),
  question('How does USAID help migrants from Venezuela?', ['objectives-4', 'challenges-4']),
  question('Who is the mission director?', ['director']),
  question('best laptop for programming'),
  question('how do I learn programming'),
  question('¿Qué hace USAID por los migrantes venezolanos?', ['objectives-4'], 'es'),
];

describe('LabelledNeighbours', () => {
  const neighbours = new LabelledNeighbours(labelled, 5);

  it('lets the labelled questions nearest a question vote for the units that answer them', () => {
    const near = neighbours.near('does usaid help venezuelan migrants', 'en');
    const votes = [...near.votes].sort((a, b) => b[1] - a[1]);
    expect(votes[0]?.[0]).toBe('objectives-4');
    expect(near.votes.get('objectives-4')).toBeGreaterThan(near.votes.get('director') ?? 0);
    expect(near.nearest).toBeGreaterThan(0.3);
    expect(near.outOfScope).toBeLessThan(0.5);
  });

  it('says how much of the neighbourhood is out of scope', () => {
    const near = neighbours.near('which laptop is best for learning programming', 'en');
    expect(near.outOfScope).toBeGreaterThan(0.5);
  });

  it('gives each unit the similarity of the nearest question it answers, and that of the nearest out of scope', () => {
    const near = neighbours.near('What does USAID do for migrants from Venezuela?', 'en');
    const migrants = near.nearestOf.get('objectives-4') ?? 0;
    // The nearest of the two questions that name it, not their sum or their mean.
    expect(migrants).toBeCloseTo(near.nearest, 10);
    expect(near.nearestOf.get('challenges-4') ?? 0).toBeLessThan(migrants);
    expect(near.nearestOf.get('challenges-4') ?? 0).toBeGreaterThan(0);
    expect(near.nearestOutOfScope).toBeLessThan(migrants);
    const laptop = neighbours.near('best laptop for programming?', 'en');
    expect(laptop.nearestOutOfScope).toBeCloseTo(laptop.nearest, 10);
    expect(laptop.nearestOutOfScope).toBeGreaterThan(laptop.nearestOf.get('director') ?? 0);
  });

  it('says whether the nearest labelled question of all is out of scope', () => {
    expect(neighbours.near('best laptop for programming?', 'en').nearestIsOutOfScope).toBe(true);
    expect(neighbours.near('What does USAID do for migrants from Venezuela?', 'en').nearestIsOutOfScope).toBe(false);
  });

  it('asks only the questions of the same language', () => {
    expect(neighbours.near('¿USAID ayuda a los migrantes venezolanos?', 'es').votes.get('objectives-4')).toBe(1);
  });

  it('leaves out every question of a fold when training, a copy of the question among them', () => {
    // Asked later, a labelled question is its own best vote; while training, its copy shares its
    // fold, however its case, accents and punctuation differ.
    expect(neighbours.near('Who is the mission director?', 'en').votes.get('director')).toBeGreaterThan(0.5);
    const own = foldOf('Who is the mission director?', 5);
    expect(foldOf('who is the MISSION director', 5)).toBe(own);
    expect(neighbours.near('who is the MISSION director', 'en', own).votes.get('director') ?? 0).toBe(0);
    const asked = 'What USAID does for Venezuelan migrants';
    const fold = foldOf('What does USAID do for Venezuelan migrants?', 5);
    const inFold = neighbours.near(asked, 'en').votes.get('objectives-4') ?? 0;
    expect(neighbours.near(asked, 'en', fold).votes.get('objectives-4') ?? 0).toBeLessThan(inFold);
    // In a single fold, leaving it out leaves nothing to vote.
    const empty = new LabelledNeighbours(labelled, 1).near(asked, 'en', 0);
    expect(empty.votes.size + empty.nearestOf.size).toBe(0);
    expect([empty.outOfScope, empty.nearest, empty.nearestOutOfScope]).toEqual([0, 0, 0]);
    expect(empty.nearestIsOutOfScope).toBe(false);
  });

  it('has nothing to say in a language without labelled questions', () => {
    const english = new LabelledNeighbours(
      labelled.filter((q) => q.language === 'en'),
      5,
    );
    expect(english.near('¿Quién es la directora?', 'es').nearest).toBe(0);
  });
});

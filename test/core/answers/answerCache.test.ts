import { loadAnswering } from '../../../src/core/answers/answering';
import { testArtifacts } from '../../helpers/artifactPaths';
import { realProject } from '../../helpers/core';

const paths = {
  knowledgeDir: testArtifacts.knowledgeDir,
  indexPath: testArtifacts.indexPath,
  modelPath: testArtifacts.answerModelPath,
};

describe('remembered replies', () => {
  it('gives a question asked again in other case and spacing the same reply, without deciding it again', () => {
    const { knowledge } = loadAnswering(paths, realProject(), undefined, 10);
    const first = knowledge.answer('What are the four objectives?', 'en');
    const rank = jest.spyOn(knowledge, 'rank');
    expect(knowledge.answer('  what are the FOUR objectives ', 'en')).toBe(first);
    expect(rank).not.toHaveBeenCalled();
  });

  it('keeps replies apart by language and by the contacts named', () => {
    const { knowledge } = loadAnswering(paths, realProject(), undefined, 10);
    const question = 'correo de la subdirectora';
    const spanish = knowledge.answer(question, 'es', { contactIds: ['deputy'] });
    expect(knowledge.answer(question, 'en', { contactIds: ['deputy'] })).not.toBe(spanish);
    expect(knowledge.answer(question, 'es', { contactIds: ['director'] })).not.toBe(spanish);
  });

  it('decides every question afresh when the cache is off', () => {
    const { knowledge } = loadAnswering(paths, realProject());
    knowledge.answer('What are the four objectives?', 'en');
    const rank = jest.spyOn(knowledge, 'rank');
    knowledge.answer('What are the four objectives?', 'en');
    expect(rank).toHaveBeenCalled();
  });
});

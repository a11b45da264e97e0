import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainingQuestions } from '../../../src/core/answers/trainingQuestions';
import { normalizeForSearch } from '../../../src/core/text/normalize';
import { knowledgeDir, realKnowledge, repoRoot } from '../../helpers/core';

/** The question sets that measure the bot on wordings it was never trained on: all but the development set. */
const evalDir = join(repoRoot, 'test', 'fixtures', 'eval');
const heldOutSets = readdirSync(evalDir).filter((f) => f.endsWith('.json') && f !== 'dev-questions.json');

describe('the held-out question sets', () => {
  const trained = new Set(
    loadTrainingQuestions(knowledgeDir, realKnowledge().kb).map((q) => normalizeForSearch(q.text)),
  );

  it('are named in the labelled questions as never to be trained on', () => {
    const about = (
      JSON.parse(readFileSync(join(knowledgeDir, 'training', 'labelled-questions.json'), 'utf8')) as {
        about: string;
      }
    ).about;
    expect(heldOutSets.length).toBeGreaterThan(5);
    for (const file of heldOutSets) expect(about).toContain(file);
  });

  // Different people often type the same short question ("objetivo 1", "tell me a joke"): a
  // quarter of a set at most occurs among the training questions word for word. A set added to
  // the training questions would be there whole.
  it.each(heldOutSets)('%s is not among the training questions', (file) => {
    const cases = (JSON.parse(readFileSync(join(evalDir, file), 'utf8')) as { cases: { q: string }[] }).cases;
    const repeated = cases.filter((c) => trained.has(normalizeForSearch(c.q)));
    expect(cases.length).toBeGreaterThan(0);
    expect(repeated.length / cases.length).toBeLessThan(0.4);
  });
});

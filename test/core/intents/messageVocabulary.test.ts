import { type CluProject, loadCluProject } from '../../../src/core/intents/cluModel';
import { MessageVocabulary } from '../../../src/core/intents/messageVocabulary';
import { minFormulaWordShare } from '../../../src/core/conversation/routing';
import { join } from 'node:path';
import { normalizeForSearch } from '../../../src/core/text/normalize';
import { inEveryLanguage } from '../../../src/core/text/questionWords';

const project = loadCluProject(join(__dirname, '..', '..', '..', 'dialogs', 'model', 'usaid-peru.clu.json'));
type Utterance = CluProject['assets']['utterances'][number];
const trainUtterances = project.assets.utterances.filter((u) => u.dataset === 'Train');

/** The vocabulary of the model file with only these utterances: full ones, or [text, intent] pairs. */
function vocabularyOf(utterances: readonly (Utterance | [string, Utterance['intent']])[]): MessageVocabulary {
  const full = utterances.map((u): Utterance =>
    Array.isArray(u) ? { text: u[0], language: 'en-us', intent: u[1], entities: [], dataset: 'Train' } : u,
  );
  return MessageVocabulary.fromProject({ ...project, assets: { ...project.assets, utterances: full } });
}

describe('MessageVocabulary', () => {
  it('gives the share of a message’s words that the utterances use, accents and case aside', () => {
    const vocabulary = vocabularyOf([
      ['Cancelar la solicitud', 'Cancel'],
      ['cual es el segundo reto', 'AskQuestion'],
    ]);
    expect(vocabulary.knownShare('CANCELAR la solicitud')).toBe(1);
    expect(vocabulary.knownShare('cancelar la receta')).toBeCloseTo(2 / 3);
    expect(vocabulary.knownShare('lomo saltado')).toBe(0);
    expect(vocabulary.knownShare('  ')).toBe(1);
    // Counting one intent's utterances only.
    expect(vocabulary.knownShare('segundo reto')).toBe(1);
    expect(vocabulary.knownShare('segundo reto', ['Cancel', 'Goodbye'])).toBe(0);
    expect(vocabulary.knownShare('cancelar el reto', ['Cancel'])).toBeCloseTo(1 / 3);
  });

  it('tells the words only one intent’s utterances use', () => {
    const vocabulary = vocabularyOf([
      ['I want an interview', 'ContactRequest'],
      ['I want to cancel', 'Cancel'],
    ]);
    expect(vocabulary.usesOwnWords('an Interview please', 'ContactRequest')).toBe(true);
    // "want" is both intents' words; "website" neither's.
    expect(vocabulary.usesOwnWords('I want the website', 'ContactRequest')).toBe(false);
    expect(vocabulary.usesOwnWords('an interview', 'Greeting')).toBe(false);
  });

  it('finds a word of its own in every contact request of the model’s Test split, or a contact named or asked for', () => {
    const vocabulary = vocabularyOf(trainUtterances);
    const requests = project.assets.utterances.filter((u) => u.dataset === 'Test' && u.intent === 'ContactRequest');
    expect(requests.length).toBeGreaterThan(10);
    const contactWords = inEveryLanguage('contactCues', 'personCues', 'contactDetails');
    const roles = /director|deputy|subdirector|amy|bosman|paro/;
    for (const u of requests) {
      const words = normalizeForSearch(u.text).split(/\s+/);
      const says =
        vocabulary.usesOwnWords(u.text, 'ContactRequest') ||
        words.some((w) => contactWords.some((cue) => w.startsWith(cue))) ||
        roles.test(normalizeForSearch(u.text));
      expect([u.text, says]).toEqual([u.text, true]);
    }
  });

  it('knows every longer greeting, help, cancel and goodbye of the model’s Test split, and not a recipe', () => {
    const vocabulary = vocabularyOf(trainUtterances);
    const formulas = project.assets.utterances.filter(
      (u) =>
        u.dataset === 'Test' &&
        ['Greeting', 'Help', 'Cancel', 'Goodbye'].includes(u.intent) &&
        u.text.trim().split(/\s+/).length > 3,
    );
    expect(formulas.length).toBeGreaterThan(10);
    for (const u of formulas)
      expect([u.text, vocabulary.knownShare(u.text) >= minFormulaWordShare]).toEqual([u.text, true]);
    expect(vocabulary.knownShare('receta de lomo saltado')).toBeLessThan(minFormulaWordShare);
  });
});

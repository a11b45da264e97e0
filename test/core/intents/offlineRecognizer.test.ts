import { classify, features, trainClassifier } from '../../../src/core/intents/intentClassifier';
import { EntityMatcher } from '../../../src/core/intents/entityMatcher';
import { OfflineRecognizer } from '../../../src/core/intents/offlineRecognizer';
import { realProject } from '../../helpers/core';

describe('intent classifier', () => {
  const examples = [
    { text: 'hello there', label: 'Greeting' },
    { text: 'hi friend', label: 'Greeting' },
    { text: 'cancel the request', label: 'Cancel' },
    { text: 'stop it now', label: 'Cancel' },
  ];

  it('learns from examples and scores every class, summing to 1', () => {
    const model = trainClassifier(examples);
    const scores = classify(model, 'hello friend');
    expect(Object.keys(scores).sort()).toEqual(['Cancel', 'Greeting']);
    expect(scores.Greeting).toBeGreaterThan(scores.Cancel ?? 1);
    expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('trains the same model from the same data', () => {
    expect(trainClassifier(examples)).toEqual(trainClassifier(examples));
  });

  it('reads letter trigrams, so a typo still resembles its word', () => {
    const typo = features('cancle');
    const word = features('cancel');
    const shared = [...typo.keys()].filter((f) => f.startsWith('c:') && word.has(f));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('scores each utterance as the dot product of its feature vector with the weights, then softmax', () => {
    const model = trainClassifier(examples);
    const reference = (text: string) => {
      const sums = [...model.bias];
      for (const [feature, value] of features(text))
        model.weights[feature]?.forEach((w, c) => (sums[c] = (sums[c] ?? 0) + w * value));
      const exp = sums.map((v) => Math.exp(v - Math.max(...sums)));
      const total = exp.reduce((a, b) => a + b, 0);
      return Object.fromEntries(model.classes.map((c, i) => [c, (exp[i] ?? 0) / total]));
    };
    for (const text of ['hello hello there friend', 'cancel cancel', 'stop the hello', 'Héllo, CANCEL!']) {
      const scores = classify(model, text);
      for (const [name, value] of Object.entries(reference(text))) expect(scores[name]).toBeCloseTo(value, 12);
    }
  });

  it('calls text with no known feature None', () => {
    const model = trainClassifier([...examples, { text: 'blah', label: 'None' }]);
    expect(classify(model, 'zzzz qqqq')).toMatchObject({ None: 1 });
  });
});

describe('EntityMatcher', () => {
  const matcher = new EntityMatcher(realProject());

  it('finds list entities regardless of case and accents, longest first, with offsets of the original', () => {
    const text = 'Quiero escribir a la SUBDIRECTORA de la Misión';
    const [entity] = matcher.match(text);
    expect(entity).toMatchObject({ category: 'ContactRole', value: 'deputy' });
    expect(text.slice(entity!.offset, entity!.offset + entity!.length)).toBe(entity!.text);
    expect(matcher.match('the deputy mission director')).toEqual([
      expect.objectContaining({ value: 'deputy', text: 'deputy mission director' }),
    ]);
  });

  it.each([
    ['deputy', 'I want to talk to the second in command'],
    ['deputy', 'contact the number two of the mission'],
    ['deputy', 'please put me through to the deputy'],
    ['deputy', 'I would like to write to the vice director'],
    ['deputy', 'quiero hablar con la subdirectora'],
    ['deputy', 'quiero escribirle al subdirector'],
    ['deputy', 'correo de la directora adjunta'],
    ['deputy', 'necesito hablar con el director adjunto'],
    ['deputy', 'quiero contactar a la segunda al mando'],
    ['deputy', 'la número dos de la misión'],
    ['director', 'I need to reach the head of USAID Peru'],
    ['director', 'I want to talk to the head of mission'],
    ['director', 'connect me with the top official'],
    ['director', "I'd like to speak with who's in charge"],
    ['director', 'I’d like to speak with who’s in charge'],
    ['director', 'whos in charge at usaid peru'],
    ['director', 'quiero contactar a la jefa de la misión'],
    ['director', 'quiero hablar con el jefe de la misión'],
    ['director', 'quiero escribirle a la directora'],
  ])('resolves the role %s in %p, from the model file shared with CLU', (role, text) => {
    expect(matcher.match(text).filter((e) => e.category === 'ContactRole')).toEqual([
      expect.objectContaining({ value: role }),
    ]);
  });

  it('finds names and e-mail addresses, whole words only', () => {
    const found = matcher.match('Contact Amy Paro, I am ana.perez@example.org');
    expect(found.map((e) => [e.category, e.value])).toEqual([
      ['PersonName', 'Amy Paro'],
      ['Email', 'ana.perez@example.org'],
    ]);
    expect(matcher.match('the directorate')).toEqual([]);
  });
});

describe('OfflineRecognizer', () => {
  const recognizer = new OfflineRecognizer(realProject());

  it.each([
    ['I want to contact the deputy', 'ContactRequest'],
    ['cancelar', 'Cancel'],
    ['What are the objectives of the strategy?', 'AskQuestion'],
    ['thank you so much!', 'Goodbye'],
  ])('recognizes %p as %s', async (text, intent) => {
    expect((await recognizer.recognize(text, 'en')).topIntent).toBe(intent);
  });
});

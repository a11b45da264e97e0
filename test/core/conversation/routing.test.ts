import type { KnowledgeReply } from '../../../src/core/answers/knowledgeService';
import { decideRoute, type RouteInput, routeFor } from '../../../src/core/conversation/routing';
import { format } from '../../../src/core/i18n/messages';
import { type EntityMatch, type IntentName, scoreTable } from '../../../src/core/intents/intentTypes';
import type { Contact } from '../../../src/core/knowledge/knowledgeTypes';

const result = (intent: IntentName, score: number, entities: EntityMatch[] = []) => ({
  text: '',
  topIntent: intent,
  intents: scoreTable({ [intent]: score }),
  entities,
  source: 'offline' as const,
});

/** An entity the recognizer found: `phrase` where it stands in `text`. */
const entity = (text: string, phrase: string, category: EntityMatch['category'], value: string): EntityMatch => ({
  category,
  text: phrase,
  value,
  offset: text.indexOf(phrase),
  length: phrase.length,
  confidence: 1,
});

const contacts: Contact[] = [
  { id: 'director', name: 'Amy Paro', title: { en: 'Mission Director', es: 'Directora' }, email: 'a@example.org' },
  { id: 'deputy', name: 'Elizabeth Bosman', title: { en: 'Deputy', es: 'Subdirectora' }, email: 'e@example.org' },
];
const decline: KnowledgeReply = { kind: 'decline', language: 'en', reason: 'no-match', offerContacts: false };
const suggest: KnowledgeReply = { kind: 'suggest', language: 'en', suggestions: [{ passageId: 'p', title: 'T' }] };
const answer: KnowledgeReply = {
  kind: 'answer',
  language: 'en',
  passageId: 'p',
  lead: 'It is.',
  citation: {
    title: 'T',
    published: '2024-01-01',
    url: 'https://example.org',
    abstract: '',
    passageId: 'p',
    translated: false,
  },
  confidence: 1,
};

/** Decides with a knowledge that says `reply`, recording whether it was asked. */
function decide(text: string, intent: IntentName, reply: KnowledgeReply = decline, extra: Partial<RouteInput> = {}) {
  const asked: string[] = [];
  const decision = decideRoute({
    text,
    language: 'en',
    recognized: result(intent, 0.9),
    threshold: 0.3,
    contacts,
    knowledge: {
      answer: (question, _language, hints) => {
        asked.push(`${question}|${(hints?.contactIds ?? []).join(',')}`);
        return reply;
      },
      speaksFor: (word) => ['usaid', 'mission'].includes(word),
    },
    ...extra,
  });
  return { decision, asked };
}

describe('routing', () => {
  it('follows a confident intent and treats an unsure one as a question', () => {
    expect(routeFor(result('Help', 0.8), 0.3)).toBe('help');
    expect(routeFor(result('Help', 0.2), 0.3)).toBe('question');
    expect(routeFor(result('None', 0.9), 0.3)).toBe('question');
    expect(
      decide('How do I use this thing here', 'Help', decline, { recognized: result('Help', 0.2) }).decision.route,
    ).toBe('question');
  });

  it.each([
    ['I want to contact the deputy', 'contact'],
    ['the deputy please', 'contact'],
    ['Can I send a message to Amy Paro?', 'contact'],
    ['¿Puedo escribirle a la directora?', 'contact'],
    ['How much does the director earn?', 'question'],
    ['¿Cuánto gana la directora?', 'question'],
    ['How do I apply for a grant?', 'question'],
    ['i lead a coffee cooperative in the vraem. is there any usaid objective for zones like ours', 'question'],
    ['I have a proposal for the mission, is there someone I can send it to', 'contact'],
    ['con quienes trabaja la mision ademas del gobierno', 'question'],
    ['with whom does the mission work besides the government', 'question'],
    ['a quien le escribo sobre una propuesta', 'contact'],
    ['with the director please', 'contact'],
    // Scored as requests by their letters, they ask for no one: the knowledge is asked.
    ['link to the website pls', 'question'],
    ['convert 100 dollars to soles', 'question'],
    // A word that only begins like a contact cue ("passport": "pass") asks for no one.
    ['how do i renew my us passport at the embassy in lima', 'question'],
    ['¿cómo renuevo mi pasaporte en lima?', 'question'],
    ['Could you pass my question on to the mission?', 'contact'],
    ['¿me puedes pasar con alguien de la misión?', 'contact'],
  ] as const)('routes the contact intent of %p to %s', (text, route) => {
    // The recognizer finds the roles a message names, as the offline model's list entity does.
    const role = /\b(deputy|director|directora)\b/.exec(text)?.[1];
    const entities = role ? [entity(text, role, 'ContactRole', role.startsWith('deputy') ? 'deputy' : 'director')] : [];
    expect(
      decide(text, 'ContactRequest', decline, { recognized: result('ContactRequest', 0.9, entities) }).decision.route,
    ).toBe(route);
  });

  it('asks the knowledge about a contact request that names no one and asks for no way to reach anyone', () => {
    const { decision, asked } = decide('link to the website pls', 'ContactRequest', answer);
    expect(decision).toMatchObject({ route: 'question', reply: answer });
    expect(asked).toEqual(['link to the website pls|']);
    // Naming a role, or a word that asks to get in touch, keeps it a request.
    expect(decide('put me in touch please', 'ContactRequest', answer).decision.route).toBe('contact');
    expect(decide('the email of someone', 'ContactRequest', answer).decision.route).toBe('contact');
    // So does a word only the intent model's requests use.
    const vocabulary = {
      knownShare: () => 1,
      usesOwnWords: (text: string, intent: string) => intent === 'ContactRequest' && /journalist/.test(text),
    };
    expect(
      decide("I'm a journalist and want an interview", 'ContactRequest', decline, { vocabulary }).decision.route,
    ).toBe('contact');
    expect(decide('link to the website pls', 'ContactRequest', answer, { vocabulary }).decision.route).toBe('question');
  });

  it('names the contacts a contact request names, and asks the knowledge nothing', () => {
    const text = 'I want to write to the deputy';
    const { decision, asked } = decide(text, 'ContactRequest', answer, {
      recognized: result('ContactRequest', 0.9, [entity(text, 'deputy', 'ContactRole', 'deputy')]),
    });
    expect(decision).toEqual({
      text: 'I want to write to the deputy',
      language: 'en',
      route: 'contact',
      named: [contacts[1]],
      asks: false,
    });
    // Asked as a question that addresses the mission or a person, it asks for the contacts too.
    for (const [question, asks] of [
      ['How do I contact the mission?', true],
      ['How can I get in touch with USAID Peru?', true],
      ['Who should I write to about a proposal?', true],
      ['I want to get in touch with USAID Peru', false],
      // In any shape, a request for their addresses or names asks for them.
      ['give me the emails of the mission director and her deputy', true],
      ['dame los nombres y correos de la misión', true],
      // One e-mail to write is no request for theirs.
      ['ayudame a escribir un correo para la misión', false],
      // Shaped as a question with a word that asks to write, but of no one at the mission.
      ['Can you write a python function to reverse a string?', false],
    ] as const) {
      expect([question, decide(question, 'ContactRequest', answer).decision]).toMatchObject([
        question,
        { route: 'contact', named: [], asks },
      ]);
    }
    expect(asked).toEqual([]);
  });

  it("takes the decline button's text as a contact request whatever the intent", () => {
    expect(decide(format('es', 'declineContactAction'), 'Greeting').decision.route).toBe('contact');
  });

  it('lets a short greeting, thanks or cancel stand alone when the knowledge does not answer it', () => {
    expect(decide('hello there', 'Greeting', decline).decision.route).toBe('greeting');
    expect(decide('thanks a lot', 'Goodbye', suggest).decision.route).toBe('goodbye');
  });

  it('answers a short message the classifier mistakes for a formula when the knowledge answers it', () => {
    // The formulas' utterances use "undo" and "bye"; questions use "second" and "challenge".
    const formulaWords: Record<string, string[]> = {
      Cancel: ['undo'],
      Goodbye: ['bye'],
      Help: ['help', 'peru'],
      AskQuestion: ['second'],
    };
    const vocabulary = {
      // Formulas only: no word of a contact request.
      usesOwnWords: () => false,
      knownShare: (text: string, intents?: readonly string[]) => {
        const known = new Set(
          Object.entries(formulaWords).flatMap(([i, w]) => (!intents || intents.includes(i) ? w : [])),
        );
        const words = text.split(/\s+/);
        return words.filter((w) => known.has(w)).length / words.length;
      },
    };
    const { decision, asked } = decide('second challenge', 'Goodbye', answer, { vocabulary });
    expect(decision).toMatchObject({ route: 'question', reply: answer });
    expect(asked).toEqual(['second challenge|']);
    // The formulas' own words stay a formula, whatever the knowledge makes of them.
    expect(decide('undo', 'Cancel', answer, { vocabulary }).decision.route).toBe('cancel');
    expect(decide('bye', 'Goodbye', answer, { vocabulary }).decision.route).toBe('goodbye');
    // Two of three words a formula's is not all: the knowledge is asked, and answers.
    expect(decide('coronavirus help peru', 'Help', answer, { vocabulary }).decision).toMatchObject({
      route: 'question',
      reply: answer,
    });
    expect(decide('coronavirus help peru', 'Help', decline, { vocabulary }).decision.route).toBe('help');
    // Without the vocabulary, a short message is a formula as before.
    expect(decide('second challenge', 'Goodbye', answer).decision.route).toBe('goodbye');
  });

  it('answers a greeting with a question when the knowledge answers it, naming the contacts it names', () => {
    const text = 'Hi, is Amy Paro the director';
    const { decision, asked } = decide(text, 'Greeting', answer, {
      recognized: result('Greeting', 0.9, [entity(text, 'Amy Paro', 'PersonName', 'Amy Paro')]),
    });
    expect(decision).toEqual({
      text: 'Hi, is Amy Paro the director',
      language: 'en',
      route: 'question',
      reply: answer,
    });
    expect(asked).toEqual(['Hi, is Amy Paro the director|director']);
  });

  it('keeps a longer greeting a greeting when the knowledge has nothing to say', () => {
    expect(decide('hello hello good morning to you', 'Greeting', decline).decision.route).toBe('greeting');
    expect(decide('hello hello good morning to you', 'Greeting', suggest).decision.route).toBe('greeting');
  });

  it('lets a question mark outweigh an intent when the knowledge suggests something', () => {
    expect(decide('Is this current?', 'Cancel', suggest).decision.route).toBe('question');
    expect(decide('Is this current?', 'Cancel', decline).decision.route).toBe('cancel');
  });

  it('takes a longer message for a formula only when the intent model knows most of its words', () => {
    // Words the model's utterances use: "cancel", "my", "request", "please", "de".
    const vocabulary = {
      // Formulas only: no word of a contact request.
      usesOwnWords: () => false,
      knownShare: (text: string) => {
        const words = text.toLowerCase().split(/\s+/);
        const known = new Set(['i', 'want', 'to', 'cancel', 'my', 'request', 'please', 'de']);
        return words.filter((w) => known.has(w)).length / words.length;
      },
    };
    expect(decide('receta de lomo saltado', 'Cancel', decline, { vocabulary }).decision).toMatchObject({
      route: 'question',
      reply: decline,
    });
    expect(decide('I want to cancel my request please', 'Cancel', decline, { vocabulary }).decision.route).toBe(
      'cancel',
    );
    // Without the vocabulary, as before; and a short message is never held to it (typos: "cancle").
    expect(decide('receta de lomo saltado', 'Cancel', decline).decision.route).toBe('cancel');
    expect(decide('lomo saltado', 'Cancel', decline, { vocabulary }).decision.route).toBe('cancel');
  });

  it('takes a message shaped as a question for a formula only when made of the formulas own words', () => {
    // Every word is among the model's utterances (its questions' too); few among its formulas'.
    const formulaWords = new Set(['how', 'are', 'you', 'doing', 'today', 'stop', 'can', 'cancel', 'that', 'please']);
    const vocabulary = {
      // Formulas only: no word of a contact request.
      usesOwnWords: () => false,
      knownShare: (text: string, intents?: readonly string[]) => {
        const words = text.toLowerCase().replace(/[?]/g, '').split(/\s+/);
        return intents ? words.filter((w) => formulaWords.has(w)).length / words.length : 1;
      },
    };
    const cancelled = 'why did usaid stop funding stuff directly and switch to giving advice';
    expect(decide(cancelled, 'Cancel', decline, { vocabulary }).decision).toMatchObject({
      route: 'question',
      reply: decline,
    });
    expect(decide('how are you doing today', 'Greeting', decline, { vocabulary }).decision.route).toBe('greeting');
    // Of that formula's own words: a question with "thanks" in it is no thanks.
    const byIntent: Record<string, string[]> = {
      Greeting: ['how', 'are', 'you', 'doing', 'today', 'many', 'have'],
      Goodbye: ['thanks', 'to'],
    };
    const ownWords = {
      // Formulas only: no word of a contact request.
      usesOwnWords: () => false,
      knownShare: (text: string, intents?: readonly string[]) => {
        const known = new Set(Object.entries(byIntent).flatMap(([i, w]) => (!intents || intents.includes(i) ? w : [])));
        const words = text.split(/\s+/);
        return words.filter((w) => known.has(w)).length / words.length;
      },
    };
    const thanks = 'how many farmers have stopped growing coca thanks to usaid';
    expect(decide(thanks, 'Goodbye', decline, { vocabulary: ownWords }).decision.route).toBe('question');
    expect(decide('how are you doing today', 'Greeting', decline, { vocabulary: ownWords }).decision.route).toBe(
      'greeting',
    );
    expect(decide('can you cancel that please?', 'Cancel', decline, { vocabulary }).decision.route).toBe('cancel');
    // Not shaped as a question, a longer message is held to all the model's words, as before.
    expect(decide('usaid stop funding stuff directly', 'Cancel', decline, { vocabulary }).decision.route).toBe(
      'cancel',
    );
  });

  it("gives a question the knowledge's reply, even a decline", () => {
    expect(decide('What is the weather in Cusco?', 'AskQuestion', decline).decision).toMatchObject({
      route: 'question',
      reply: decline,
    });
  });
});

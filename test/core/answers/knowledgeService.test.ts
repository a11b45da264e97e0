import { abbreviate, type KnowledgeReply } from '../../../src/core/answers/knowledgeService';
import { featureNames, noneInputNames, questionFeatureNames } from '../../../src/core/answers/answerFeatures';
import type { Language } from '../../../src/core/text/normalize';
import { contactHints } from '../../../src/core/answers/answering';
import { realKnowledge, realProject } from '../../helpers/core';

const { knowledge, kb } = realKnowledge();
/** The contacts a question names, found by the CLU model's entities as the bot finds them. */
const hints = contactHints(realProject(), kb.contacts);

function reply(question: string, language: Language = 'en'): KnowledgeReply {
  return knowledge.answer(question, language, hints(question, language));
}

/** Expects the answer to quote both contacts, the director first. */
function expectBothContacts(question: string, language: Language): void {
  expect([question, reply(question, language)]).toMatchObject([
    question,
    { kind: 'answer', passageId: 'usaid-peru#director', also: [{ passageId: 'usaid-peru#deputy' }] },
  ]);
}

function answerUnit(question: string, language: Language = 'en'): string {
  const r = reply(question, language);
  if (r.kind !== 'answer') throw new Error(`expected an answer to "${question}", got ${JSON.stringify(r)}`);
  return r.passageId.replace('usaid-peru#', '');
}

describe('KnowledgeService answers with the unit asked about', () => {
  it.each([
    ['What are the four objectives?', 'objectives'],
    ['What challenges does Peru face?', 'challenges'],
    ['objective number 2', 'objectives-2'],
    ['obj 2?', 'objectives-2'],
    ['What is the third objective?', 'objectives-3'],
    ['the first challenge', 'challenges-1'],
    ['What is the last challenge?', 'challenges-4'],
    ['¿Cuál es el segundo objetivo?', 'objectives-2'],
    ['What did USAID do about COVID-19 in Peru?', 'covid'],
    ['What is the Strategic Partnership?', 'partnership'],
  ])('%s → %s', (question, unit) => {
    const language: Language = /[¿¡]/.test(question) ? 'es' : 'en';
    expect(answerUnit(question, language)).toBe(unit);
  });

  it('quotes a list with its lead-in and every item', () => {
    const r = reply('What are the four objectives?');
    expect(r).toMatchObject({
      kind: 'answer',
      lead: 'USAID will collaborate with Peruvian partners to pursue four objectives:',
    });
    expect(r.kind === 'answer' && r.items).toHaveLength(4);
  });

  it('quotes one item after its list lead-in, marking what is left out', () => {
    const r = reply('What is the third objective?');
    expect(r.kind === 'answer' && r.lead).toBe(
      'USAID will collaborate with Peruvian partners to pursue four objectives: … 3. Peru increases climate ' +
        'resilience; …',
    );
  });

  it('cites the page, its date and source, with a short abstract', () => {
    const r = reply('What is the Strategic Partnership?');
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(r.citation).toMatchObject({
      title: 'USAID in Perú',
      published: '2023-10-06',
      url: 'https://www.usaid.gov/peru',
      passageId: 'usaid-peru#partnership',
      translated: false,
    });
    expect(r.citation.abstract.length).toBeLessThanOrEqual(160);
  });

  it('corrects typos against the knowledge vocabulary', () => {
    expect(answerUnit('wat are the objectves of usaid in peru')).toBe('objectives');
  });

  it('sets a self-introduction aside and answers the question', () => {
    const question =
      "Good morning! I'm a journalist in Cusco, writing about the pandemic. What did USAID do about COVID-19 in Peru?";
    expect(answerUnit(question)).toBe('covid');
    // "Cusco" is a name the page never uses: in the question itself, it would rule every unit out.
    expect(reply('What did USAID do about COVID-19 in Cusco?')).toMatchObject({
      kind: 'decline',
      reason: 'unknown-name',
    });
  });

  it('sets aside a Spanish self-introduction whose subject is left unsaid', () => {
    // "Trabajo", "vivo": first person singular, the subject left unsaid, as Spanish does.
    for (const question of [
      'Trabajo en una ONG ambiental en Madre de Dios. ¿Qué dice USAID sobre los delitos ambientales en la Amazonía?',
      'Buenas tardes, trabajo en el Ministerio del Ambiente. ¿USAID menciona los delitos ambientales en la Amazonía?',
    ]) {
      expect([question, answerUnit(question, 'es')]).toEqual([question, 'challenges-3']);
    }
    expect(answerUnit('Vivo en Piura y quiero saber cuáles son los objetivos de USAID', 'es')).toBe('objectives');
    // Only the opening clause introduces the asker: later, "como postulo" (how do I apply) asks.
    expect(reply('hay trabajo en usaid peru? como postulo', 'es').kind).toBe('decline');
    // Asked of the place itself, it is still a name the page never uses.
    expect(reply('¿Qué hace USAID en Madre de Dios?', 'es')).toMatchObject({ kind: 'decline', reason: 'unknown-name' });
  });
});

describe('KnowledgeService and the names the page uses', () => {
  it("reads a name people use for what the page names otherwise as the page's word", () => {
    // "Washington", the U.S. government, is no place the page never names.
    expect(answerUnit('Why does Washington see Peru as a reliable ally these days?')).toBe('progress');
    expect(answerUnit("How does the Peru program fit with Washington's wider foreign policy aims?")).toBe('policy');
    // An attribute the page does not hold is still declined.
    expect(reply('what is the weather in washington').kind).toBe('decline');
  });

  it('finds a time before in the units that say what USAID has evolved or shifted from', () => {
    for (const [question, language] of [
      ['What did USAID do in Peru before?', 'en'],
      ['¿Qué hacía USAID en el Perú antes?', 'es'],
    ] as const) {
      const r = reply(question, language);
      const units =
        r.kind === 'answer' ? [r.passageId] : r.kind === 'suggest' ? r.suggestions.map((x) => x.passageId) : [];
      expect([question, units[0]]).toEqual([question, expect.stringMatching(/#(overview|role)$/)]);
    }
    // A person before is no unit's.
    expect(reply('Who was the mission director before Amy Paro?').kind).toBe('decline');
    expect(reply('¿Quién era el director anterior?', 'es').kind).toBe('decline');
  });

  it('reads an acronym the page does not use as a body it does not speak of', () => {
    for (const question of [
      'How does the DEA work with Peru on cocaine seizures?',
      'how does UNHCR help venezuelan refugees',
    ]) {
      expect([question, reply(question)]).toMatchObject([question, { kind: 'decline', reason: 'unknown-name' }]);
    }
  });
});

describe('KnowledgeService and people', () => {
  it('answers a named role with that person, never the other', () => {
    expect(answerUnit('What is the e-mail of the deputy?')).toBe('deputy');
    expect(answerUnit('correo de la directora adjunta', 'es')).toBe('deputy');
    expect(answerUnit('Who is the head of the mission?')).toBe('director');
    expect(answerUnit('What is the e-mail address of the deputy mission director?')).toBe('deputy');
  });

  it("reads a number in a role's name as part of the name, not as a figure the unit lacks", () => {
    expect(answerUnit('who is the number 2 at usaid peru and how do i reach them')).toBe('deputy');
    expect(answerUnit('number 2 email')).toBe('deputy');
    // A number beside a list's name is still a position in it.
    expect(answerUnit('objective number 2')).toBe('objectives-2');
  });

  it('answers a question naming both contacts with both, the director first', () => {
    for (const [question, language] of [
      ['What are the emails of the director and deputy?', 'en'],
      ['emails of amy paro and elizabeth bosman', 'en'],
      ['Who are the deputy director and the mission director?', 'en'],
      ['correos de la directora y la subdirectora', 'es'],
    ] as const) {
      expectBothContacts(question, language);
    }
    // One of them, and only one, when one is named.
    expect(reply('What is the deputy director’s email?')).not.toHaveProperty('also');
    // Both named, but asked what the page does not say of them.
    expect(reply('Where did the director and the deputy study?').kind).toBe('decline');
  });

  it('answers with the contact a question names when it asks only how to reach them', () => {
    // "address" asks for a way to reach her, which her unit gives, though not in that word.
    expect(answerUnit("I want to email the head of the mission about an idea. What's her address?")).toBe('director');
    expect(answerUnit('dirección de la subdirectora', 'es')).toBe('deputy');
  });

  it('reads a short Spanish question in Spanish even when the turn is in English', () => {
    expect(answerUnit('correo de la subdirectora', 'en')).toBe('deputy');
  });

  it("only offers what another language's reading is sure of, for a question plainly in the turn's", () => {
    // Read as Spanish, it is the regional programs (0.72); read as English, nothing is sure (0.24).
    expect(reply('Is trade part of the reasoning behind the program?').kind).not.toBe('answer');
  });

  it('answers with every contact a question asks for without saying which', () => {
    for (const [question, language] of [
      ['Who can I get in touch with at the mission? I need their names and emails.', 'en'],
      ['¿Con quién me comunico en la misión? Necesito nombres y correos.', 'es'],
    ] as const) {
      expectBothContacts(question, language);
    }
  });

  it('answers with every contact a question asks for as the contacts', () => {
    expectBothContacts('who r the contacts on the usaid peru page', 'en');
    expectBothContacts('quienes son los contactos de usaid peru', 'es');
    // A word compounded with "contact" names them too.
    expectBothContacts('Who are the contact people listed for USAID Peru?', 'en');
    expectBothContacts('¿Quiénes son las personas de contacto de USAID Perú?', 'es');
    // Not when the rest of it asks for what the page does not hold.
    for (const [question, language] of [
      ['numero de contacto usaid peru whatsapp', 'es'],
      ['How do I contact Microsoft tech support about a billing issue?', 'en'],
      ['What is the phone number of the contact at USAID Peru?', 'en'],
      // A compound that asks for a detail, or a word beside it, is not the contacts.
      ['what is the contact number of the embassy', 'en'],
    ] as const) {
      expect([question, reply(question, language).kind]).toEqual([question, 'decline']);
    }
  });

  it('answers with every contact a question asks only how to reach at the mission', () => {
    for (const [question, language] of [
      ['who can I write to at usaid peru, I need their emails', 'en'],
      ['con quién me comunico en usaid perú? nombres y correos porfa', 'es'],
      ['¿A quién puedo escribir en USAID Perú? Dame los contactos por favor', 'es'],
    ] as const) {
      expectBothContacts(question, language);
    }
    // Asking for someone else, or about something the page does not hold, is declined with both.
    for (const [question, language] of [
      ['who is the president of peru', 'en'],
      ['who do i contact about a visa', 'en'],
      ['a quien le escribo para pedir una beca', 'es'],
    ] as const) {
      expect([question, reply(question, language)]).toMatchObject([question, { kind: 'decline', offerContacts: true }]);
    }
  });

  it('declines a question about a role it does not know, offering both contacts', () => {
    expect(reply('Who is the press officer of the mission?')).toMatchObject({ kind: 'decline', offerContacts: true });
  });

  it('offers, but does not assert, a named contact asked what the page does not say of them', () => {
    for (const question of ['Which school did Elizabeth Bosman attend?', 'What languages does Amy Paro speak?']) {
      expect([question, reply(question).kind]).toEqual([question, 'suggest']);
    }
    // Asked only who she is, she is the answer.
    expect(answerUnit('Is Amy Paro the head of the mission?')).toBe('director');
  });

  it('does not answer with a contact what the page does not say of the person', () => {
    for (const question of [
      'Where did Elizabeth Bosman study?',
      'Who will replace Amy Paro?',
      '¿Dónde vive la directora?',
    ]) {
      expect(reply(question, /¿/.test(question) ? 'es' : 'en').kind).toBe('decline');
    }
  });
});

describe('KnowledgeService declines what the page does not say', () => {
  it.each([
    ['a place the page never mentions', 'What does USAID do in Colombia?', 'unknown-name'],
    // "ecuador" is a Spanish word too (the equator): only the list of countries tells it is a place.
    ['a country typed in lower case', 'usaid ecuador programs', 'unknown-name'],
    ['an opinion', 'What do you think of Elizabeth Bosman?', 'unmatched-attribute'],
    ['a year the page does not hold', 'What did USAID do in Peru in 2015?', 'unmatched-number'],
    ['an attribute no unit holds', 'What is the budget of the climate objective?', 'unmatched-attribute'],
    ['a time before', 'Who was the former mission director?', 'unmatched-attribute'],
  ])('declines %s', (_what, question, reason) => {
    expect(reply(question)).toMatchObject({ kind: 'decline', reason });
  });

  it('declines who held a post before, though a unit telling what USAID did before holds the word', () => {
    expect(reply('Who was the mission director before Amy Paro?').kind).toBe('decline');
    expect(reply('What did USAID do in Peru before?').kind).not.toBe('decline');
  });

  it('answers a question whose asker first says where they are from, and declines one asking about the place', () => {
    expect(answerUnit("As a teacher in Cusco, what are USAID's objectives in Peru?")).toBe('objectives');
    expect(answerUnit('Hi from Arequipa! Who is the mission director?')).toBe('director');
    expect(reply("I'm from Bolivia, what does USAID do in Bolivia?")).toMatchObject({
      kind: 'decline',
      reason: 'unknown-name',
    });
  });

  it('offers, but does not assert, what a message asks when its question names nothing of its own', () => {
    const heard = reply('I heard USAID mostly gives technical help now instead of money, is that right?');
    expect(heard).toMatchObject({ kind: 'suggest' });
    if (heard.kind === 'suggest') expect(heard.suggestions.map((s) => s.passageId)).toContain('usaid-peru#role');
    expect(reply("I'd like to donate to help Venezuelan migrants through USAID, how do I do that?").kind).not.toBe(
      'answer',
    );
  });

  it("finds a unit through the page's own words for an attribute, and still declines what it does not hold", () => {
    expect(answerUnit('Did USAID give new money to fight COVID-19 in Peru?')).toBe('covid');
    expect(answerUnit('¿USAID ya no da dinero directamente a los servicios?', 'es')).toBe('role');
    expect(reply('How much money did USAID give Peru for COVID-19?')).toMatchObject({ kind: 'decline' });
    expect(reply('What is the budget of the Amazon Regional Environment Program?')).toMatchObject({ kind: 'decline' });
  });

  it('answers a named contact asked for now, or with a please, and still declines an unnamed post', () => {
    expect(answerUnit('Who is the current mission director?')).toBe('director');
    expect(answerUnit('who is the deputy director now')).toBe('deputy');
    expect(answerUnit('mission director name plz')).toBe('director');
    expect(answerUnit('correo de la directora porfa', 'es')).toBe('director');
    // A greeting asks nothing of the person either; a judgement still does.
    expect(answerUnit('hola, necesito el email de elizabeth bosman', 'es')).toBe('deputy');
    expect(answerUnit('hi there, what is the e-mail of Elizabeth Bosman?')).toBe('deputy');
    expect(reply('Who is the press officer now?').kind).not.toBe('answer');
  });

  it('offers the units it is unsure of to a "who" that asks for no person, and both contacts to one that does', () => {
    const partners = reply('who does usaid peru actually work with? just the government?');
    expect(partners).toMatchObject({ kind: 'suggest' });
    if (partners.kind === 'suggest')
      expect(partners.suggestions.map((s) => s.passageId)).toContain('usaid-peru#partnership');
    expect(reply('Who is the press officer?')).toMatchObject({ kind: 'decline', offerContacts: true });
    // Partners first, though a contact is among the guesses.
    const apart = reply('Who does the mission work with in Peru apart from the government?');
    expect(apart).toMatchObject({ kind: 'suggest' });
    if (apart.kind === 'suggest') expect(apart.suggestions[0]?.passageId).toBe('usaid-peru#partnership');
  });

  it("only offers what a rule finds in another language's reading of a question plainly in the turn's", () => {
    const problems = reply('what big problems does USAID say Peru and the US both care about?');
    expect(problems.kind).not.toBe('answer');
  });

  it('declines news from a year after the page, though a period it states ends that year', () => {
    expect(reply('What happened to USAID in Peru in 2025?')).toMatchObject({ kind: 'decline' });
    expect(reply('qué pasó con usaid en el perú en el 2025', 'es')).toMatchObject({ kind: 'decline' });
    expect(answerUnit('What does USAID want Peru to achieve by 2025?')).toBe('goal');
    expect(answerUnit('meta de usaid en el perú para 2020-2025', 'es')).toBe('goal');
  });

  it('declines a judgement of a contact, and reads the same word about anything else as a topic', () => {
    expect(reply('Is Amy Paro a good director?').kind).toBe('decline');
    expect(reply('¿La subdirectora es buena?', 'es').kind).toBe('decline');
    expect(answerUnit('Does USAID support good governance in Peru?')).toBe('objectives-2');
    // "How bad" asks how far.
    expect(answerUnit('how bad is corruption in peru')).toBe('challenges-2');
  });

  it.each(['Tell me a joke', 'qwpoeiru zmxncb', 'What is the best restaurant in Lima?'])(
    'declines "%s"',
    (question) => {
      expect(reply(question).kind).toBe('decline');
    },
  );
});

describe('KnowledgeService suggestions', () => {
  it('answers a suggestion title, as a click on it sends, with that unit', () => {
    expect(answerUnit('Objective: climate resilience')).toBe('objectives-3');
    expect(answerUnit('Objetivo: resiliencia climática', 'es')).toBe('objectives-3');
  });

  it('offers two or three units with their titles when it is unsure', () => {
    const r = reply('Venezuelan migrants');
    expect(r.kind).not.toBe('decline');
    if (r.kind === 'suggest') {
      expect(r.suggestions.length).toBeGreaterThanOrEqual(1);
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
      for (const s of r.suggestions) expect(knowledge.suggestionFor(s.title, 'en')).toBe(s.passageId);
    }
  });
});

describe('KnowledgeService in Spanish', () => {
  it('answers from the unofficial translation with the same unit and the original citation', () => {
    const es = reply('¿Quién es la subdirectora de la misión?', 'es');
    const en = reply('Who is the Deputy Mission Director?', 'en');
    if (es.kind !== 'answer' || en.kind !== 'answer') throw new Error('expected two answers');
    expect(es.passageId).toBe(en.passageId);
    expect(es.citation).toMatchObject({ translated: true, title: 'USAID in Perú', url: en.citation.url });
    expect(es.citation.abstract).not.toBe(en.citation.abstract);
  });
});

describe('abbreviate', () => {
  it('cuts at a word boundary within the limit, with an ellipsis', () => {
    const text = 'word '.repeat(60);
    const short = abbreviate(text, 160);
    expect(short.length).toBeLessThanOrEqual(160);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toMatch(/wor…$/);
    expect(abbreviate('short text')).toBe('short text');
  });
});

describe('KnowledgeService and the labelled questions', () => {
  const labelledVotes = featureNames.indexOf('labelledVotes');
  const votesFor = (question: string, unit: string, training?: { fold: number }) =>
    knowledge.rank(question, 'en', {}, training)?.candidates.find((c) => c.passageId === `usaid-peru#${unit}`)?.values[
      labelledVotes
    ] ?? 0;

  it('weighs the votes of the labelled questions nearest a question', () => {
    // Labelled questions about drugs are among its nearest, and they name the challenge.
    expect(votesFor('what does usaid do about drug trafficking in peru', 'challenges-1')).toBeGreaterThan(0);
  });

  it('gives a unit the similarity of the nearest labelled question that names it', () => {
    const nearestOf = featureNames.indexOf('labelledNearestOf');
    const ranking = knowledge.rank('will usaid keep supporting peru', 'en', {});
    const values = (unit: string) =>
      ranking?.candidates.find((c) => c.passageId === `usaid-peru#${unit}`)?.values[nearestOf] ?? 0;
    // A labelled question asks this word for word (case and punctuation aside): the nearest of all.
    expect(values('priorities')).toBeGreaterThan(0.9);
    expect(values('priorities')).toBe(ranking?.question[questionFeatureNames.indexOf('labelledNearest')]);
    expect(values('director')).toBe(0);
  });

  it('scores "none" by how closely the question is asked as an out-of-scope labelled one', () => {
    const at = noneInputNames.indexOf('labelledNearestIsOutOfScope');
    const brazil = knowledge.rank('What is the population of Brazil?', 'en', {})?.question ?? [];
    // A labelled out-of-scope question, asked word for word: the nearest of all.
    expect(brazil[at]).toBeGreaterThan(0.5);
    expect(brazil[at]).toBe(brazil[noneInputNames.indexOf('labelledNearest')]);
    expect(knowledge.rank('will usaid keep supporting peru', 'en', {})?.question[at]).toBe(0);
  });

  it('scores "none" with Spanish copies of the question signals and a Spanish bias', () => {
    const english = knowledge.rank('will usaid keep supporting peru', 'en', {})?.question ?? [];
    const spanish = knowledge.rank('¿USAID seguirá apoyando al Perú?', 'es', {})?.question ?? [];
    const signals = questionFeatureNames.length;
    expect(english).toHaveLength(noneInputNames.length);
    expect(spanish).toHaveLength(noneInputNames.length);
    expect(english.slice(signals).every((v) => v === 0)).toBe(true);
    expect(spanish.slice(signals, 2 * signals)).toEqual(spanish.slice(0, signals));
    expect(spanish[noneInputNames.indexOf('spanish')]).toBe(1);
  });

  it('reads a question it learns from without the labelled questions of its fold', () => {
    const question = 'what does usaid do about drug trafficking in peru';
    const all = votesFor(question, 'challenges-1');
    const outOfFold = [0, 1, 2, 3, 4].map((fold) => votesFor(question, 'challenges-1', { fold }));
    expect(outOfFold.some((votes) => votes !== all)).toBe(true);
  });
});

import type { LanguageIndex } from '../../../src/core/search/searchIndex';
import { QueryAnalyzer } from '../../../src/core/search/queryAnalyzer';
import { realKnowledge } from '../../helpers/core';
import { FakeDictionary } from '../../helpers/words';

const { index, kb } = realKnowledge();
const analyzer = (language: 'en' | 'es') =>
  new QueryAnalyzer(index.get(language) as LanguageIndex, kb.lexicon, new FakeDictionary([], ['colombia']));
const en = analyzer('en');
const es = analyzer('es');
const words = (text: string, a = en) => a.analyze(text).terms.map((t) => t.corrected);

describe('QueryAnalyzer', () => {
  it('keeps the topic words of a question, corrected against the knowledge', () => {
    expect(words('Wat are the objectves of USAID?')).toEqual(['objectives', 'usaid']);
  });

  it('sets aside a clause that introduces the person asking, and greetings', () => {
    expect(words("Hello, I'm a reporter from Cusco. Who leads the mission?")).toEqual(['leads', 'mission']);
    expect(words('Hola, soy estudiante en Arequipa. ¿Qué es la CDCS?', es)).toEqual(['cdcs']);
  });

  it('sets aside what the asker says of themselves before the question in the same clause', () => {
    expect(words('I work for a cooperative in Piura and want to know what USAID does about coca')).toEqual([
      'usaid',
      'coca',
    ]);
    expect(words("As a teacher in Cusco, what are USAID's objectives?")).toEqual(['usaid', 'objectives']);
    const spanish = words('trabajo en una ONG de Tarapoto y quiero saber cuáles son los objetivos', es);
    expect(spanish).toContain('objetivos');
    expect(spanish).not.toContain('tarapoto');
    expect(words('Hi from Arequipa! Who is the director?')).toEqual(['director']);
    // A place asked about stays, before its interrogative or not.
    expect(en.analyze("I'm from Bolivia, what does USAID do in Bolivia?").terms.some((t) => t.isName)).toBe(true);
    expect(en.analyze('In Colombia, what does USAID do?').terms.some((t) => t.isName)).toBe(true);
  });

  it('brings back what the asker said of themselves when the question points to it, but not a place', () => {
    const query = en.analyze("I'm Venezuelan and live in Lima. Does USAID do anything for people like me?");
    expect(query.terms.map((t) => t.corrected)).toContain('venezuelan');
    expect(query.terms.some((t) => t.isName || t.word === 'lima')).toBe(false);
    expect(words('Soy venezolano y vivo en Trujillo, ¿USAID apoya a migrantes como yo?', es)).toContain('venezolano');
    // Without a phrase that points back, the introduction stays aside.
    expect(words("I'm Venezuelan and live in Lima. What are USAID's objectives?")).toEqual(['usaid', 'objectives']);
  });

  it("reads a name people use for the page's own words, a name in capitals only as typed so", () => {
    expect(words('Why would the US care about trade?')).toContain('u.s');
    expect(words('what does usaid do for us')).not.toContain('u.s');
    expect(words('¿Por qué EEUU apoya al Perú?', es)).toEqual(expect.arrayContaining(['ee', 'uu']));
  });

  it('reads the whole message when the question left once the asker is set aside names nothing', () => {
    const query = en.analyze('i heard usaid mostly gives technical help now instead of money, is that right?');
    expect(query.terms.map((t) => t.corrected)).toEqual(expect.arrayContaining(['technical', 'money']));
    expect(query.readWhole).toBe(true);
    const spanish = es.analyze('soy periodista y leí que usaid ya no financia servicios, ¿es cierto?');
    expect(spanish.terms.map((t) => t.corrected)).toContain('servicios');
    expect(spanish.readWhole).toBe(true);
    // A question of its own after the preamble is read alone, and with full confidence.
    const asked = en.analyze('I teach in Cusco, what are the objectives?');
    expect(asked.terms.map((t) => t.corrected)).toEqual(['objectives']);
    expect(asked.readWhole).toBe(false);
    expect(en.analyze('What are the four challenges?').readWhole).toBe(false);
  });

  it('marks names the knowledge never mentions, capitalized or known to the dictionary as names', () => {
    expect(en.analyze('What does USAID do in Bolivia?').terms.find((t) => t.word === 'bolivia')?.isName).toBe(true);
    expect(en.analyze('what does usaid do in colombia').terms.find((t) => t.word === 'colombia')?.isName).toBe(true);
    expect(en.analyze('How does USAID help Venezuelan migrants?').terms.some((t) => t.isName)).toBe(false);
    // Each part of a hyphenated word is read with its own case.
    const wide = en.analyze('Is there a South America-wide program?').terms;
    expect(wide.find((t) => t.word === 'wide')?.isName).toBe(false);
    expect(en.analyze('Does USAID fund Peru-Bolivia projects?').terms.find((t) => t.word === 'bolivia')?.isName).toBe(
      true,
    );
    // An acronym the knowledge does not use names a body, wherever it stands; a shouted message does not.
    expect(en.analyze('DEA agents in Peru?').terms.find((t) => t.word === 'dea')?.isName).toBe(true);
    expect(es.analyze('¿Qué hace la ONU por los migrantes?').terms.find((t) => t.word === 'onu')?.isName).toBe(true);
    expect(en.analyze('WHAT DOES USAID DO ABOUT CORRUPTION').terms.some((t) => t.isName)).toBe(false);
  });

  it('takes a number word for a position only as typed, not as a correction made it', () => {
    expect(es.analyze('objetivo dos').listReference?.position).toBe(2);
    // Corrected against the Spanish knowledge, "does" would be "dos": "problems 2".
    expect(es.analyze('what big problems does USAID say Peru and the US both care about?').listReference).toBe(
      undefined,
    );
  });

  it('marks a year asked as a moment or a start, not one that ends a period', () => {
    const pointInTime = (text: string, a = en) =>
      a
        .analyze(text)
        .terms.filter((t) => t.isPointInTime)
        .map((t) => t.word);
    expect(pointInTime('What happened to USAID in 2025?')).toEqual(['2025']);
    expect(pointInTime('what happened to usaid after january 2025')).toEqual(['2025']);
    expect(pointInTime('qué pasó con usaid en el 2025', es)).toEqual(['2025']);
    expect(pointInTime('What does USAID want Peru to achieve by 2025?')).toEqual([]);
    expect(pointInTime('What is the goal in 2020-2025?')).toEqual([]);
    expect(pointInTime('meta de usaid para el peru hasta el 2025', es)).toEqual([]);
  });

  it('marks attributes and numbers', () => {
    const query = en.analyze('What was the budget in 2015?');
    expect(query.terms.filter((t) => t.isAttribute).map((t) => t.word)).toEqual(['budget']);
    expect(query.terms.filter((t) => t.isNumber).map((t) => t.word)).toEqual(['2015']);
  });

  it('takes a view word for an opinion unless its subject is one the page speaks for', () => {
    const attributes = (text: string, a = en) =>
      a
        .analyze(text)
        .terms.filter((t) => t.isAttribute)
        .map((t) => t.word);
    expect(attributes('does usaid think peru needs more political stability')).toEqual([]);
    expect(attributes('what does the mission think about migrants')).toEqual([]);
    expect(attributes('usaid piensa que el peru necesita estabilidad', es)).toEqual([]);
    expect(attributes('do you think usaid is doing a good job')).toEqual(['think', 'job']);
    expect(attributes('what do people think of amy paro')).toEqual(['think']);
    // The subject comes after the verb: read as an opinion.
    expect(attributes('¿Qué opina USAID de las elecciones?', es)).toEqual(['opina']);
  });

  it.each([
    ['the third objective', 3],
    ['objective number 2', 2],
    ['What is objective #4?', 4],
    ['the last challenge', -1],
    ['el segundo objetivo', 2],
  ])('reads "%s" as a position in a list', (text, position) => {
    const a = /objetivo/.test(text) ? es : en;
    expect(a.analyze(text).listReference?.position).toBe(position);
  });

  it('does not take an ordinal that names no list for a position', () => {
    expect(en.analyze("the world's second-largest cocaine producer").listReference?.nounStems).not.toContain('object');
    expect(en.analyze("go through the mission's objectives one by one").listReference).toBeUndefined();
    expect(es.analyze('explícame los objetivos uno por uno').listReference).toBeUndefined();
  });

  it('notices an amount asked in the other language, as a question read in both is', () => {
    expect(en.analyze('¿Cuánta plata dio USAID para el COVID?').asksQuantity).toBe(true);
    expect(es.analyze('how much money for covid').asksQuantity).toBe(true);
  });

  it('notices questions that ask for a number or a person', () => {
    expect(en.analyze('How long has USAID worked in Peru?').asksQuantity).toBe(true);
    expect(en.analyze("What's the population of Peru?").asksQuantity).toBe(true);
    expect(es.analyze('¿Cuál es la población del Perú?').asksQuantity).toBe(true);
    expect(en.analyze('How does USAID help the Venezuelan population?').asksQuantity).toBe(false);
    expect(en.analyze('Who leads the mission?').asksPerson).toBe(true);
    expect(es.analyze('correo de la subdirectora').asksPerson).toBe(true);
    expect(en.analyze('What are the objectives?').asksPerson).toBe(false);
  });

  it('reads "when" as asking for a date only as a question word, not joining two clauses', () => {
    expect(en.analyze('When did USAID start working in Peru?').asksQuantity).toBe(true);
    expect(en.analyze('since when has usaid been in peru').asksQuantity).toBe(true);
    expect(en.analyze('usaid has been in peru since when?').asksQuantity).toBe(true);
    expect(en.analyze('what is the goal and when does it end').asksQuantity).toBe(true);
    expect(en.analyze('I am a student, when was this page published?').asksQuantity).toBe(true);
    expect(en.analyze('what did usaid do when covid hit peru').asksQuantity).toBe(false);
    expect(en.analyze("What's the aim when it comes to Venezuelan migrants?").asksQuantity).toBe(false);
    expect(es.analyze('¿Cuándo publicaron esta página?').asksQuantity).toBe(true);
    expect(es.analyze('desde cuando esta usaid en el peru').asksQuantity).toBe(true);
    expect(es.analyze('que hizo usaid cuando llego el covid').asksQuantity).toBe(false);
  });

  it('reads "who" after the people it speaks of as relating to them, not asking for a person', () => {
    expect(en.analyze('does usaid help venezuelans who moved here get work').asksPerson).toBe(false);
    expect(en.analyze('can you tell me who runs the mission').asksPerson).toBe(true);
    expect(en.analyze('USAID Peru contacts, who do I write to?').asksPerson).toBe(true);
    expect(es.analyze('quiero saber quién dirige la misión').asksPerson).toBe(true);
  });
});

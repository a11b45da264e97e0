import { contactsNamed } from '../../../src/core/answers/answering';
import type { EntityCategory, EntityMatch } from '../../../src/core/intents/intentTypes';
import type { Contact } from '../../../src/core/knowledge/knowledgeTypes';

const contacts: Contact[] = [
  { id: 'director', name: 'Amy Paro', title: { en: 'Mission Director', es: 'Directora' }, email: 'a@example.org' },
  { id: 'deputy', name: 'Elizabeth Bosman', title: { en: 'Deputy', es: 'Subdirectora' }, email: 'e@example.org' },
];

/** An entity as the recognizer reports it: `phrase` where it first stands in `text` (at `from` or after). */
function found(text: string, phrase: string, value: string, category: EntityCategory = 'ContactRole', from = 0) {
  const offset = text.indexOf(phrase, from);
  if (offset < 0) throw new Error(`"${phrase}" is not in "${text}"`);
  return { category, text: phrase, value, offset, length: phrase.length, confidence: 1 } satisfies EntityMatch;
}

describe('contactsNamed', () => {
  it('reads a director inside the deputy’s title as the deputy alone, as CLU may return both', () => {
    const text = 'the deputy mission director';
    const entities = [found(text, 'deputy mission director', 'deputy'), found(text, 'director', 'director')];
    expect(contactsNamed(entities, contacts, text).contactIds).toEqual(['deputy']);
  });

  it.each<[string, string[], [string, string]]>([
    // Named together, in either language: both.
    ['Who are the director and the deputy?', ['director', 'deputy'], ['director', 'deputy']],
    ['correos de la directora y la subdirectora', ['director', 'deputy'], ['directora', 'subdirectora']],
    // Asked about one after the other: both.
    [
      'whos in charge at usaid peru and whos second in command',
      ['director', 'deputy'],
      ['whos in charge', 'second in command'],
    ],
    ['who is the mission director and who is the deputy', ['director', 'deputy'], ['mission director', 'deputy']],
    ['quién dirige la misión y quién es la subdirectora', ['director', 'deputy'], ['dirige la misión', 'subdirectora']],
    // Named beside each other, not together: the deputy.
    ['whos the deputy mision director', ['deputy'], ['deputy', 'director']],
    [
      'the person right below the mission director. What is the deputy’s email?',
      ['deputy'],
      ['mission director', 'deputy'],
    ],
    // A relation: the one it asks about.
    ['who is the boss of the deputy', ['director'], ['boss', 'deputy']],
    ['quién es la jefa de la subdirectora', ['director'], ['jefa', 'subdirectora']],
    ['Who is Elizabeth Bosman’s boss?', ['director'], ['Elizabeth Bosman', 'boss']],
    ['Who is Amy Paro’s deputy?', ['deputy'], ['Amy Paro', 'deputy']],
  ])('%s → %j', (text, expected, [first, second]) => {
    const entity = (phrase: string, from = 0) => {
      const person = contacts.find((c) => c.name === phrase);
      if (person) return found(text, phrase, person.name, 'PersonName', from);
      const role = /deput|subdirect|second/i.test(phrase) ? 'deputy' : 'director';
      return found(text, phrase, role, 'ContactRole', from);
    };
    const firstEntity = entity(first);
    const entities = [firstEntity, entity(second, firstEntity.offset + firstEntity.length)];
    expect(contactsNamed(entities, contacts, text).contactIds).toEqual(expected);
  });

  it('answers which of two people named together holds the role it names with that one', () => {
    for (const [text, role, value, expected] of [
      ['amy paro and elizabeth bosman - which one is the boss?', 'boss', 'director', ['director']],
      ['¿Amy Paro o Elizabeth Bosman, quién es la subdirectora?', 'subdirectora', 'deputy', ['deputy']],
      ['Is Amy Paro the director and Elizabeth Bosman the deputy?', 'director', 'director', ['director', 'deputy']],
    ] as const) {
      const amy = found(text.toLowerCase(), 'amy paro', 'Amy Paro', 'PersonName');
      const elizabeth = found(text.toLowerCase(), 'elizabeth bosman', 'Elizabeth Bosman', 'PersonName');
      const roles = [found(text, role, value)];
      if (text.includes('the deputy?')) roles.push(found(text, 'deputy', 'deputy'));
      const entities = [amy, elizabeth, ...roles].sort((a, b) => a.offset - b.offset);
      expect([text, contactsNamed(entities, contacts, text).contactIds]).toEqual([text, expected]);
    }
  });

  it('takes a person’s name as their role', () => {
    const named = found('Bosman', 'Bosman', 'Elizabeth Bosman', 'PersonName');
    expect(contactsNamed([named], contacts)).toEqual({ contactIds: ['deputy'], contactWords: ['Bosman'] });
  });
});

describe('contactsNamed and a person set aside', () => {
  it.each<[string, string, string, 'ContactRole' | 'PersonName']>([
    ['is there anyone besides the director i could contact?? name + email pls', 'director', 'director', 'ContactRole'],
    ['who else can I contact apart from Amy Paro?', 'Amy Paro', 'Amy Paro', 'PersonName'],
    ['¿hay alguien más aparte de la directora con quien pueda hablar?', 'directora', 'director', 'ContactRole'],
  ])('"%s" asks for the other contact', (text, phrase, value, category) => {
    expect(contactsNamed([found(text, phrase, value, category)], contacts, text).contactIds).toEqual(['deputy']);
  });

  it('keeps a person named beside the one set aside', () => {
    const text = "what is the deputy's email, besides the director's";
    const entities = [found(text, 'deputy', 'deputy'), found(text, 'director', 'director')];
    expect(contactsNamed(entities, contacts, text).contactIds).toEqual(['deputy']);
    // Named plainly, a person is asked about.
    expect(
      contactsNamed([found('who is the director', 'director', 'director')], contacts, 'who is the director').contactIds,
    ).toEqual(['director']);
  });
});

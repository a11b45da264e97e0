import { contactsNamed } from '../../../src/core/answers/answering';
import type { EntityMatch } from '../../../src/core/intents/intentTypes';
import type { Contact } from '../../../src/core/knowledge/knowledgeTypes';

const contacts: Contact[] = [
  { id: 'director', name: 'Amy Paro', title: { en: 'Mission Director', es: 'Directora' }, email: 'a@example.org' },
  { id: 'deputy', name: 'Elizabeth Bosman', title: { en: 'Deputy', es: 'Subdirectora' }, email: 'e@example.org' },
];
const role = (value: string, text: string, offset: number): EntityMatch => ({
  category: 'ContactRole',
  text,
  value,
  offset,
  length: text.length,
  confidence: 1,
});

describe('contactsNamed', () => {
  it('reads a director inside the deputy’s title as the deputy alone, as CLU may return both', () => {
    const entities = [role('deputy', 'deputy mission director', 4), role('director', 'director', 19)];
    expect(contactsNamed(entities, contacts).contactIds).toEqual(['deputy']);
  });

  it('keeps both when they are named together, in either language', () => {
    const text = 'Who are the director and the deputy?';
    const entities = [role('director', 'director', 12), role('deputy', 'deputy', 29)];
    expect(contactsNamed(entities, contacts, text).contactIds).toEqual(['director', 'deputy']);
    const es = 'correos de la directora y la subdirectora';
    const both = [role('director', 'directora', 14), role('deputy', 'subdirectora', 29)];
    expect(contactsNamed(both, contacts, es).contactIds).toEqual(['director', 'deputy']);
  });

  it('reads a deputy named beside a director, not together with them, as the deputy', () => {
    const text = 'whos the deputy mision director';
    const entities = [role('deputy', 'deputy', 9), role('director', 'director', 23)];
    expect(contactsNamed(entities, contacts, text).contactIds).toEqual(['deputy']);
    const below = 'the person right below the mission director. What is the deputy’s email?';
    const asked = [role('director', 'mission director', 27), role('deputy', 'deputy', 57)];
    expect(contactsNamed(asked, contacts, below).contactIds).toEqual(['deputy']);
  });

  it('reads which of two people a relation asks about', () => {
    const name = (value: string, text: string, offset: number): EntityMatch => ({
      ...role(value, text, offset),
      category: 'PersonName',
    });
    const boss = 'Who is Elizabeth Bosman’s boss?';
    const bossOf = [name('Elizabeth Bosman', 'Elizabeth Bosman', 7), role('director', 'boss', 26)];
    expect(contactsNamed(bossOf, contacts, boss).contactIds).toEqual(['director']);
    const deputy = 'Who is Amy Paro’s deputy?';
    const deputyOf = [name('Amy Paro', 'Amy Paro', 7), role('deputy', 'deputy', 18)];
    expect(contactsNamed(deputyOf, contacts, deputy).contactIds).toEqual(['deputy']);
    const jefa = 'quién es la jefa de la subdirectora';
    const jefaDe = [role('director', 'jefa', 12), role('deputy', 'subdirectora', 23)];
    expect(contactsNamed(jefaDe, contacts, jefa).contactIds).toEqual(['director']);
  });

  it('takes a person’s name as their role', () => {
    const named: EntityMatch = { ...role('Elizabeth Bosman', 'Bosman', 0), category: 'PersonName' };
    expect(contactsNamed([named], contacts)).toEqual({ contactIds: ['deputy'], contactWords: ['Bosman'] });
  });
});

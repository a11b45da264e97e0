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

  it('keeps both roles when they are named apart', () => {
    const entities = [role('director', 'director', 4), role('deputy', 'deputy', 17)];
    expect(contactsNamed(entities, contacts).contactIds).toEqual(['director', 'deputy']);
  });

  it('takes a person’s name as their role', () => {
    const named: EntityMatch = { ...role('Elizabeth Bosman', 'Bosman', 0), category: 'PersonName' };
    expect(contactsNamed([named], contacts)).toEqual({ contactIds: ['deputy'], contactWords: ['Bosman'] });
  });
});

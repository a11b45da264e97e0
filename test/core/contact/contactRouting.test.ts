import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ContactRouter } from '../../../src/core/contact/contactRouting';
import { KnowledgeError } from '../../../src/core/errors';
import { knowledgeDir, realKnowledge } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

describe('ContactRouter', () => {
  const { contacts } = realKnowledge().kb;
  const router = ContactRouter.load(join(knowledgeDir, 'routing.json'), contacts);

  it.each([
    ["I'm a journalist and would like an interview", 'director', 'en'],
    ['Propuesta de alianza con el sector privado', 'director', 'es'],
    ['I have a question about a program in Ucayali', 'deputy', 'en'],
  ] as const)('routes %p to %s by its topic', (text, contactId, language) => {
    expect(router.matchRule(text, language)?.contact.id).toBe(contactId);
  });

  it('matches no rule for a request without a known topic, and then uses the default', () => {
    expect(router.matchRule('I want to contact the mission', 'en')).toBeUndefined();
    expect(router.route('I want to contact the mission', 'en').contact.id).toBe('deputy');
  });

  it('refuses rules that name an unknown contact', () => {
    const path = join(tempDir('routing-'), 'routing.json');
    writeFileSync(
      path,
      JSON.stringify({
        rules: [{ name: 'x', contact: 'ambassador', topics: { en: ['a'], es: ['b'] } }],
        default: 'deputy',
      }),
    );
    expect(() => ContactRouter.load(path, contacts)).toThrow(KnowledgeError);
    expect(() => ContactRouter.load(path, contacts)).toThrow(/rules\.0\.contact: no contact has id "ambassador"/);
  });
});

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeError } from '../../../src/core/errors';
import { loadKnowledge } from '../../../src/core/knowledge/knowledgeLoader';
import { knowledgeDir } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

function copyOfKnowledge(): string {
  const dir = tempDir('knowledge-');
  cpSync(knowledgeDir, dir, { recursive: true });
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return [...(error as KnowledgeError).problems];
  }
  throw new Error('expected a KnowledgeError');
}

describe('loadKnowledge', () => {
  it('loads the page with its source, date, contacts and answer units', () => {
    const kb = loadKnowledge(knowledgeDir);
    const page = kb.documents.find((d) => d.language === 'en');
    expect(page).toMatchObject({ source: 'https://www.usaid.gov/peru', published: '2023-10-06' });
    expect(kb.contacts.map((c) => c.name)).toEqual(['Amy Paro', 'Elizabeth Bosman']);
    const english = kb.passages.filter((p) => p.language === 'en').map((p) => p.unitId);
    expect(english).toEqual(
      expect.arrayContaining(['covid', 'partnership', 'regional', 'challenges', 'objectives', 'objectives-4']),
    );
    expect(kb.passages.filter((p) => p.language === 'en' && p.list?.items.length === 4)).toHaveLength(2);
  });

  it('takes suggestion titles from questions.json, else from the heading', () => {
    const kb = loadKnowledge(knowledgeDir);
    const title = (unitId: string, language: string) =>
      kb.passages.find((p) => p.unitId === unitId && p.language === language)?.title;
    expect(title('objectives-2', 'en')).toBe('Objective: democratic governance');
    expect(title('covid', 'en')).toBe('Response to COVID-19');
    expect(title('covid', 'es')).toBe('Respuesta a la COVID-19');
  });

  it('gives the Spanish translation the same unit ids as the English original', () => {
    const kb = loadKnowledge(knowledgeDir);
    const ids = (language: string) => kb.passages.filter((p) => p.language === language).map((p) => p.id);
    expect(ids('es')).toEqual(ids('en'));
    expect(kb.documents.find((d) => d.language === 'es')?.unofficialTranslation).toBe(true);
  });

  it('picks up another Markdown file dropped into the folder', () => {
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'extra.md'),
      '---\nid: extra\ntitle: Extra\nsource: https://example.org/extra\npublished: 2024-01-02\nlanguage: ' +
        'en\n---\n\n## Fisheries {#fisheries}\n\nA new paragraph about fisheries.\n',
    );
    const kb = loadKnowledge(dir);
    expect(kb.passages.map((p) => p.id)).toContain('extra#fisheries');
    expect(kb.fingerprint).not.toBe(loadKnowledge(knowledgeDir).fingerprint);
  });

  it('names the file and key of bad front matter', () => {
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'bad.md'),
      '---\nid: bad\ntitle: Bad\nsource: not-a-url\npublished: 6 Oct 2023\nlanguage: fr\n---\n\nText.\n',
    );
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.md: front matter:source/),
        expect.stringMatching(/^bad\.md: front matter:published/),
        expect.stringMatching(/^bad\.md: front matter:language/),
      ]),
    );
  });

  it('rejects an invalid contact e-mail and a question pointing at no passage, together', () => {
    const dir = copyOfKnowledge();
    const contacts = JSON.parse(readFileSync(join(dir, 'contacts.json'), 'utf8')) as { contacts: { email: string }[] };
    contacts.contacts[0]!.email = 'not-an-email';
    writeFileSync(join(dir, 'contacts.json'), JSON.stringify(contacts));
    const questions = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as {
      questions: Record<string, unknown>;
    };
    questions.questions['usaid-peru#nowhere'] = { en: ['Where?'], es: [] };
    writeFileSync(join(dir, 'questions.json'), JSON.stringify(questions));
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contacts\.json:contacts\.0\.email/),
        'questions.json: questions.usaid-peru#nowhere: no passage has this id',
      ]),
    );
  });

  it('names a document without front matter, and front matter that is not YAML', () => {
    const dir = copyOfKnowledge();
    writeFileSync(join(dir, 'bare.md'), '## Heading {#h}\n\nText.\n');
    writeFileSync(join(dir, 'broken.md'), '---\nid: [unclosed\n---\n\n## Heading {#h}\n\nText.\n');
    expect(problemsOf(dir)).toEqual(
      expect.arrayContaining([
        'bare.md: missing front matter (--- id, title, source, published, language ---)',
        expect.stringMatching(/^broken\.md: front matter is not valid YAML/),
      ]),
    );
  });

  it('names a missing data file', () => {
    const dir = copyOfKnowledge();
    rmSync(join(dir, 'lexicon.json'));
    expect(problemsOf(dir)).toContain('lexicon.json: file is missing');
  });

  it('names a unit the translation lacks', () => {
    const dir = copyOfKnowledge();
    const spanish = readFileSync(join(dir, 'usaid-peru.es.md'), 'utf8');
    writeFileSync(join(dir, 'usaid-peru.es.md'), spanish.replace(/## Respuesta a la COVID-19 \{#covid\}[^#]*/, ''));
    expect(problemsOf(dir)).toContain('usaid-peru (es): no unit "covid", which the en version has');
  });
});

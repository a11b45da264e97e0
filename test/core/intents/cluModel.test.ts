import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cluProjectSchema, loadCluProject } from '../../../src/core/intents/cluModel';
import { intentNames } from '../../../src/core/intents/intentTypes';
import { KnowledgeError } from '../../../src/core/errors';
import { cluModelFile, realProject } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

describe('the CLU model file', () => {
  const project = realProject();

  it('is a conversation project in the format Language Studio imports', () => {
    expect(cluProjectSchema.safeParse(project).success).toBe(true);
    expect(project).toMatchObject({
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: { projectKind: 'Conversation', multilingual: true, language: 'en-us' },
      assets: { projectKind: 'Conversation' },
    });
  });

  it('declares every intent and the contact role, person name and e-mail entities', () => {
    expect(project.assets.intents.map((i) => i.category).sort()).toEqual([...intentNames].sort());
    const entities = Object.fromEntries(project.assets.entities.map((e) => [e.category, e]));
    expect(entities.ContactRole?.list?.sublists.map((s) => s.listKey)).toEqual(['director', 'deputy']);
    expect(entities.PersonName?.list?.sublists.map((s) => s.listKey)).toEqual(['Amy Paro', 'Elizabeth Bosman']);
    expect(entities.Email?.regex?.expressions.length).toBeGreaterThan(0);
    for (const sublist of entities.ContactRole?.list?.sublists ?? []) {
      expect(sublist.synonyms.map((s) => s.language).sort()).toEqual(['en-us', 'es']);
    }
  });

  it('lists every synonym with an apostrophe also without one, as people type it ("whos in charge")', () => {
    const synonyms = project.assets.entities.flatMap((e) =>
      (e.list?.sublists ?? []).flatMap((s) => s.synonyms.flatMap((l) => l.values)),
    );
    const withApostrophe = synonyms.filter((s) => s.includes("'"));
    expect(withApostrophe.length).toBeGreaterThan(0);
    for (const synonym of withApostrophe) expect(synonyms).toContain(synonym.replaceAll("'", ''));
  });

  it.each(intentNames)('has at least 25 English and 15 Spanish utterances of %s, in Train and Test', (intent) => {
    const of = (language: string) =>
      project.assets.utterances.filter((u) => u.intent === intent && u.language === language);
    expect(of('en-us').length).toBeGreaterThanOrEqual(25);
    expect(of('es').length).toBeGreaterThanOrEqual(15);
    for (const language of ['en-us', 'es']) {
      expect(new Set(of(language).map((u) => u.dataset))).toEqual(new Set(['Train', 'Test']));
    }
  });

  it('labels entities inside their utterances, with categories the model declares', () => {
    const categories = new Set(project.assets.entities.map((e) => e.category));
    const labels = project.assets.utterances.flatMap((u) => u.entities.map((e) => ({ ...e, text: u.text })));
    expect(labels.length).toBeGreaterThan(10);
    for (const label of labels) {
      expect(categories.has(label.category as never)).toBe(true);
      expect(label.offset + label.length).toBeLessThanOrEqual(label.text.length);
    }
  });

  it('never has the same utterance in Train and Test', () => {
    const key = (u: { text: string; language: string }) => `${u.language}:${u.text.toLowerCase()}`;
    const train = new Set(project.assets.utterances.filter((u) => u.dataset === 'Train').map(key));
    expect(project.assets.utterances.filter((u) => u.dataset === 'Test' && train.has(key(u)))).toEqual([]);
  });

  it('refuses a model file that breaks the format, naming the path', () => {
    const broken = structuredClone(project) as unknown as { assets: { utterances: { intent: string }[] } };
    broken.assets.utterances[0]!.intent = 'Weather';
    const path = join(tempDir('broken-'), 'model.json');
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadCluProject(path)).toThrow(KnowledgeError);
    expect(() => loadCluProject(path)).toThrow(/assets\.utterances\.0\.intent/);
    expect(loadCluProject(cluModelFile).assets.utterances.length).toBe(project.assets.utterances.length);
  });
});

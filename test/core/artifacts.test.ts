import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIntentModel, loadSearchIndex } from '../../src/core/artifacts';
import { loadKnowledge } from '../../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { realProject } from '../helpers/core';

const kb = loadKnowledge(join(__dirname, '..', 'fixtures', 'knowledge-mini'));
const tempPath = (name: string) => join(mkdtempSync(join(tmpdir(), 'artifacts-')), name);

describe('build artifacts', () => {
  it('builds and saves the index when the file is missing', () => {
    const path = tempPath('index.json');
    const loaded = loadSearchIndex(path, kb);
    expect(loaded.rebuiltBecause).toMatch(/does not exist/);
    expect(existsSync(path)).toBe(true);
    expect(loadSearchIndex(path, kb).rebuiltBecause).toBeUndefined();
  });

  it('rebuilds a stale index instead of serving it', () => {
    const path = tempPath('index.json');
    writeFileSync(path, JSON.stringify({ ...SearchIndex.build(kb).toJSON(), fingerprint: 'old' }));
    const loaded = loadSearchIndex(path, kb);
    expect(loaded.rebuiltBecause).toMatch(/other knowledge/);
    expect(loaded.value.fingerprint).toBe(kb.fingerprint);
  });

  it('rebuilds an unreadable index file', () => {
    const path = tempPath('index.json');
    writeFileSync(path, '{ not json');
    expect(loadSearchIndex(path, kb).rebuiltBecause).toBeDefined();
  });

  it('retrains the intent model when the CLU model file changed', () => {
    const path = tempPath('intent-model.json');
    const project = realProject();
    loadIntentModel(path, project);
    expect(loadIntentModel(path, project).rebuiltBecause).toBeUndefined();
    const changed = structuredClone(project);
    changed.assets.utterances.push({
      text: 'howdy partner',
      language: 'en-us',
      intent: 'Greeting',
      entities: [],
      dataset: 'Train',
    });
    expect(loadIntentModel(path, changed).rebuiltBecause).toMatch(/another version/);
  });
});

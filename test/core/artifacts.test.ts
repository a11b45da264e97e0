import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAnswering } from '../../src/core/answers/answering';
import { loadIntentModel, loadSearchIndex } from '../../src/core/artifacts';
import { loadKnowledge } from '../../src/core/knowledge/knowledgeLoader';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { testArtifacts } from '../helpers/artifactPaths';
import { realProject } from '../helpers/core';
import { FakeDictionary } from '../helpers/words';
import { tempDir } from '../helpers/tempDir';

const miniDir = join(__dirname, '..', 'fixtures', 'knowledge-mini');
const kb = loadKnowledge(miniDir);
const words = new FakeDictionary();
const tempPath = (name: string) => join(tempDir('artifacts-'), name);

describe('build artifacts', () => {
  it('builds and saves the index when the file is missing', () => {
    const path = tempPath('index.json');
    const loaded = loadSearchIndex(path, kb, words);
    expect(loaded.rebuiltBecause).toMatch(/does not exist/);
    expect(existsSync(path)).toBe(true);
    expect(loadSearchIndex(path, kb, words).rebuiltBecause).toBeUndefined();
  });

  it('rebuilds a stale index instead of serving it', () => {
    const path = tempPath('index.json');
    writeFileSync(
      path,
      JSON.stringify({ ...SearchIndex.build(kb, words, { serializable: true }).toJSON(), fingerprint: 'old' }),
    );
    const loaded = loadSearchIndex(path, kb, words);
    expect(loaded.rebuiltBecause).toMatch(/other knowledge/);
    expect(loaded.value.fingerprint).toBe(kb.fingerprint);
  });

  it('rebuilds an unreadable index file', () => {
    const path = tempPath('index.json');
    writeFileSync(path, '{ not json');
    expect(loadSearchIndex(path, kb, words).rebuiltBecause).toMatch(/JSON/);
  });

  it('loads the answer model built with the index, and retrains it when the labelled questions changed', () => {
    const dir = tempDir('artifacts-');
    const paths = {
      knowledgeDir: testArtifacts.knowledgeDir,
      indexPath: join(dir, 'index.json'),
      modelPath: join(dir, 'model.json'),
    };
    copyFileSync(testArtifacts.indexPath, paths.indexPath);
    copyFileSync(testArtifacts.answerModelPath, paths.modelPath);
    expect(loadAnswering(paths, realProject(), words).rebuilt).toEqual([]);
    const saved = JSON.parse(readFileSync(paths.modelPath, 'utf8')) as { fingerprint: string };
    writeFileSync(paths.modelPath, JSON.stringify({ ...saved, fingerprint: 'trained on other questions' }));
    const reloaded = loadAnswering(paths, realProject(), words);
    expect(reloaded.rebuilt).toEqual([expect.stringMatching(/^answer model: .*other knowledge or questions/)]);
    expect(reloaded.model.fingerprint).toBe(saved.fingerprint);
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

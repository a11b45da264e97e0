import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, IndexError } from './errors';
import type { CluProject } from './intents/cluModel';
import { type IntentClassifierModel } from './intents/intentClassifier';
import { trainFromProject } from './intents/offlineRecognizer';
import type { KnowledgeBase } from './knowledge/knowledgeTypes';
import { SearchIndex } from './search/searchIndex';
import type { WordChecker } from './search/spelling';

/** A value loaded from a build artifact, or rebuilt because the artifact was missing or stale. */
export interface Loaded<T> {
  value: T;
  /** Why the artifact was not used, when it was rebuilt. */
  rebuiltBecause?: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Writes JSON, creating the folder. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

/** Loads an artifact, or rebuilds it (and tries to save it) when it is missing or invalid. */
export function loadOrRebuild<T>(
  path: string,
  load: (json: unknown) => T,
  rebuild: () => T,
  save: (value: T) => void,
): Loaded<T> {
  let reason: string;
  if (!existsSync(path)) {
    reason = `${path} does not exist`;
  } else {
    try {
      return { value: load(readJson(path)) };
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof SyntaxError)) throw error;
      reason = error.message;
    }
  }
  const value = rebuild();
  try {
    save(value);
  } catch {
    // A read-only disk only costs the rebuild at the next start.
  }
  return { value, rebuiltBecause: reason };
}

/**
 * Loads the search index built by `npm run build`. When the knowledge files changed since, or the
 * file is missing, builds it afresh from `kb` (and saves it): a stale index is never served.
 */
export function loadSearchIndex(path: string, kb: KnowledgeBase, words: WordChecker): Loaded<SearchIndex> {
  return loadOrRebuild(
    path,
    (json) => SearchIndex.load(json, kb, words),
    () => SearchIndex.build(kb, words, { serializable: true }),
    (index) => writeJson(path, index.toJSON()),
  );
}

/** The trained intent classifier as saved at build time. */
export interface IntentModelArtifact {
  format: 'usaid-peru-bot/intent-model';
  fingerprint: string;
  model: IntentClassifierModel;
}

/** Version of the classifier's features and training; part of the fingerprint. */
export const intentModelVersion = 'v1';

/** Hash of the CLU project the classifier is trained from. */
export function fingerprintProject(project: CluProject): string {
  return createHash('sha256').update(intentModelVersion).update(JSON.stringify(project)).digest('hex');
}

/** Serializes a trained classifier with the fingerprint of its training data. */
export function intentModelArtifact(project: CluProject, model: IntentClassifierModel): IntentModelArtifact {
  return { format: 'usaid-peru-bot/intent-model', fingerprint: fingerprintProject(project), model };
}

/** Loads the classifier trained at build time, retraining when the model file changed since. */
export function loadIntentModel(path: string, project: CluProject): Loaded<IntentClassifierModel> {
  return loadOrRebuild(
    path,
    (json) => {
      const artifact = json as Partial<IntentModelArtifact> | null;
      if (artifact?.format !== 'usaid-peru-bot/intent-model' || !artifact.model) {
        throw new IndexError('The intent model file is not an intent model of this bot.');
      }
      if (artifact.fingerprint !== fingerprintProject(project)) {
        throw new IndexError('The intent model was trained from another version of the CLU model file.');
      }
      return artifact.model;
    },
    () => trainFromProject(project),
    (model) => writeJson(path, intentModelArtifact(project, model)),
  );
}

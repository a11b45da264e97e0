import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrRebuild, loadSearchIndex, writeJson } from '../artifacts';
import type { CluProject } from '../intents/cluModel';
import { EntityMatcher } from '../intents/entityMatcher';
import { loadKnowledge } from '../knowledge/knowledgeLoader';
import type { Contact, KnowledgeBase } from '../knowledge/knowledgeTypes';
import type { EntityMatch } from '../intents/intentTypes';
import type { SearchIndex } from '../search/searchIndex';
import { sharedDictionaries, type WordChecker } from '../search/spelling';
import type { Language } from '../text/normalize';
import {
  type AnswerModel,
  answerModelFolds,
  checkAnswerModel,
  fingerprintAnswerModel,
  trainAnswerModel,
} from './answerModel';
import { type ContactFinder, KnowledgeService, type QuestionHints } from './knowledgeService';
import { LabelledNeighbours } from './labelledNeighbours';
import { labelledQuestionsFile, loadLabelledQuestions, loadTrainingQuestions } from './trainingQuestions';

/** Where the answering parts come from. */
export interface AnsweringPaths {
  knowledgeDir: string;
  indexPath: string;
  modelPath: string;
}

/** Everything that answers questions, loaded and ready. */
export interface Answering {
  kb: KnowledgeBase;
  index: SearchIndex;
  model: AnswerModel;
  knowledge: KnowledgeService;
  /** The labelled questions, as the neighbours that vote for a question's unit. */
  neighbours: LabelledNeighbours;
  /** Why an artifact was rebuilt at load, one line each (missing, stale). */
  rebuilt: string[];
}

/** The contacts a question names, found as the CLU model's list entities find them. */
export function contactHints(
  project: CluProject,
  contacts: readonly Contact[],
): (text: string, language: Language) => QuestionHints {
  const matcher = new EntityMatcher(project);
  return (text) => contactsNamed(matcher.match(text), contacts, text);
}

/** What may stand between two people named together: "the director and the deputy", "la directora y la subdirectora". */
const coordination = /^\s*(?:,\s*|(?:,\s*)?(?:and|y|e|or|o|&|as well as)\s+)(?:(?:the|la|el|a|al|to)\s+)*$/i;
/**
 * A conjunction anywhere between two people named one after the other ("who is the director and
 * who is the deputy", "quién dirige usaid perú y quién es la número dos"): both are asked about.
 * A relation ("the boss of the deputy", "Amy Paro's deputy") has none between them.
 */
const conjunction = /(?:^|[\s,])(?:and|y|e|or|o|&|plus)\s/i;
/** "The boss of the deputy", "la jefa de la subdirectora": the first is the one asked about. */
const ofTheSecond = /^\s+(?:of|de|del)\s+(?:(?:the|la|el)\s+)?$/i;
/** "Elizabeth Bosman's boss", "Amy Paro's deputy": the second is the one asked about. */
const possessive = /^['\u2019]s\s+$/i;

/**
 * What, just before a person, sets them aside rather than names them: "anyone besides the
 * director", "apart from Amy Paro", "aparte de la directora", "alguien más que la subdirectora".
 */
const setAside =
  /(?:^|[\s,(])(?:besides|apart from|aside from|other than|except(?: for)?|excluding|aparte del?|además del?|ademas del?|fuera del?|excepto|salvo|más que|mas que)\s+(?:(?:the|la|el|a|al)\s+)*$/i;

type Mention = { id: string; entity: EntityMatch };

/** The text between two mentions; empty when they overlap ("deputy mission director" and "director"). */
function gapBetween(first: Mention, second: Mention, text: string): string {
  return text.slice(first.entity.offset + first.entity.length, second.entity.offset);
}

/**
 * Which of two contacts named one after the other, but not together, the question asks about:
 * the head of "the R of P" or "P's R", or else the deputy (CLU may read "the deputy mission
 * director" as both roles, "the deputy mision director" is read so, and "the person right below
 * the director" asks for the deputy).
 */
function askedOf(first: Mention, second: Mention, text: string): string {
  const gap = gapBetween(first, second, text);
  if (ofTheSecond.test(gap)) return first.id;
  if (possessive.test(gap)) return second.id;
  return first.id === 'deputy' || second.id === 'deputy' ? 'deputy' : first.id;
}

/**
 * The contacts an utterance names, as contact ids: by role (the ContactRole list's keys are
 * contact ids) or by name (PersonName keys are contact names). Two contacts are both named only
 * when they are named together ("the director and the deputy", "who runs it and who is second in
 * command"); otherwise the one asked about is (see {@link askedOf}). Asked which of the two,
 * named together, holds a role ("Amy Paro and Elizabeth Bosman, which one is the boss?", "¿Amy Paro
 * o Elizabeth Bosman, quién es la subdirectora?"), the one who holds it.
 */
export function contactsNamed(
  entities: readonly EntityMatch[],
  contacts: readonly Contact[],
  text = '',
): QuestionHints {
  const mentions: Mention[] = entities
    .flatMap((entity) => {
      if (entity.category === 'ContactRole') return [{ id: entity.value, entity }];
      const contact = entity.category === 'PersonName' ? contacts.find((c) => c.name === entity.value) : undefined;
      return contact ? [{ id: contact.id, entity }] : [];
    })
    .sort((a, b) => a.entity.offset - b.entity.offset);
  const words = entities.filter((e) => e.category !== 'Email').map((e) => e.text);
  // "Is there anyone besides the director?": the one set aside is not asked about; when no other
  // is named, the others are.
  const asideIds = new Set(mentions.filter((m) => setAside.test(text.slice(0, m.entity.offset))).map((m) => m.id));
  if (asideIds.size > 0) {
    const kept = mentions.filter((m) => !asideIds.has(m.id)).map((m) => m.id);
    const others = contacts.filter((c) => !asideIds.has(c.id)).map((c) => c.id);
    return { contactIds: [...new Set(kept.length > 0 ? kept : others)], contactWords: words };
  }
  // "Amy Paro and Elizabeth Bosman, which one is the boss?": of two people named together, the one
  // who holds the one role it names.
  const people = mentions.filter((m) => m.entity.category === 'PersonName');
  const roles = new Set(mentions.filter((m) => m.entity.category === 'ContactRole').map((m) => m.id));
  const [one, other] = people;
  if (people.length === 2 && one && other && one.id !== other.id && roles.size === 1) {
    const gap = gapBetween(one, other, text);
    if (coordination.test(gap) || conjunction.test(gap)) return { contactIds: [...roles], contactWords: words };
  }
  let ids = new Set(mentions.map((m) => m.id));
  const pairs = mentions.flatMap((m, i) => {
    const next = mentions[i + 1];
    return next && next.id !== m.id ? [[m, next] as const] : [];
  });
  const together = pairs.every(([m, next]) => {
    const gap = gapBetween(m, next, text);
    return coordination.test(gap) || conjunction.test(gap);
  });
  const [first] = pairs;
  if (first && !together) ids = new Set([askedOf(first[0], first[1], text)]);
  return { contactIds: [...ids], contactWords: words };
}

/**
 * Loads the knowledge, the search index and the answer model, rebuilding (and saving) the index
 * or retraining the model when the files they were made from changed since `npm run build`.
 */
export function loadAnswering(
  paths: AnsweringPaths,
  project: CluProject,
  words: WordChecker = sharedDictionaries(),
  /** Replies remembered for questions asked again; 0 for none. */
  cacheSize = 0,
): Answering {
  const kb = loadKnowledge(paths.knowledgeDir);
  const rebuilt: string[] = [];
  const index = loadSearchIndex(paths.indexPath, kb, words);
  if (index.rebuiltBecause) rebuilt.push(`search index: ${index.rebuiltBecause}`);
  const fingerprint = answerModelFingerprint(paths.knowledgeDir, kb, project);
  const neighbours = labelledNeighbours(paths.knowledgeDir, kb);
  const findContacts = contactHints(project, kb.contacts);
  const model = loadOrRebuild(
    paths.modelPath,
    (json) => checkAnswerModel(json, fingerprint),
    () =>
      trainAnswerModelOn(paths.knowledgeDir, { kb, index: index.value, words, findContacts, neighbours, fingerprint })
        .model,
    (value) => writeJson(paths.modelPath, value),
  );
  if (model.rebuiltBecause) rebuilt.push(`answer model: ${model.rebuiltBecause}`);
  return {
    kb,
    index: index.value,
    model: model.value,
    knowledge: new KnowledgeService(kb, index.value, words, {
      model: model.value,
      findContacts,
      neighbours,
      cacheSize,
    }),
    neighbours,
    rebuilt,
  };
}

/** What training the answer model reads besides the knowledge folder's questions. */
export interface AnswerTraining {
  kb: KnowledgeBase;
  index: SearchIndex;
  words: WordChecker;
  findContacts: ContactFinder;
  neighbours: LabelledNeighbours;
  fingerprint: string;
}

/**
 * Trains the answer model on the knowledge folder's curated and labelled questions, each read as
 * the bot reads a question (by `npm run build`, and at start when the saved model is stale).
 */
export function trainAnswerModelOn(
  knowledgeDir: string,
  training: AnswerTraining,
): { model: AnswerModel; questions: number } {
  const { kb, index, words, findContacts, neighbours, fingerprint } = training;
  const questions = loadTrainingQuestions(knowledgeDir, kb);
  const service = new KnowledgeService(kb, index, words, { findContacts, neighbours });
  return { model: trainAnswerModel(service, questions, findContacts, fingerprint), questions: questions.length };
}

/** The labelled questions of the knowledge folder as neighbours, in the answer model's folds. */
export function labelledNeighbours(knowledgeDir: string, kb: KnowledgeBase): LabelledNeighbours {
  return new LabelledNeighbours(loadLabelledQuestions(knowledgeDir, kb), answerModelFolds);
}

/** Hash of the knowledge, the labelled questions and the contact entities the model learns from. */
export function answerModelFingerprint(knowledgeDir: string, kb: KnowledgeBase, project: CluProject): string {
  const entities = project.assets.entities.filter((e) => e.category === 'ContactRole');
  return fingerprintAnswerModel(
    kb.fingerprint,
    readFileSync(join(knowledgeDir, labelledQuestionsFile), 'utf8'),
    entities,
  );
}

import { join } from 'node:path';
import { KnowledgeError } from '../errors';
import { readJsonFile } from '../jsonFile';
import type { KnowledgeBase } from '../knowledge/knowledgeTypes';
import { labelledQuestionsFileSchema } from '../knowledge/knowledgeSchemas';
import type { Language } from '../text/normalize';
import type { TrainingQuestion } from './answerModel';

/** The labelled questions file under the knowledge folder. */
export const labelledQuestionsFile = join('training', 'labelled-questions.json');

/**
 * Resolves a unit id as written in a labelled file ("goal" or "usaid-peru#goal") to a passage id,
 * or undefined when no unit, or more than one document's, has it.
 */
export function resolveUnitId(kb: KnowledgeBase, unit: string): string | undefined {
  if (unit.includes('#')) return kb.passages.some((p) => p.id === unit) ? unit : undefined;
  const ids = new Set(kb.passages.filter((p) => p.unitId === unit).map((p) => p.id));
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * Everything the answer model learns from: every curated alternate question (labelled with its
 * unit) and the labelled questions in knowledge/training/. Throws {@link KnowledgeError} naming
 * each case whose unit does not exist.
 */
export function loadTrainingQuestions(knowledgeDir: string, kb: KnowledgeBase): TrainingQuestion[] {
  const questions: TrainingQuestion[] = [];
  for (const [passageId, byLanguage] of kb.alternateQuestions) {
    for (const language of Object.keys(byLanguage) as Language[]) {
      for (const text of byLanguage[language]) questions.push({ text, language, units: [passageId] });
    }
  }
  return [...questions, ...loadLabelledQuestions(knowledgeDir, kb)];
}

/**
 * The labelled questions in knowledge/training/ alone. Throws {@link KnowledgeError} naming each
 * case whose unit does not exist.
 */
export function loadLabelledQuestions(knowledgeDir: string, kb: KnowledgeBase): TrainingQuestion[] {
  const questions: TrainingQuestion[] = [];
  const read = readJsonFile(
    join(knowledgeDir, labelledQuestionsFile),
    labelledQuestionsFileSchema,
    labelledQuestionsFile,
  );
  if (!read.ok) throw new KnowledgeError(read.problems);
  const problems: string[] = [];
  read.value.cases.forEach((c, i) => {
    const units = (c.units ?? []).map((u) => resolveUnitId(kb, u));
    units.forEach((u, j) => {
      if (!u) problems.push(`${labelledQuestionsFile}: cases.${i}.units.${j}: no single unit "${c.units?.[j]}"`);
    });
    if (c.kind === 'answer' && units.length === 0) return;
    questions.push({
      text: c.q,
      language: c.lang,
      units: c.kind === 'oos' ? [] : units.filter((u) => u !== undefined),
    });
  });
  if (problems.length > 0) throw new KnowledgeError(problems);
  return questions;
}

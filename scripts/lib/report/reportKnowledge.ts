import type { Answering } from '../../../src/core/answers/answering';
import type { ReportKnowledge } from '../../../src/core/signals/signalReport';
import type { Language } from '../../../src/core/text/normalize';

/**
 * What the report needs of the knowledge. A unit is shown by its English title (the curators'
 * language) when it has one. The closest unit to a question is the one the bot would answer or
 * suggest now; for a question it declines, the unit the answer model rates highest once the scope
 * rule's vetoes are set aside.
 */
export function reportKnowledge({ kb, knowledge }: Pick<Answering, 'kb' | 'knowledge'>): ReportKnowledge {
  const titles = new Map<string, string>();
  for (const p of [...kb.passages].sort((a, b) => (a.language === 'en' ? -1 : b.language === 'en' ? 1 : 0))) {
    if (!titles.has(p.id)) titles.set(p.id, p.title);
  }
  const closestUnit = (question: string, language: Language): string | undefined => {
    const reply = knowledge.answer(question, language);
    if (reply.kind === 'answer') return reply.passageId;
    if (reply.kind === 'suggest') return reply.suggestions[0]?.passageId;
    for (const reading of [language, ...knowledge.languages.filter((l) => l !== language)]) {
      const ranking = knowledge.rank(question, reading);
      if (!ranking?.candidates.length) continue;
      const scored = knowledge.score({
        ...ranking,
        candidates: ranking.candidates.map((c) => ({ ...c, veto: undefined })),
      });
      const best = scored.reduce((a, b) => (b.probability > a.probability ? b : a));
      return best.passageId;
    }
    return undefined;
  };
  return {
    title: (unit) => titles.get(unit) ?? unit,
    alternates: (unit, language) => kb.alternateQuestions.get(unit)?.[language] ?? [],
    closestUnit,
  };
}

import { type Language, normalizeForSearch } from '../text/normalize';
import type {
  FeedbackComment,
  ProposedQuestion,
  ReportData,
  ReportKnowledge,
  UnansweredRow,
  UnitAnswers,
  UnitFeedback,
  WeekOutcomes,
} from './reportData';
import type { Reaction, SignalEvent } from './signalEvents';

export type * from './reportData';

/** The Monday (UTC) of the week of an ISO time. */
export function weekOf(at: string): string {
  const day = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** Builds the report from the recorded signals. */
export function buildReport(
  events: readonly SignalEvent[],
  knowledge: ReportKnowledge,
  options: { now?: Date; unansweredLimit?: number } = {},
): ReportData {
  const answers = new Map<string, UnitAnswers>();
  const weeks = new Map<string, WeekOutcomes>();
  const feedback = new Map<string, UnitFeedback>();
  const unanswered = new Map<string, UnansweredRow>();
  const proposals = new Map<string, ProposedQuestion>();
  const comments: FeedbackComment[] = [];
  const week = (at: string) => {
    const key = weekOf(at);
    const row = weeks.get(key) ?? { week: key, answered: 0, suggested: 0, declined: 0 };
    weeks.set(key, row);
    return row;
  };
  const propose = (question: string | undefined, language: Language, unit: string) => {
    if (!question) return undefined;
    const key = `${unit}|${language}|${normalizeForSearch(question)}`;
    const row = proposals.get(key) ?? {
      question,
      language,
      unit,
      title: knowledge.title(unit),
      suggestionTaken: 0,
      thumbsUp: 0,
    };
    proposals.set(key, row);
    return row;
  };
  let suggestionsTaken = 0;

  for (const event of events) {
    if (event.kind === 'answer') {
      const row = answers.get(event.unit) ?? {
        unit: event.unit,
        title: knowledge.title(event.unit),
        direct: 0,
        viaSuggestion: 0,
      };
      answers.set(event.unit, row);
      if (event.via === 'suggestion') {
        // The question was counted when the suggestion was offered.
        row.viaSuggestion += 1;
        suggestionsTaken += 1;
        const proposal = propose(event.question, event.language, event.unit);
        if (proposal) proposal.suggestionTaken += 1;
      } else {
        row.direct += 1;
        week(event.at).answered += 1;
      }
    } else if (event.kind === 'suggest') {
      week(event.at).suggested += 1;
    } else if (event.kind === 'decline') {
      week(event.at).declined += 1;
      if (!event.question) continue;
      const key = `${event.language}|${normalizeForSearch(event.question)}`;
      const row = unanswered.get(key) ?? {
        question: event.question,
        language: event.language,
        count: 0,
        reasons: {},
        lastSeen: event.at,
      };
      row.count += 1;
      row.lastSeen = event.at;
      row.reasons[event.reason] = (row.reasons[event.reason] ?? 0) + 1;
      unanswered.set(key, row);
    } else {
      const row = feedback.get(event.unit) ?? {
        unit: event.unit,
        title: knowledge.title(event.unit),
        likes: 0,
        dislikes: 0,
      };
      feedback.set(event.unit, row);
      const count = (reaction: Reaction, by: number) => {
        if (reaction === 'like') row.likes += by;
        else row.dislikes += by;
        const proposal = reaction === 'like' ? propose(event.question, event.language, event.unit) : undefined;
        if (proposal) proposal.thumbsUp += by;
      };
      count(event.reaction, 1);
      // A changed mind replaces the earlier reaction rather than adding to it.
      if (event.replaces) count(event.replaces, -1);
      if (event.comment) {
        comments.push({
          at: event.at,
          unit: event.unit,
          title: row.title,
          reaction: event.reaction,
          comment: event.comment,
        });
      }
    }
  }

  const byFrequency = (a: UnansweredRow, b: UnansweredRow) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen);
  const topUnanswered = [...unanswered.values()].sort(byFrequency).slice(0, options.unansweredLimit ?? 50);
  for (const row of topUnanswered) {
    const unit = knowledge.closestUnit(row.question, row.language);
    if (unit) row.closest = { unit, title: knowledge.title(unit) };
  }
  const weekRows = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
  const feedbackRows = [...feedback.values()].filter((r) => r.likes > 0 || r.dislikes > 0);
  const total = (pick: (w: WeekOutcomes) => number) => weekRows.reduce((sum, w) => sum + pick(w), 0);
  const [answered, suggested, declined] = [
    total((w) => w.answered),
    total((w) => w.suggested),
    total((w) => w.declined),
  ];
  const first = events[0]?.at;
  const last = events[events.length - 1]?.at;
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    period: first && last ? { from: first.slice(0, 10), to: last.slice(0, 10) } : undefined,
    totals: {
      questions: answered + suggested + declined,
      answered,
      suggested,
      declined,
      suggestionsTaken,
      likes: feedbackRows.reduce((sum, r) => sum + r.likes, 0),
      dislikes: feedbackRows.reduce((sum, r) => sum + r.dislikes, 0),
    },
    answersPerUnit: [...answers.values()].sort(
      (a, b) => b.direct + b.viaSuggestion - (a.direct + a.viaSuggestion) || a.unit.localeCompare(b.unit),
    ),
    weeks: weekRows,
    feedbackPerUnit: feedbackRows.sort(
      (a, b) => b.likes + b.dislikes - (a.likes + a.dislikes) || a.unit.localeCompare(b.unit),
    ),
    unanswered: topUnanswered,
    proposals: [...proposals.values()]
      .filter((p) => p.suggestionTaken + p.thumbsUp > 0 && isNew(p, knowledge))
      .sort(
        (a, b) => b.suggestionTaken + b.thumbsUp - (a.suggestionTaken + a.thumbsUp) || a.unit.localeCompare(b.unit),
      ),
    comments: comments.reverse(),
  };
}

/** A proposal the knowledge does not already hold as a curated question or as the unit's title. */
function isNew(proposal: ProposedQuestion, knowledge: ReportKnowledge): boolean {
  const asked = normalizeForSearch(proposal.question);
  if (!asked || asked === normalizeForSearch(proposal.title)) return false;
  return !knowledge.alternates(proposal.unit, proposal.language).some((q) => normalizeForSearch(q) === asked);
}

/**
 * The proposals as `knowledge/questions.json` holds them: per unit and language, the questions to
 * add to its lists.
 */
export function proposalsAsQuestionsJson(proposals: readonly ProposedQuestion[]): string {
  const byUnit: Record<string, Partial<Record<Language, string[]>>> = {};
  for (const p of proposals) {
    const unit = (byUnit[p.unit] ??= {});
    const list = (unit[p.language] ??= []);
    if (!list.includes(p.question)) list.push(p.question);
  }
  return JSON.stringify(byUnit, null, 2);
}

import type { Language } from '../text/normalize';
import type { Reaction } from './signalEvents';

/** What the report knows of the knowledge: titles, curated questions, and the closest unit. */
export interface ReportKnowledge {
  /** The unit's title, as curators know it. */
  title(unit: string): string;
  /** The alternate questions `knowledge/questions.json` already holds for a unit. */
  alternates(unit: string, language: Language): readonly string[];
  /** The unit a question comes closest to, even when the bot declined it. */
  closestUnit(question: string, language: Language): string | undefined;
}

/** Answers given with one unit: to a question as asked, or picked from a "did you mean". */
export interface UnitAnswers {
  unit: string;
  title: string;
  direct: number;
  viaSuggestion: number;
}

/** How the questions of one week (starting Monday, UTC) ended. */
export interface WeekOutcomes {
  week: string;
  answered: number;
  suggested: number;
  declined: number;
}

/** Thumbs up and down on one unit's answers. */
export interface UnitFeedback {
  unit: string;
  title: string;
  likes: number;
  dislikes: number;
}

/** A question the bot declined, however often it was asked. */
export interface UnansweredRow {
  question: string;
  language: Language;
  count: number;
  reasons: Record<string, number>;
  lastSeen: string;
  closest?: { unit: string; title: string };
}

/** A question people asked that a unit answered to their satisfaction: a candidate alternate. */
export interface ProposedQuestion {
  question: string;
  language: Language;
  unit: string;
  title: string;
  /** Times its "did you mean" led to this unit. */
  suggestionTaken: number;
  /** Thumbs up on this unit's answer to it. */
  thumbsUp: number;
}

/** A comment given with a thumbs up or down. */
export interface FeedbackComment {
  at: string;
  unit: string;
  title: string;
  reaction: Reaction;
  comment: string;
}

/** Everything the curators' report shows. */
export interface ReportData {
  generatedAt: string;
  /** The first and last day with signals. */
  period?: { from: string; to: string };
  totals: {
    questions: number;
    answered: number;
    suggested: number;
    declined: number;
    suggestionsTaken: number;
    likes: number;
    dislikes: number;
  };
  answersPerUnit: UnitAnswers[];
  weeks: WeekOutcomes[];
  feedbackPerUnit: UnitFeedback[];
  unanswered: UnansweredRow[];
  proposals: ProposedQuestion[];
  comments: FeedbackComment[];
}

import type { Language } from '../text/normalize';

/** One Markdown file under knowledge/. */
export interface KnowledgeDocument {
  /** Shared by the translations of one document. */
  id: string;
  title: string;
  source: string;
  /** ISO date, e.g. 2023-10-06. */
  published: string;
  language: Language;
  /** Set on translations that are not official. */
  unofficialTranslation: boolean;
  file: string;
}

/** A retrievable piece of a document: one paragraph, or a list with its lead-in. */
export interface Passage {
  /** `${documentId}#${headingId}-${n}`; identical across translations of one document. */
  id: string;
  documentId: string;
  language: Language;
  /** Headings from the top of the document down to this passage. */
  headings: string[];
  /** Plain text of the passage (a list is joined into one line per item). */
  text: string;
  /** For a list passage: its lead-in sentence and items. */
  list?: { intro?: string; items: string[] };
}

/** A person the public may contact. */
export interface Contact {
  id: string;
  name: string;
  title: Record<Language, string>;
  email: string;
}

/** Everything loaded from knowledge/, validated. */
export interface KnowledgeBase {
  documents: KnowledgeDocument[];
  passages: Passage[];
  contacts: Contact[];
  /** Alternate questions by passage id and language. */
  alternateQuestions: Map<string, Record<Language, string[]>>;
  synonyms: {
    phrases: Record<Language, Record<string, string>>;
    words: Record<Language, Record<string, string[]>>;
  };
  lexicon: {
    framingWords: Record<Language, string[]>;
    quantityCues: Record<Language, string[]>;
    /** Words that always count as topic, even when they are stop words ("before", "antes"). */
    alwaysTopicWords: Record<Language, string[]>;
    /** Word beginnings that mark a wish to get in touch ("contact", "escrib"). */
    contactCues: Record<Language, string[]>;
    /**
     * Everyday verbs, adjectives and adverbs ("operate", "overall", "reciben"): they frame a
     * question when the knowledge never uses them, and count as topic when it does.
     */
    genericWords: Record<Language, string[]>;
  };
  /** Hash of every knowledge file, to detect a stale index. */
  fingerprint: string;
}

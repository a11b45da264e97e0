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

/** Where a list item sits in its list. */
export interface ListPosition {
  /** Id of the list passage. */
  listId: string;
  /** 1-based. */
  position: number;
  count: number;
}

/**
 * An answer unit: a piece of a document the bot quotes whole. A heading with an id starts one; a
 * list under a lead-in makes a list unit, and each of its items is a unit of its own.
 */
export interface Passage {
  /** `${documentId}#${unitId}`; identical across translations of one document. */
  id: string;
  /** The heading id, or `${listUnitId}-${n}` for the nth item of a list. */
  unitId: string;
  documentId: string;
  language: Language;
  /** Short title, shown when the bot offers this unit as a suggestion. */
  title: string;
  /** Other words people name it by, besides its title (a list: "retos" for "desafíos"). */
  names?: string[];
  /** The quoted text; a list's lead-in and items, one per line. */
  text: string;
  /** For a list: its lead-in (may hold sentences before the colon) and items, as written. */
  list?: { intro: string; items: string[]; ordered?: boolean };
  /** For an item of a list. */
  item?: ListPosition;
}

/** A person the public may contact. */
export interface Contact {
  id: string;
  name: string;
  title: Record<Language, string>;
  email: string;
}

/** Word lists the answer rules need, by language (knowledge/lexicon.json). */
export interface Lexicon {
  /**
   * Attributes and times the knowledge may not hold (budget, phone, salary, before, former): a
   * unit answers a question naming one only if it holds the word too.
   */
  attributeWords: Record<Language, string[]>;
  /**
   * Judgements of a person ("good", "mala"): a contact's unit gives a name, a title and an address,
   * so it answers a question with one only if it holds the word too. Other units are not judged:
   * "good government" still asks for the democratic governance objective.
   */
  personAttributeWords: Record<Language, string[]>;
  /**
   * The page's own words for what an attribute speaks of ("money": "financing", "resources"): a
   * unit holding one of them holds the attribute, so "did USAID stop giving money directly?" still
   * finds the change of role, while "what is the budget of the Amazon program?" is declined.
   */
  attributeKin: Record<Language, Record<string, string[]>>;
  /** Who the page speaks for ("USAID", "the mission"): what they think, the page says. */
  speakers: Record<Language, string[]>;
  /**
   * Attributes that ask for a view ("think", "opina"): an opinion, unless their subject is one of
   * the `speakers` ("does USAID think Peru needs more political stability?").
   */
  viewWords: Record<Language, string[]>;
  /**
   * The page's own words for what people name otherwise ("washington": "u.s", the U.S.
   * government; "eeuu": "ee uu"): the question is read with the page's words, so the other name is
   * no unknown one. A name in capitals ("US") is matched only as typed so.
   */
  nameKin: Record<Language, Record<string, string>>;
}

/** Everything loaded from knowledge/, validated. */
export interface KnowledgeBase {
  documents: KnowledgeDocument[];
  passages: Passage[];
  contacts: Contact[];
  /** Curated alternate questions by passage id and language. */
  alternateQuestions: Map<string, Record<Language, string[]>>;
  lexicon: Lexicon;
  /** Hash of every knowledge file, to detect a stale index. */
  fingerprint: string;
}

import type { Contact, KnowledgeBase, KnowledgeDocument, Passage } from '../knowledge/knowledgeTypes';
import { QueryAnalyzer } from '../search/queryAnalyzer';
import type { SearchIndex } from '../search/searchIndex';
import { foldAccents, type Language, languages } from '../text/normalize';
import { composeAnswer } from './answerComposer';
import { assessTerms, type DeclineReason, declineReason, defaultScopeOptions, type ScopeOptions } from './scopeGuard';

/** Where an answer comes from, as a channel shows it next to the answer. */
export interface Citation {
  /** Document title. */
  title: string;
  /** ISO date the source was published. */
  published: string;
  url: string;
  /** The passage, shortened to at most 160 characters. */
  abstract: string;
  passageId: string;
  /** The answer was taken from an unofficial translation of the cited document. */
  translated: boolean;
}

/** What the knowledge says about a question. */
export type KnowledgeReply =
  | { kind: 'answer'; language: Language; lead: string; items?: string[]; citation: Citation; score: number }
  | { kind: 'decline'; language: Language; reason: DeclineReason };

/** Longest citation abstract that Web Chat and Teams show. */
export const maxAbstractChars = 160;

/** Shortens text at a word boundary so it fits `max` characters, ellipsis included. */
export function abbreviate(text: string, max = maxAbstractChars): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Digits or number words: what a "how many / when" answer must contain. */
const quantityPattern =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|sesenta|cien|mil|millon|millones)\b|\b(first|second|third|primer|primero|primera|segundo|segunda|tercer|tercero|tercera)\b/i;

/** How many ranked passages are checked against the decline rule before giving up. */
const candidatesChecked = 3;

/**
 * Answers questions from the knowledge base, or says that it cannot. Plain TypeScript: the bot
 * layer turns a {@link KnowledgeReply} into an activity.
 */
export class KnowledgeService {
  private readonly documents: Map<string, KnowledgeDocument>;
  /** The authoritative (not translated) version of each document, by id. */
  private readonly originals: Map<string, KnowledgeDocument>;
  private readonly analyzers: Record<Language, QueryAnalyzer>;
  /** Each passage's citation, made once: the knowledge does not change while the bot runs. */
  private readonly citations = new Map<Passage, Readonly<Citation>>();
  /** The passage that publishes each contact's address, by language and e-mail. */
  private readonly contactPassages = new Map<string, Passage | undefined>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly index: SearchIndex,
    private readonly options: ScopeOptions = defaultScopeOptions,
  ) {
    this.documents = new Map(kb.documents.map((d) => [`${d.id}/${d.language}`, d]));
    this.originals = new Map(kb.documents.filter((d) => !d.unofficialTranslation).map((d) => [d.id, d]));
    this.analyzers = Object.fromEntries(languages.map((l) => [l, new QueryAnalyzer(kb, l)])) as Record<
      Language,
      QueryAnalyzer
    >;
  }

  /** Answers `question`, written in `language`, from the passages of that language. */
  answer(question: string, language: Language): KnowledgeReply {
    const index = this.index.forLanguage(language);
    const query = this.analyzers[index.language].analyze(question, index);
    if (query.terms.length === 0) return { kind: 'decline', language, reason: 'no-topic' };
    const hits = index.search(query.terms.map((term) => ({ alternatives: term.alternatives, weight: 1 })));
    if (hits.length === 0) return { kind: 'decline', language, reason: 'no-match' };

    let firstReason: DeclineReason | undefined;
    for (const hit of hits.slice(0, candidatesChecked)) {
      const coverage = assessTerms(query, hit.passage, index);
      const reason = declineReason(coverage, this.options);
      if (reason) {
        firstReason ??= reason;
        continue;
      }
      const composed = composeAnswer(hit.passage, coverage, index);
      const shown = [composed.lead, ...(composed.items ?? [])].join(' ');
      if (query.asksQuantity && !quantityPattern.test(foldAccents(shown))) {
        firstReason ??= 'no-quantity';
        continue;
      }
      return { kind: 'answer', language, ...composed, citation: this.citationFor(hit.passage), score: hit.score };
    }
    return { kind: 'decline', language, reason: firstReason ?? 'no-match' };
  }

  /**
   * The citation for a contact's details: the passage of the given language (or English) that
   * gives the contact's e-mail address, if the knowledge publishes it.
   */
  contactCitation(contact: Contact, language: Language): Citation | undefined {
    const key = `${language}:${contact.email}`;
    if (!this.contactPassages.has(key)) {
      // Looked up once per contact and language: the knowledge does not change while the bot runs.
      const mentions = this.kb.passages.filter((p) => p.text.includes(contact.email));
      this.contactPassages.set(key, mentions.find((p) => p.language === language) ?? mentions[0]);
    }
    const passage = this.contactPassages.get(key);
    return passage ? this.citationFor(passage) : undefined;
  }

  private citationFor(passage: Passage): Citation {
    let citation = this.citations.get(passage);
    if (!citation) {
      citation = Object.freeze(this.makeCitation(passage));
      this.citations.set(passage, citation);
    }
    return citation;
  }

  private makeCitation(passage: Passage): Citation {
    // Translations cite the original document: it is the authoritative source.
    const original = this.originals.get(passage.documentId);
    const doc = original ?? this.documents.get(`${passage.documentId}/${passage.language}`);
    return {
      title: doc?.title ?? passage.documentId,
      published: doc?.published ?? '',
      url: doc?.source ?? '',
      abstract: abbreviate(passage.text),
      passageId: passage.id,
      translated: this.documents.get(`${passage.documentId}/${passage.language}`)?.unofficialTranslation ?? false,
    };
  }
}

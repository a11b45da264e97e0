import { LRUCache } from 'lru-cache';
import type { Contact, KnowledgeBase, KnowledgeDocument, Passage } from '../knowledge/knowledgeTypes';
import { QueryAnalyzer, type AnalyzedQuery } from '../search/queryAnalyzer';
import type { LanguageIndex, SearchIndex } from '../search/searchIndex';
import type { WordChecker } from '../search/spelling';
import { isFormOf } from '../search/textAnalyzer';
import { type Language, normalizeForSearch, tokenize } from '../text/normalize';
import { leansTo } from '../language/languagePolicy';
import { contactRequestWords, inEveryLanguage, questionWords } from '../text/questionWords';
import { editDistance } from '../text/editDistance';
import type { LabelledNeighbours } from './labelledNeighbours';
import { composeAnswer } from './answerComposer';
import { type Decision, decide, type ScoredUnit } from './answerDecision';
import { type CandidateFeatures, questionFeatures, type UnitStructure, unitStructure } from './answerFeatures';
import type { AnswerModel } from './answerModel';
import { predictChoice } from './conditionalLogit';
import { askNothingOfPerson, type DeclineReason, holdsQuantity, pageWideShare, ScopeRule } from './scopeGuard';

/** Where an answer comes from, as a channel shows it next to the answer. */
export interface Citation {
  /** Document title. */
  title: string;
  /** ISO date the source was published. */
  published: string;
  url: string;
  /** The unit's text, shortened to at most 160 characters. */
  abstract: string;
  passageId: string;
  /** The answer was taken from an unofficial translation of the cited document. */
  translated: boolean;
}

/** A unit offered in a "did you mean". */
export interface Suggestion {
  passageId: string;
  title: string;
}

/** What the knowledge says about a question. */
export type KnowledgeReply =
  | {
      kind: 'answer';
      language: Language;
      passageId: string;
      lead: string;
      items?: string[];
      citation: Citation;
      /** The answer model's probability; 1 for a unit asked for by its title or position. */
      confidence: number;
      /** Further units quoted after it, from the same page: each contact, when a question names both. */
      also?: { passageId: string; lead: string }[];
    }
  | { kind: 'suggest'; language: Language; suggestions: Suggestion[] }
  | {
      kind: 'decline';
      language: Language;
      reason: DeclineReason;
      /** The question asks for a person or a way to reach one: the reply lists the contacts. */
      offerContacts: boolean;
    };

/** What the recognizer found that the knowledge should take into account. */
export interface QuestionHints {
  /** Contacts the message names, by role ("the deputy") or name, as contact ids. */
  contactIds?: readonly string[];
  /** The words that named them ("jefa de la misión"), which ask for nothing else. */
  contactWords?: readonly string[];
}

/** Finds the contacts a text names. */
export type ContactFinder = (text: string, language: Language) => QuestionHints;

/** One language's reading of a question: each candidate unit's features and veto. */
export interface Ranking {
  language: Language;
  query: AnalyzedQuery;
  /** The contacts the question names, as given or as found in its corrected words. */
  hints: QuestionHints;
  candidates: (CandidateFeatures & {
    passageId: string;
    veto?: DeclineReason;
    /**
     * The unit may be offered, never asserted: a named contact's, asked what it does not say of
     * them ("What university did Amy Paro go to?").
     */
    suggestOnly?: boolean;
  })[];
  /** Signals of the question alone. */
  question: number[];
  /** Every topic word of the question is one the knowledge holds. */
  allKnown: boolean;
  /**
   * A unit the question names outright, answered without the model: an item by its position in a
   * list ("the third objective"), or a contact by role or name ("the deputy's e-mail").
   */
  direct?: string;
  /** Units answered with `direct`: the other contacts, when the question names several. */
  also?: string[];
}

/** Declines that another language's reading of the question may overturn. */
const rereadable: ReadonlySet<DeclineReason> = new Set(['no-topic', 'no-match', 'low-confidence']);

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

interface LanguageParts {
  index: LanguageIndex;
  analyzer: QueryAnalyzer;
  structure: UnitStructure;
  /** Contact id → position of the unit that publishes the contact's address. */
  contactUnits: Map<string, number>;
  /** Normalized title → passage id, so a clicked suggestion answers. */
  titles: Map<string, string>;
  /** Normalized text of each document, to leave a question's own copy out when training. */
  documentTexts: string[];
  allContactUnits: ReadonlySet<number>;
  quantityUnits: ReadonlySet<number>;
}

/**
 * Answers questions from the knowledge: reads the question, scores every unit with the answer
 * model under the scope rule, and answers, offers a "did you mean" or declines. Plain TypeScript:
 * the bot layer turns a {@link KnowledgeReply} into an activity.
 */
/** Question words, in every language ("cuáles"): they ask, and name nothing. */
const interrogatives: ReadonlySet<string> = new Set(inEveryLanguage('interrogatives'));

/**
 * The words that make a compound with a word `head` accepts: next to it, or joined to it by one
 * preposition ("point of contact", "personas de contacto").
 */
function compoundedWith(text: string, head: (word: string) => boolean, language: Language): Set<string> {
  const words = tokenize(normalizeForSearch(text));
  const joins = questionWords[language].prepositions;
  const found = new Set<string>();
  words.forEach((word, i) => {
    if (!head(word)) return;
    for (const step of [-1, 1]) {
      const next = words[i + step];
      const joined = next !== undefined && joins.includes(next) ? words[i + 2 * step] : undefined;
      for (const other of [next, joined]) if (other !== undefined && !head(other)) found.add(other);
    }
  });
  return found;
}

/** Words that ask for a detail rather than a person ("contact number", "contact address"). */
const detailWords: ReadonlySet<string> = new Set(inEveryLanguage('contactDetails', 'numberMarkers'));

export class KnowledgeService {
  private readonly parts = new Map<Language, LanguageParts>();
  private readonly passages: Map<string, Passage>;
  private readonly documents: Map<string, KnowledgeDocument>;
  private readonly originals: Map<string, KnowledgeDocument>;
  /** The ids of the units that give a contact's details. */
  private readonly contactPassageIds = new Set<string>();
  /** The year each document was published, from its front matter. */
  private readonly publishedYears: Map<string, number>;
  /** Every language's kin of an attribute, as a question may be read in either. */
  private readonly attributeKin: Map<string, string[]>;
  private readonly citations = new Map<string, Readonly<Citation>>();
  /** Whom the page speaks for, in every language (`Lexicon.speakers`). */
  private readonly speakers: ReadonlySet<string>;
  /** Beginnings of words that ask for a person or a way to reach one, in every language. */
  private readonly contactWordCache = new LRUCache<string, boolean>({ max: 10_000 });

  private readonly model?: AnswerModel;
  private readonly findContacts?: ContactFinder;
  private readonly neighbours?: LabelledNeighbours;
  /** Replies to questions asked before, most recent kept. */
  private readonly answers?: LRUCache<string, KnowledgeReply>;

  constructor(
    private readonly kb: KnowledgeBase,
    index: SearchIndex,
    dictionary: WordChecker,
    options: {
      /** The trained answer model; without it only {@link rank} is of use (training). */
      model?: AnswerModel;
      /** Finds the contacts a text names, as the CLU model's entities do. */
      findContacts?: ContactFinder;
      /** The labelled questions, whose nearest to a question vote for its unit. */
      neighbours?: LabelledNeighbours;
      /**
       * Replies remembered for questions asked again (suggested questions, common wordings), by
       * their words, language and named contacts; 0 remembers none. Default none.
       */
      cacheSize?: number;
    } = {},
  ) {
    this.model = options.model;
    this.findContacts = options.findContacts;
    this.neighbours = options.neighbours;
    if (options.cacheSize) this.answers = new LRUCache({ max: options.cacheSize });
    this.passages = new Map(kb.passages.map((p) => [`${p.language}:${p.id}`, p]));
    this.documents = new Map(kb.documents.map((d) => [`${d.id}/${d.language}`, d]));
    this.originals = new Map(kb.documents.filter((d) => !d.unofficialTranslation).map((d) => [d.id, d]));
    this.publishedYears = new Map(
      [...this.originals].flatMap(([id, doc]) => {
        const year = Number(doc.published.slice(0, 4));
        return Number.isInteger(year) && year > 0 ? [[id, year] as const] : [];
      }),
    );
    this.speakers = new Set(Object.values(kb.lexicon.speakers).flat());
    this.attributeKin = new Map();
    for (const byWord of Object.values(kb.lexicon.attributeKin)) {
      for (const [word, kin] of Object.entries(byWord)) {
        this.attributeKin.set(word, [...(this.attributeKin.get(word) ?? []), ...kin]);
      }
    }
    for (const language of index.languages) {
      const languageIndex = index.get(language) as LanguageIndex;
      const contactUnits = new Map<string, number>();
      for (const contact of kb.contacts) {
        const at = languageIndex.units.findIndex((u) => u.text.includes(contact.email));
        if (at >= 0) contactUnits.set(contact.id, at);
      }
      for (const at of contactUnits.values()) this.contactPassageIds.add(languageIndex.units[at]?.id ?? '');
      this.parts.set(language, {
        index: languageIndex,
        analyzer: new QueryAnalyzer(languageIndex, kb.lexicon, dictionary),
        structure: unitStructure(languageIndex),
        contactUnits,
        titles: new Map(languageIndex.units.map((u) => [normalizeForSearch(u.title), u.id])),
        documentTexts: languageIndex.documents.map((d) => normalizeForSearch(d.text)),
        allContactUnits: new Set(contactUnits.values()),
        quantityUnits: new Set(languageIndex.units.flatMap((u, i) => (holdsQuantity(u, languageIndex) ? [i] : []))),
      });
    }
  }

  /** Whether the page speaks for what a (normalized) word names: USAID, the mission (`Lexicon.speakers`). */
  speaksFor(word: string): boolean {
    return this.speakers.has(word);
  }

  /** The languages the knowledge is written in. */
  get languages(): Language[] {
    return [...this.parts.keys()];
  }

  /** Answers `question`, written in `language` (or, failing that, in another the knowledge has). */
  answer(question: string, language: Language, hints: QuestionHints = {}): KnowledgeReply {
    if (!this.answers) return this.decideAnswer(question, language, hints);
    // The reply depends only on the words asked, the language and the contacts named.
    const contacts = [...(hints.contactIds ?? [])].sort().join(',');
    const key = `${language}\u0000${normalizeForSearch(question)}\u0000${contacts}`;
    let reply = this.answers.get(key);
    if (!reply) {
      reply = this.decideAnswer(question, language, hints);
      this.answers.set(key, reply);
    }
    return reply;
  }

  private decideAnswer(question: string, language: Language, hints: QuestionHints): KnowledgeReply {
    const clicked = this.suggestionFor(question, language);
    if (clicked) return this.answerUnit(clicked, language);
    if (!this.model) throw new Error('KnowledgeService: an answer model is needed to answer questions');
    let best: { ranking: Ranking; decision: Decision; top: number } | undefined;
    for (const reading of this.readingOrder(language)) {
      const ranking = this.rank(question, reading, hints);
      if (!ranking) continue;
      // Read in another language, a question plainly written in the turn's is only offered even what
      // a rule finds: read as Spanish, "what big problems does USAID…" names "problems dos".
      const foreign = () => reading !== language && leansTo(question, language, reading);
      if (ranking.direct && !foreign()) return this.answerUnit(ranking.direct, language, ranking.also);
      const scored = this.score(ranking);
      let decision: Decision = ranking.direct
        ? { kind: 'suggest', passageIds: [ranking.direct] }
        : decide(scored, this.model.thresholds, ranking.allKnown);
      // A question plainly written in the turn's language is only offered what another language's
      // reading is sure of: read as Spanish, "Is trade part of the reasoning behind the program?" is
      // sure of the regional programs.
      if (decision.kind === 'answer' && foreign()) {
        decision = { kind: 'suggest', passageIds: [decision.passageId] };
      }
      if (decision.kind === 'answer') return this.reply(decision, ranking, language);
      const everyContact = this.everyContactAsked(ranking, scored);
      if (everyContact) return this.answerUnit(everyContact[0] as string, language, everyContact.slice(1));
      // A name, number or attribute the knowledge does not hold is as absent in every language.
      if (!best && decision.kind === 'decline' && !rereadable.has(decision.reason)) {
        return this.reply(decision, ranking, language);
      }
      // Short questions are easily read in the wrong language: the reading that fits best wins,
      // and when none suggests anything, the turn's language says why.
      const top = Math.max(0, ...scored.map((s) => s.probability));
      const fitsBetter = decision.kind !== 'decline' && (best?.decision.kind === 'decline' || top > (best?.top ?? 0));
      if (!best || fitsBetter) best = { ranking, decision, top };
    }
    if (!best) return { kind: 'decline', language, reason: 'no-topic', offerContacts: false };
    return this.reply(best.decision, best.ranking, language);
  }

  /**
   * Every contact's unit, in the page's order, when the question asks for a person without naming
   * one ("who can I reach at the mission?") and the model is sure enough it is one of them, though
   * not which: together they hold the answer's probability. So too when it asks for the contacts
   * themselves ("who are the contacts on the usaid peru page"): every word of it the knowledge does
   * not hold is a contact word, and the scope rule lets the contacts answer. And when it asks for a
   * person and for nothing but a way to reach them at the mission ("¿con quién me comunico en USAID
   * Perú? nombres y correos"): its every word asks for a way to reach someone, frames the request,
   * asks, or names what the whole page is about ("USAID", "Perú", "misión").
   */
  private everyContactAsked(ranking: Ranking, scored: readonly ScoredUnit[]): string[] | undefined {
    const parts = this.parts.get(ranking.language);
    const { query } = ranking;
    if (!this.model || !parts || (ranking.hints.contactIds?.length ?? 0) > 0) return undefined;
    const units = [...parts.allContactUnits].sort((a, b) => a - b).map((u) => parts.index.units[u]?.id ?? '');
    if (units.length < 2) return undefined;
    const contacts = scored.filter((s) => units.includes(s.passageId));
    const held = contacts.reduce((sum, s) => sum + (s.veto ? 0 : s.probability), 0);
    if (query.asksPerson && held >= this.model.thresholds.answer) return units;
    // "Contacts", "contactos" (in both languages they begin so), not any word of a request ("write",
    // "information"), which `isContactWord` also takes.
    const namesContacts = (word: string) => word.startsWith('contact');
    const compounds = compoundedWith(query.text, namesContacts, ranking.language);
    const asksContacts =
      // Asking the contacts for a word their units lack is asking for someone else ("unknown-person"),
      // unless the knowledge holds the word and it is no name or attribute ("on the usaid peru page").
      !contacts.some((s) => s.veto && s.veto !== 'unknown-person') &&
      query.terms.some((t) => namesContacts(t.word)) &&
      query.terms.every(
        (t) =>
          !t.isAttribute &&
          !t.isName &&
          (namesContacts(t.word) ||
            parts.index.knows(t.stem) ||
            // A compound's other noun ("contact people", "personas de contacto") names the contacts
            // too, unless it asks for a detail ("contact number").
            (!detailWords.has(t.word) && compounds.has(t.word))),
      );
    if (asksContacts) return units;
    const asksOnlyHowToReach =
      query.asksPerson &&
      !contacts.some((s) => s.veto && s.veto !== 'unknown-person') &&
      query.terms.some((t) => this.isContactWord(t.word)) &&
      query.terms.every(
        (t) =>
          !t.isAttribute &&
          !t.isName &&
          (this.isContactWord(t.word) ||
            askNothingOfPerson.has(t.word) ||
            interrogatives.has(t.word) ||
            parts.index.unitShare(t.stem) >= pageWideShare),
      );
    return asksOnlyHowToReach ? units : undefined;
  }

  /** Answers with one unit, as when someone picks a suggestion, and any `also` quoted after it. */
  answerUnit(passageId: string, language: Language, also: readonly string[] = []): KnowledgeReply {
    const unit = this.passage(passageId, language);
    if (!unit) return { kind: 'decline', language, reason: 'no-match', offerContacts: false };
    const list = unit.item ? this.passage(unit.item.listId, unit.language) : undefined;
    const more = also.flatMap((id) => {
      const other = this.passage(id, language);
      return other ? [{ passageId: id, lead: composeAnswer(other).lead }] : [];
    });
    return {
      kind: 'answer',
      language,
      passageId,
      ...composeAnswer(unit, list),
      citation: this.citationFor(unit),
      confidence: 1,
      ...(more.length > 0 ? { also: more } : {}),
    };
  }

  /** The unit whose suggestion title is exactly this text, in either language. */
  suggestionFor(text: string, language: Language): string | undefined {
    const key = normalizeForSearch(text);
    return (
      this.parts.get(language)?.titles.get(key) ??
      this.languages.map((l) => this.parts.get(l)?.titles.get(key)).find(Boolean)
    );
  }

  /**
   * The citation for a contact's details: the unit of the given language (or English) that
   * gives the contact's e-mail address, if the knowledge publishes it.
   */
  contactCitation(contact: Contact, language: Language): Citation | undefined {
    for (const l of this.readingOrder(language)) {
      const parts = this.parts.get(l);
      const at = parts?.contactUnits.get(contact.id);
      const unit = at === undefined ? undefined : parts?.index.units[at];
      if (unit) return this.citationFor(unit);
    }
    return undefined;
  }

  /**
   * Reads a question in one language and computes every candidate unit's features and veto.
   * `training` leaves out curated questions identical to it and the labelled questions of its
   * fold, so a question the model learns from reads as one it has never seen.
   */
  rank(
    question: string,
    language: Language,
    given: QuestionHints = {},
    training?: { fold: number },
  ): Ranking | undefined {
    let hints = given;
    const parts = this.parts.get(language);
    if (!parts) return undefined;
    const { index, structure } = parts;
    const query = parts.analyzer.analyze(question);
    // A mistyped role ("the depudy director") is found once the question is corrected.
    if ((hints.contactIds?.length ?? 0) === 0 && this.findContacts) hints = this.findContacts(query.text, language);
    const named = new Set(
      (hints.contactIds ?? []).map((id) => parts.contactUnits.get(id)).filter((u) => u !== undefined),
    );
    const others = new Set([...parts.contactUnits.values()].filter((u) => !named.has(u)));
    const naming = new Set((hints.contactWords ?? []).flatMap((text) => index.analyzer.words(text)));
    const listItem = this.listItem(query, parts);
    const allKnown = query.terms.every((t) => index.knows(t.stem));
    if (query.terms.length === 0 && !listItem) {
      return { language, query, hints, candidates: [], question: [], allKnown };
    }
    // The words of a role ("the number 2") name a contact as much as "email" asks for one.
    const isContactWord = (word: string) => naming.has(word) || this.isContactWord(word);
    const scope = new ScopeRule(query, index, {
      otherContactUnits: others,
      namesContact: named.size > 0,
      contactUnits: parts.allContactUnits,
      isContactWord,
      publishedYear: (unit) => this.publishedYears.get(index.units[unit]?.documentId ?? ''),
      attributeKin: (word) => this.attributeKin.get(word) ?? [],
    });
    const only = named.size === 1 ? ([...named][0] as number) : undefined;
    const contact =
      only !== undefined && !scope.asksMoreOf(only) ? this.contactAsked(query, only, index, isContactWord) : undefined;
    // Several contacts named ("the director's and the deputy's e-mails"): each one's unit.
    const several = named.size > 1 ? this.contactsAsked(named, index, scope) : [];
    let exclude: Set<number> | undefined;
    if (training) {
      const own = normalizeForSearch(question);
      exclude = new Set(parts.documentTexts.flatMap((text, doc) => (text === own ? [doc] : [])));
    }
    const features = questionFeatures(query, index, {
      exclude,
      namedContactUnits: named,
      otherContactUnits: others,
      structure,
      contactUnits: parts.allContactUnits,
      quantityUnits: parts.quantityUnits,
      asksMoreOf: (unit) => scope.asksMoreOf(unit),
      labelled: this.neighbours?.near(question, language, training?.fold),
    });
    const candidates = features.candidates.map((c) => ({
      unit: c.unit,
      values: c.values,
      passageId: (index.units[c.unit] as Passage).id,
      veto: scope.veto(c.unit),
      ...((named.has(c.unit) && scope.asksMoreOf(c.unit)) || query.readWhole ? { suggestOnly: true } : {}),
    }));
    const directs = listItem ? [listItem] : contact ? [contact] : several;
    const vetoed = directs.some((id) => candidates.find((c) => c.passageId === id)?.veto);
    return {
      language,
      query,
      hints,
      candidates,
      question: features.question,
      allKnown,
      ...(directs.length > 0 && !vetoed ? { direct: directs[0], also: directs.slice(1) } : {}),
    };
  }

  /** The answer model's probability for each candidate the scope rule allows (0 for the others). */
  score(ranking: Ranking): ScoredUnit[] {
    const model = this.model;
    if (!model) return [];
    const open = ranking.candidates.filter((c) => !c.veto);
    const probabilities = predictChoice(
      model.choice,
      open.map((c) => c.values),
      ranking.question,
    );
    const byId = new Map(open.map((c, i) => [c.passageId, probabilities[i] ?? 0]));
    return ranking.candidates.map((c) => ({
      passageId: c.passageId,
      probability: byId.get(c.passageId) ?? 0,
      veto: c.veto,
      ...(c.suggestOnly ? { suggestOnly: true } : {}),
    }));
  }

  /**
   * The contact's unit, when the question names one contact and asks for a person, or asks
   * nothing but what that unit's own text says and how to reach them ("deputy email", "what's
   * her address?").
   */
  private contactAsked(
    query: AnalyzedQuery,
    unit: number,
    index: LanguageIndex,
    isContactWord: (word: string) => boolean,
  ): string | undefined {
    const held = index.documentStems[index.unitDocuments[unit]?.[0] ?? -1];
    const answers = query.asksPerson || query.terms.every((t) => held?.has(t.stem) || isContactWord(t.word));
    return answers ? index.units[unit]?.id : undefined;
  }

  /**
   * The units of several named contacts, unless the question asks of one of them something its unit
   * does not say: what is left of it then only names them, asks for a way to reach them or frames
   * the request ("the emails of the director and the deputy").
   */
  private contactsAsked(named: ReadonlySet<number>, index: LanguageIndex, scope: ScopeRule): string[] {
    // In the page's order: the director before the deputy.
    const units = [...named].sort((a, b) => a - b);
    if (units.some((unit) => scope.asksMoreOf(unit))) return [];
    return units.flatMap((unit) => index.units[unit]?.id ?? []);
  }

  /** Whether a word asks for a person or a way to reach one ("email", "escribirle"). */
  private isContactWord(word: string): boolean {
    let is = this.contactWordCache.get(word);
    if (is === undefined) {
      // Mistyped ("coreo", "emial") is still a contact word.
      is = contactRequestWords.some(
        (cue) => isFormOf(word, cue) || (cue.length >= 4 && editDistance(word, cue, 1) <= 1),
      );
      this.contactWordCache.set(word, is);
    }
    return is;
  }

  /** The item a question names by its position in a list whose name it uses. */
  private listItem(query: AnalyzedQuery, parts: LanguageParts): string | undefined {
    const reference = query.listReference;
    if (!reference) return undefined;
    const { index, structure } = parts;
    // A list is named by its title ("The four objectives") and the other names curators give it,
    // not by whatever its lead-in mentions; the noun nearest the ordinal decides between lists.
    for (const noun of reference.nounStems) {
      for (const [list, items] of structure.itemsOf) {
        const unit = index.units[list] as Passage;
        if (!index.analyzer.stems([unit.title, ...(unit.names ?? [])].join(' ')).includes(noun)) continue;
        const position = reference.position === -1 ? items.length : reference.position;
        const item = items[position - 1];
        return item === undefined ? undefined : index.units[item]?.id;
      }
    }
    return undefined;
  }

  private reply(decision: Decision, ranking: Ranking, language: Language): KnowledgeReply {
    // Asked for a person the knowledge does not name ("the press officer"): both contacts, not a
    // guess. A did-you-mean led by another unit stays: "who does the mission work with apart from
    // the government?" asks for partners, though a contact is its second guess.
    const unknownPerson = ranking.query.asksPerson && (ranking.hints.contactIds?.length ?? 0) === 0;
    const offersOthers = decision.kind === 'suggest' && !this.contactPassageIds.has(decision.passageIds[0] ?? '');
    if (decision.kind !== 'answer' && unknownPerson && !offersOthers) {
      const reason = decision.kind === 'decline' ? decision.reason : 'low-confidence';
      return { kind: 'decline', language, reason, offerContacts: true };
    }
    if (decision.kind === 'answer') {
      const reply = this.answerUnit(decision.passageId, language);
      return reply.kind === 'answer' ? { ...reply, confidence: decision.probability } : reply;
    }
    if (decision.kind === 'suggest') {
      return {
        kind: 'suggest',
        language,
        suggestions: decision.passageIds.flatMap((id) => {
          const unit = this.passage(id, language);
          return unit ? [{ passageId: id, title: unit.title }] : [];
        }),
      };
    }
    return { kind: 'decline', language, reason: decision.reason, offerContacts: false };
  }

  /** The turn's language first, then the others the knowledge has. */
  private readingOrder(language: Language): Language[] {
    return [language, ...this.languages.filter((l) => l !== language)].filter((l) => this.parts.has(l));
  }

  /** A unit in the given language, or in the original when there is no translation. */
  private passage(passageId: string, language: Language): Passage | undefined {
    return (
      this.passages.get(`${language}:${passageId}`) ??
      this.kb.passages.find(
        (p) => p.id === passageId && !this.documents.get(`${p.documentId}/${p.language}`)?.unofficialTranslation,
      )
    );
  }

  private citationFor(passage: Passage): Citation {
    const key = `${passage.language}:${passage.id}`;
    let citation = this.citations.get(key);
    if (!citation) {
      // Translations cite the original document: it is the authoritative source.
      const own = this.documents.get(`${passage.documentId}/${passage.language}`);
      const doc = this.originals.get(passage.documentId) ?? own;
      citation = Object.freeze({
        title: doc?.title ?? passage.documentId,
        published: doc?.published ?? '',
        url: doc?.source ?? '',
        abstract: abbreviate(passage.text),
        passageId: passage.id,
        translated: own?.unofficialTranslation ?? false,
      });
      this.citations.set(key, citation);
    }
    return citation;
  }
}

import type { Lexicon } from '../knowledge/knowledgeTypes';
import { type Language, normalizeForSearch, tokenize } from '../text/normalize';
import { inEveryLanguage, questionWords } from '../text/questionWords';
import type { NgramVector } from './charNgrams';
import type { LanguageIndex } from './searchIndex';
import { informativeness, type WordChecker } from './spelling';

/** One topic word of a question. */
export interface QueryTerm {
  /** As typed, lower case without accents. */
  word: string;
  /** After spelling correction against the knowledge's vocabulary. */
  corrected: string;
  stem: string;
  isNumber: boolean;
  /** A place, person or body the knowledge never mentions ("Colombia"). */
  isName: boolean;
  /** An attribute or time the knowledge may not hold ("budget", "before"). */
  isAttribute: boolean;
  /** A year asked as a moment or a start ("in 2025", "después de 2025"), not as a period's end. */
  isPointInTime?: boolean;
  /**
   * How much the word says, from 1 down to 0 the more everyday speech uses it ("people", "days"):
   * a word the knowledge does not hold weighs so much less than the rarest ("visa").
   */
  informs: number;
}

/** "The third objective", "objetivo número 2", "the last challenge". */
export interface ListReference {
  /** 1-based; -1 for the last. */
  position: number;
  /** Stems of the words that may name the list ("object", "challeng"), nearest first. */
  nounStems: string[];
}

/** A question reduced to what the answer rules need, in one language. */
export interface AnalyzedQuery {
  language: Language;
  /** The part of the message that asks, corrected, as the n-gram signal reads it. */
  text: string;
  /** Topic words, one per stem. */
  terms: QueryTerm[];
  ngrams: NgramVector;
  /** It asks for a number or a date ("how many", "cuándo"). */
  asksQuantity: boolean;
  /** It asks for a person or how to reach one ("who", "correo"). */
  asksPerson: boolean;
  /** Words that judge a person ("good", "mala"), which no contact's unit gives: not topic words. */
  judgements: string[];
  /** What a "how many" question counts: the first topic word after the cue ("migrants"). */
  counted?: QueryTerm;
  listReference?: ListReference;
  /**
   * What was left once the asker's words were set aside named nothing the knowledge knows ("…, is
   * that right?"), so the whole message was read: what it asks is less certain.
   */
  readWhole: boolean;
}

/** Ordinals written with digits ("3rd", "2do"), which name a position rather than a number. */
const ordinalWords: ReadonlySet<string> = new Set(Object.values(questionWords).flatMap((w) => Object.keys(w.ordinals)));

/** Verbs a request is framed with, in every language ("tell me who…", "saber quién…"). */
const framingVerbs: ReadonlySet<string> = new Set(inEveryLanguage('framingVerbs'));

const clauseBoundary = /(?<=[.!?])\s+|[,;:]\s+|\s+[-–—]\s+/;

interface Word {
  /** Folded. */
  word: string;
  /** Written with a capital, not at the start of its clause. */
  capitalized: boolean;
  /** The first word of its clause. */
  startsClause: boolean;
  /** Typed all in capitals ("US"), as it was typed. */
  capitals?: string;
}

function wordsOf(clause: string): Word[] {
  const words: Word[] = [];
  clause
    .split(/\s+/)
    .filter(Boolean)
    .forEach((raw, i) => {
      // Each part of a hyphenated word has its own case: "America-wide" names nothing called "Wide".
      raw.split(/[-\u2013\u2014]+/).forEach((part, j) => {
        const bare = part.replace(/^[¿¡"'“‘(«]+/, '');
        const capitalized = (i > 0 || j > 0) && /^\p{Lu}\p{Ll}/u.test(bare);
        const letters = bare.replace(/[^\p{L}]+$/u, '');
        const capitals = /^\p{Lu}{2,}$/u.test(letters) ? letters : undefined;
        for (const word of tokenize(normalizeForSearch(part))) {
          words.push({ word, capitalized, startsClause: words.length === 0, ...(capitals ? { capitals } : {}) });
        }
      });
    });
  return words;
}

/**
 * Reads a message as a question in one language: sets aside clauses that only introduce the
 * person ("I'm a journalist in Cusco") or greet, corrects mistyped words against the knowledge's
 * vocabulary, and marks what the answer rules check (names, numbers, attributes, a position in a
 * list, a request for a number or a person).
 */
export class QueryAnalyzer {
  private readonly words: (typeof questionWords)[Language];
  /** First-person and greeting words of every language: an introduction may be in either. */
  private readonly contextWords: ReadonlySet<string>;
  private readonly greetingWords: ReadonlySet<string>;
  private readonly askerReferences: readonly string[];
  private readonly interrogatives: ReadonlySet<string>;
  private readonly attributes: ReadonlySet<string>;
  private readonly judgementWords: ReadonlySet<string>;
  private readonly speakers: ReadonlySet<string>;
  private readonly viewWords: ReadonlySet<string>;
  /** The page's own word for a name people use otherwise, in either language. */
  private readonly nameKin: ReadonlyMap<string, string>;
  private readonly quantityCues: readonly string[];
  private readonly dateQuestionWords: ReadonlySet<string>;
  private readonly prepositions: ReadonlySet<string>;
  private readonly auxiliaries: ReadonlySet<string>;
  private readonly pointInTimeWords: ReadonlySet<string>;

  constructor(
    readonly index: LanguageIndex,
    lexicon: Lexicon,
    private readonly dictionary: WordChecker,
  ) {
    this.words = questionWords[index.language];
    this.contextWords = new Set(inEveryLanguage('firstPerson'));
    this.greetingWords = new Set(inEveryLanguage('greetings'));
    this.askerReferences = inEveryLanguage('askerReferences');
    this.interrogatives = new Set(inEveryLanguage('interrogatives'));
    // Either language's attributes: a question is sometimes read in the other language.
    this.attributes = new Set(Object.values(lexicon.attributeWords).flat());
    this.judgementWords = new Set(Object.values(lexicon.personAttributeWords).flat());
    this.speakers = new Set(Object.values(lexicon.speakers).flat());
    this.viewWords = new Set(Object.values(lexicon.viewWords).flat());
    this.nameKin = new Map(Object.values(lexicon.nameKin).flatMap((kin) => Object.entries(kin)));
    // Either language's too: "¿cuánta plata…?" read in English still asks for an amount.
    this.quantityCues = inEveryLanguage('quantityCues').map((cue) => ` ${cue} `);
    this.dateQuestionWords = new Set(inEveryLanguage('dateQuestionWords'));
    this.prepositions = new Set(inEveryLanguage('prepositions'));
    this.auxiliaries = new Set(inEveryLanguage('auxiliaries'));
    this.pointInTimeWords = new Set(inEveryLanguage('pointInTime'));
  }

  analyze(message: string): AnalyzedQuery {
    const asking = this.askingPart(message);
    const asked = this.askedWords(asking.clauses.map((clause) => wordsOf(clause)));
    // "Washington" asks about what the page calls the U.S.
    const words = this.withAskerReferred(message, asked.words).flatMap((w): Word[] => {
      const kin = (w.capitals && this.nameKin.get(w.capitals)) ?? this.nameKin.get(w.word);
      // The page's words are neither capitalized nor capitals, whatever the name was.
      const { capitals: _typed, ...plain } = w;
      return kin ? tokenize(kin).map((word) => ({ ...plain, word, capitalized: false })) : [w];
    });
    const { index } = this;
    const folded = words.map((w) => w.word);

    const corrected: string[] = [];
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    // A message typed all in capitals shouts; its words name nothing by being capitals.
    const shouted = words.length > 1 && words.every((w) => w.capitals !== undefined || !/\p{L}/u.test(w.word));
    for (const [at, { word, capitalized, capitals }] of words.entries()) {
      const isNumber = /^\d+[a-z]*$/.test(word) && !ordinalWords.has(word);
      const fixed = isNumber ? word : index.speller.correct(word);
      corrected.push(fixed);
      if (index.analyzer.isStopWord(fixed) && !this.attributes.has(word)) continue;
      const stem = index.analyzer.stem(fixed);
      if (seen.has(stem)) continue;
      seen.add(stem);
      const unknown = !isNumber && !index.hasWordLike(word);
      terms.push({
        word,
        corrected: fixed,
        stem,
        isNumber,
        // An acronym no dictionary knows as a word ("DEA", "UNHCR") names a body, as a capital does.
        isName:
          unknown &&
          (capitalized ||
            (capitals !== undefined && !shouted && !this.dictionary.isWord(word)) ||
            this.dictionary.isProperNoun(word)),
        isAttribute: (this.attributes.has(word) || this.attributes.has(fixed)) && !this.pageView(folded, at),
        informs: informativeness(this.dictionary.frequencyRank?.(word, index.language)),
        ...(isNumber && this.isPointInTime(folded, at) ? { isPointInTime: true } : {}),
      });
    }
    const listReference = this.listReference(corrected, folded);
    const counted = this.countedTerm(corrected, terms);
    const text = corrected.filter((w) => !this.words.greetings.includes(w)).join(' ');
    const padded = ` ${folded.join(' ')} `;
    return {
      language: index.language,
      text,
      terms,
      ngrams: index.ngrams.vector(text),
      asksQuantity:
        this.quantityCues.some((cue) => padded.includes(cue)) || words.some((_, i) => this.asksDate(words, i)),
      asksPerson: words.some((w, i) => this.words.personCues.includes(w.word) && !this.isRelative(words, i)),
      judgements: folded.filter((w) => this.judgementWords.has(w)),
      listReference,
      counted,
      readWhole: asking.readWhole || asked.readWhole,
    };
  }

  /**
   * Whether the word at `i` asks for a view the page gives: a view word ("think") whose subject, the
   * nearest word before it that is not a stop word, is one the page speaks for ("does USAID think
   * Peru needs more political stability?"). "Do you think…" and "do people think…" ask an opinion.
   */
  private pageView(words: readonly string[], i: number): boolean {
    if (!this.viewWords.has(words[i] ?? '')) return false;
    const subject = words
      .slice(0, i)
      .reverse()
      .find((w) => !this.index.analyzer.isStopWord(w));
    return subject !== undefined && this.speakers.has(subject);
  }

  /** The topic word a count cue ("how many", "cuántos") is followed by. */
  private countedTerm(words: readonly string[], terms: readonly QueryTerm[]): QueryTerm | undefined {
    const text = ` ${words.join(' ')} `;
    for (const cue of this.words.countCues) {
      const at = text.indexOf(` ${cue} `);
      if (at === -1) continue;
      const after = text.slice(at + cue.length + 2).split(' ');
      const next = after.find((w) => w && !this.index.analyzer.isStopWord(w));
      return terms.find((t) => t.corrected === next);
    }
    return undefined;
  }

  /**
   * Whether the year at `i` is set as a moment or a start: a point-in-time word among the two words
   * before it ("in 2025", "after January 2025", "en el 2025"), and no year beside it, which would
   * make it a period's end ("in 2020-2025").
   */
  private isPointInTime(words: readonly string[], i: number): boolean {
    const isYear = (w: string | undefined) => w !== undefined && /^\d{4}$/.test(w);
    if (!isYear(words[i]) || isYear(words[i - 1]) || isYear(words[i + 1])) return false;
    return words.slice(Math.max(0, i - 2), i).some((w) => this.pointInTimeWords.has(w));
  }

  /**
   * Whether the word at `i` is "when" or "cuando" as a question word: opening its clause, after a
   * preposition ("since when", "desde cuándo"), before an auxiliary ("and when did it start") or
   * ending the message ("since when?"). Elsewhere it joins two clauses ("what did USAID do when
   * COVID hit Peru", "what's the aim when it comes to migrants") and asks for no date.
   */
  private asksDate(words: readonly Word[], i: number): boolean {
    const word = words[i] as Word;
    if (!this.dateQuestionWords.has(word.word)) return false;
    const before = words[i - 1]?.word;
    const after = words[i + 1]?.word;
    return (
      word.startsClause ||
      (before !== undefined && this.prepositions.has(before)) ||
      after === undefined ||
      this.auxiliaries.has(after)
    );
  }

  /**
   * Whether the word at `i` is "who" or "quien" as a relative pronoun, after the people it speaks
   * of ("Venezuelans who moved here"), rather than asking for a person ("tell me who", "who
   * leads…?"): a word before it that is neither a stop word nor a verb a request is framed with is a
   * noun it relates to.
   */
  private isRelative(words: readonly Word[], i: number): boolean {
    const word = words[i] as Word;
    const before = words[i - 1];
    if (word.startsClause || !before || !this.interrogatives.has(word.word)) return false;
    return !this.index.analyzer.isStopWord(before.word) && !framingVerbs.has(before.word);
  }

  /**
   * The words that ask, without what the asker says of themselves before the question: in "I work
   * for a cooperative in Piura and want to know what USAID does about coca" and "Hi from Arequipa!
   * Who is the director?", the place is where the asker is, not what they ask about. Where a
   * clause's words before its first interrogative (all of them, in a clause that asks nothing and is
   * not alone) greet, speak of the asker or introduce them ("As a teacher in Cusco, what…"), those
   * words are set aside. A message that is all preamble, or whose question holds no word the
   * knowledge knows ("…, is that right?"), is read whole.
   */
  private askedWords(clauses: readonly Word[][]): { words: Word[]; readWhole: boolean } {
    const asked = clauses.flatMap((clause, at) => {
      const first = clause.findIndex((w) => this.interrogatives.has(w.word));
      const end = first === -1 ? (clauses.length > 1 ? clause.length : 0) : first;
      const preamble = clause.slice(0, end);
      const aboutAsker =
        preamble[0]?.word === 'as' ||
        preamble.some((w) => this.contextWords.has(w.word) || this.greetingWords.has(w.word)) ||
        (at === 0 && this.opensInFirstPerson(preamble.map((w) => w.word)));
      if (!aboutAsker) return clause;
      return clause.slice(end).map((w, i) => (i === 0 ? { ...w, startsClause: true } : w));
    });
    const all = clauses.flat();
    if (asked.length === all.length) return { words: all, readWhole: false };
    if (this.hasTopic(asked.map((w) => w.word))) return { words: asked, readWhole: false };
    return { words: all, readWhole: asked.length > 0 };
  }

  /**
   * The asked words, and, when they point back to what the asker said of themselves ("I'm
   * Venezuelan and live in Lima. Does USAID do anything for people like me?"), the words of it the
   * knowledge knows ("venezuelan"). A place or name it does not know ("Lima") stays context: where
   * the asker lives is not what they ask about.
   */
  private withAskerReferred(message: string, asked: readonly Word[]): readonly Word[] {
    const padded = ` ${asked.map((w) => w.word).join(' ')} `;
    if (asked.length === 0 || !this.askerReferences.some((phrase) => padded.includes(` ${phrase} `))) return asked;
    const { analyzer } = this.index;
    const seen = new Set(asked.map((w) => w.word));
    const context = message
      .split(clauseBoundary)
      .flatMap((clause) => wordsOf(clause))
      .filter(({ word }) => {
        if (seen.has(word) || analyzer.isStopWord(word) || /^\d/.test(word)) return false;
        if (this.contextWords.has(word) || this.greetingWords.has(word)) return false;
        seen.add(word);
        return this.index.hasWordLike(word);
      });
    return [...asked, ...context.map((w) => ({ ...w, capitalized: false, startsClause: false }))];
  }

  /**
   * Whether the words hold one the knowledge knows, other than a stop word: what is left once the
   * asker's words are set aside must still say what is asked. "I heard USAID gives advice now
   * instead of money, is that right?" asks about what it heard.
   */
  private hasTopic(words: readonly string[]): boolean {
    const { analyzer } = this.index;
    return words.some((w) => !analyzer.isStopWord(w) && !this.greetingWords.has(w) && this.index.hasWordLike(w));
  }

  /**
   * Whether a clause, past its greeting, opens with a Spanish verb in the first person singular, its
   * subject left unsaid ("Trabajo en una ONG en Madre de Dios", "Buenas tardes, vivo en Piura"): a
   * word ending in "o" whose infinitive ("trabajar", "vivir") the dictionary knows. What the asker
   * says of themselves so is no part of the question, as "I work for…" is not. Only the message's
   * opening clause is read so: later, "solo con el Estado" or "como postulo" ask.
   */
  private opensInFirstPerson(words: readonly string[]): boolean {
    const first = words.find((w) => !this.greetingWords.has(w));
    if (!first || first.length < 4 || !first.endsWith('o') || this.interrogatives.has(first)) return false;
    if (!this.dictionary.isWord(first, 'es')) return false;
    const root = first.slice(0, -1);
    return ['ar', 'er', 'ir'].some((ending) => this.dictionary.isWord(`${root}${ending}`, 'es'));
  }

  /**
   * The clauses that ask. A clause without a question mark that greets or speaks of the person
   * asking is context; what remains is the question (or the whole message, if nothing
   * that the knowledge knows remains).
   */
  private askingPart(message: string): { clauses: string[]; readWhole: boolean } {
    const clauses = message
      .split(clauseBoundary)
      .map((c) => c.trim())
      .filter(Boolean);
    if (clauses.length <= 1) return { clauses, readWhole: false };
    // Each clause's words, read once.
    const words = clauses.map((clause) => tokenize(normalizeForSearch(clause)));
    const greets = (at: number) =>
      (words[at] ?? []).every((w) => this.greetingWords.has(w) || this.index.analyzer.isStopWord(w));
    // A self-introduction with its subject left unsaid opens the message, after any greeting.
    const opening = clauses.findIndex((_, at) => !greets(at));
    const asked = clauses.flatMap((clause, at) => {
      if (clause.includes('?')) return [at];
      const own = words[at] ?? [];
      const aboutAsker = own.some((w) => this.contextWords.has(w)) || (at === opening && this.opensInFirstPerson(own));
      return greets(at) || aboutAsker ? [] : [at];
    });
    const asking = asked.map((at) => clauses[at] as string);
    if (asking.length === clauses.length) return { clauses, readWhole: false };
    if (this.hasTopic(asked.flatMap((at) => words[at] ?? []))) return { clauses: asking, readWhole: false };
    return { clauses, readWhole: asking.length > 0 };
  }

  /**
   * A position in a list, named by an ordinal before the list's name ("the third objective") or a
   * number after it ("objective 2", "objective number two", "objetivo n.º 3"). A number word counts
   * only as typed: corrected, "does" would be the Spanish "dos".
   */
  private listReference(words: readonly string[], typed: readonly string[]): ListReference | undefined {
    const { ordinals, cardinals, numberMarkers } = this.words;
    const content = (list: readonly string[]) =>
      list
        .filter((w) => !this.index.analyzer.isStopWord(w) && !(w in ordinals) && !(w in cardinals) && !/^\d+$/.test(w))
        .map((w) => this.index.analyzer.stem(w));
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as string;
      const ordinal = ordinals[word];
      // "the third objective", "which challenge is the third?": the nouns around it, nearest first.
      if (ordinal !== undefined) {
        const around = words
          .map((w, at) => ({ w, distance: at > i ? at - i : (i - at) * 2 }))
          .filter(({ distance }) => distance > 0)
          .sort((a, b) => a.distance - b.distance);
        const nouns = content(around.map(({ w }) => w));
        if (nouns.length > 0) return { position: ordinal, nounStems: nouns };
      }
      const number = /^[1-9]$/.test(word) ? Number(word) : typed[i] === word ? cardinals[word] : undefined;
      // "one by one", "uno por uno": a number said twice counts nothing.
      if (number === undefined || words[i + 2] === word) continue;
      let j = i - 1;
      if (numberMarkers.includes(words[j] ?? '')) j -= 1;
      // "objective 2", "objective number two": the list's name comes right before.
      const before = content(words.slice(Math.max(0, j), j + 1));
      if (before.length > 0) return { position: number, nounStems: before };
    }
    return undefined;
  }
}

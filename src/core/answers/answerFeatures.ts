import type { AnalyzedQuery } from '../search/queryAnalyzer';
import type { LanguageIndex } from '../search/searchIndex';
import type { NeighbourVotes } from './labelledNeighbours';

/**
 * The signals the answer model weighs for one question and one unit, each in [0, 1] or [-1, 1].
 * Coverage is weighted by how rare each word is among the units (idf).
 */
export const featureNames = [
  /** Share of the question's topic weight found in the unit's title and text. */
  'textCoverage',
  /** The same for the curated question that matches best (by F1 of coverage and precision). */
  'questionCoverage',
  /** Share of that curated question's own topic weight the question holds. */
  'questionPrecision',
  /** Character n-gram cosine of the question and the unit's text. */
  'textNgram',
  /** Best character n-gram cosine of the question and one of the unit's curated questions. */
  'questionNgram',
  /** lunr's BM25 score of the unit's best document, over the best score of any document. */
  'bm25',
  /**
   * Share of the question's nearest documents (by n-grams, then by lunr) that are this unit's: a
   * vote of its neighbours.
   */
  'ngramNeighbours',
  'wordNeighbours',
  /** How far the unit's best n-gram score leads the best other unit's (negative when behind). */
  'ngramMargin',
  /** The same for coverage. */
  'coverageMargin',
  /** The unit is a whole list. */
  'isList',
  /** The unit is an item of a list. */
  'isItem',
  /** For a list: share of its items the question's words reach; for an item: 1 if it alone is reached. */
  'itemFocus',
  /** 1 when a contact the question names is this unit's person, -1 when another contact's. */
  'contactMatch',
  /** The question asks for a person ("who", "correo") and the unit gives a contact. */
  'personMatch',
  /** The question asks for a number or a date and the unit holds one. */
  'quantityMatch',
  /** The unit gives a contact, and the question asks of the person something it does not say. */
  'contactAsksMore',
  /**
   * The question names the list as the list's title does ("objectives": 1 for the list, -1 for
   * its items) or in another form ("objective": -1 for the list, 1 for its items).
   */
  'listNounForm',
  /** Share of the nearest labelled questions (by n-grams, weighted by similarity) this unit answers. */
  'labelledVotes',
  /**
   * N-gram cosine of the nearest labelled question this unit answers (0 when none of the nearest
   * does): one question asked much as this one weighs more than several asked a little alike.
   */
  'labelledNearestOf',
] as const;

export type FeatureName = (typeof featureNames)[number];

/** Signals of the question alone, which score the choice of no unit at all. */
export const questionFeatureNames = [
  /** Share of the question's topic weight that no unit or curated question holds. */
  'unknownShare',
  /** Number of topic words, capped at eight, over eight. */
  'termCount',
  /** Best coverage any unit reaches. */
  'bestCoverage',
  /** Best n-gram score any unit reaches. */
  'bestNgram',
  /** Topic words no unit or curated question holds, capped at three, over three. */
  'unknownCount',
  /** Best n-gram score of any curated question: how much the question reads like one people ask. */
  'bestQuestionNgram',
  /** Share of the nearest labelled questions that are out of scope. */
  'labelledOutOfScope',
  /** N-gram cosine of the nearest labelled question. */
  'labelledNearest',
  /** N-gram cosine of the nearest labelled question that is out of scope. */
  'labelledNearestOutOfScope',
  /**
   * N-gram cosine of the nearest labelled question when that one is out of scope, else 0: how
   * closely the question is asked as one the bot must decline.
   */
  'labelledNearestIsOutOfScope',
] as const;

/**
 * The inputs that score "none": the question's signals, their Spanish copies and a Spanish bias.
 * Both languages learn one set of weights, so Spanish, with fewer labelled questions, borrows
 * English's evidence; a Spanish question's copies (zero for English) let the model learn where
 * Spanish differs, such as how many of its words the smaller Spanish knowledge holds
 * (feature augmentation, Daumé III, "Frustratingly Easy Domain Adaptation", 2007).
 */
export const noneInputNames = [
  ...questionFeatureNames,
  ...questionFeatureNames.map((name) => `${name}:es` as const),
  'spanish',
] as const;

/** One unit's signals for a question. */
export interface CandidateFeatures {
  /** Position of the unit in the index's units. */
  unit: number;
  values: number[];
}

/** Every candidate's signals, and the question's own. */
export interface QuestionFeatures {
  candidates: CandidateFeatures[];
  /** The inputs that score "none", in the order of {@link noneInputNames}. */
  question: number[];
}

/** What the features need to know beyond the question and the index. */
export interface FeatureContext {
  /** Documents to leave out, so a curated question is not found by itself (training). */
  exclude?: ReadonlySet<number>;
  /** Units of the contacts the message names (by role or name), and of the other contacts. */
  namedContactUnits?: ReadonlySet<number>;
  otherContactUnits?: ReadonlySet<number>;
  /** For each list unit, its item units; for each item, its list and siblings. */
  structure: UnitStructure;
  /** Units that give a contact's details. */
  contactUnits?: ReadonlySet<number>;
  /** Units that hold a number or a date. */
  quantityUnits?: ReadonlySet<number>;
  /** Whether the question asks of a contact's unit something the unit does not say. */
  asksMoreOf?: (unit: number) => boolean;
  /** What the labelled questions nearest this one say of it. */
  labelled?: NeighbourVotes;
}

/** How units relate: lists and their items. */
export interface UnitStructure {
  itemsOf: ReadonlyMap<number, readonly number[]>;
  listOf: ReadonlyMap<number, number>;
}

/** Relates list units and their items by position in the index. */
export function unitStructure(index: LanguageIndex): UnitStructure {
  const position = new Map(index.units.map((u, i) => [u.id, i]));
  const itemsOf = new Map<number, number[]>();
  const listOf = new Map<number, number>();
  index.units.forEach((unit, i) => {
    const list = unit.item ? position.get(unit.item.listId) : undefined;
    if (list === undefined) return;
    listOf.set(i, list);
    itemsOf.set(list, [...(itemsOf.get(list) ?? []), i]);
  });
  return { itemsOf, listOf };
}

/** Largest number of units scored in full; beyond it, only the best by a cheap first pass. */
const maxCandidates = 24;

/**
 * Computes every candidate unit's features for an analyzed question. In a small index every unit
 * is a candidate; in a large one, the units best placed by n-grams or by lunr.
 */
export function questionFeatures(
  query: AnalyzedQuery,
  index: LanguageIndex,
  context: FeatureContext,
): QuestionFeatures {
  const exclude = context.exclude ?? new Set<number>();
  const stems = query.terms.map((t) => t.stem);
  // A word the knowledge never uses weighs as the rarest, less the more everyday speech uses it:
  // "people" and "days" say little of what is asked, "visa" much.
  const weights = query.terms.map((t) => index.idf(t.stem) * (index.knows(t.stem) ? 1 : t.informs));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const words = index.wordScores(stems);
  // A large index scores n-grams only for the units lunr found; a small one, for every document.
  const found = index.ngrams.scoresAll ? undefined : candidateUnits(index, [words], exclude);
  const foundDocs = found?.flatMap((u) => index.unitDocuments[u] ?? []);
  const ngram = index.ngrams.similarities(query.ngrams, foundDocs);
  let bestWords = 0;
  words.forEach((score, doc) => {
    if (!exclude.has(doc) && score > bestWords) bestWords = score;
  });

  // In a large index only the candidates' documents are weighed; a common stem's documents are many.
  const held = index.heldWeight(stems, weights, foundDocs);
  const coverage = (doc: number) => (held.get(doc) ?? 0) / total;
  const precision = (doc: number) => {
    const own = index.documentWeights[doc] ?? 0;
    return own === 0 ? 0 : (held.get(doc) ?? 0) / own;
  };

  const units = found ?? candidateUnits(index, [ngram, words], exclude);
  const ngramVotes = neighbourVotes(ngram, index, exclude);
  const wordVotes = neighbourVotes(words, index, exclude);
  const raw = units.map((unit) => {
    const docs = (index.unitDocuments[unit] ?? []).filter((d) => !exclude.has(d));
    const textDoc = docs.find((d) => index.documents[d]?.kind === 'text');
    let questionCoverage = 0;
    let questionPrecision = 0;
    let bestF1 = -1;
    let questionNgram = 0;
    let bm25 = 0;
    for (const d of docs) {
      bm25 = Math.max(bm25, words.get(d) ?? 0);
      if (d === textDoc) continue;
      questionNgram = Math.max(questionNgram, ngram.get(d) ?? 0);
      const c = coverage(d);
      const p = precision(d);
      const f1 = c + p > 0 ? (2 * c * p) / (c + p) : 0;
      if (f1 > bestF1) {
        bestF1 = f1;
        questionCoverage = c;
        questionPrecision = p;
      }
    }
    const textCoverage = textDoc === undefined ? 0 : coverage(textDoc);
    const textNgram = textDoc === undefined ? 0 : (ngram.get(textDoc) ?? 0);
    return {
      unit,
      textCoverage,
      questionCoverage,
      questionPrecision,
      textNgram,
      questionNgram,
      bm25: bestWords > 0 ? bm25 / bestWords : 0,
      ngramBest: Math.max(textNgram, questionNgram),
      coverageBest: Math.max(textCoverage, questionCoverage),
      reached: textDoc !== undefined && held.has(textDoc),
    };
  });

  const unknown = stems.reduce((sum, s, i) => sum + (index.knows(s) ? 0 : (weights[i] ?? 0)), 0) / total;
  const termCount = Math.min(stems.length, 8) / 8;
  const byUnit = new Map(raw.map((r) => [r.unit, r]));
  const secondBest = (key: 'ngramBest' | 'coverageBest') => {
    let first = { unit: -1, value: 0 };
    let second = 0;
    for (const r of raw) {
      if (r[key] > first.value) {
        second = first.value;
        first = { unit: r.unit, value: r[key] };
      } else if (r[key] > second) second = r[key];
    }
    return (unit: number) => (unit === first.unit ? second : first.value);
  };
  const otherNgram = secondBest('ngramBest');
  const otherCoverage = secondBest('coverageBest');
  const { itemsOf, listOf } = context.structure;
  const queryWords = query.text.split(' ');
  const forms = new Map<number, number>();
  /** 1 when the question writes a word of the list's title as the title does, -1 in another form. */
  const nounForm = (list: number): number => {
    let form = forms.get(list);
    if (form !== undefined) return form;
    form = 0;
    const title = index.units[list]?.title ?? '';
    for (const word of index.analyzer.words(title).filter((w) => !index.analyzer.isStopWord(w))) {
      const stem = index.analyzer.stem(word);
      for (const asked of queryWords) {
        if (index.analyzer.stem(asked) === stem) form = asked === word ? 1 : form === 1 ? 1 : -1;
      }
    }
    forms.set(list, form);
    return form;
  };

  const candidates = raw.map((r) => {
    const items = itemsOf.get(r.unit);
    const list = listOf.get(r.unit);
    let itemFocus = 0;
    if (items) {
      itemFocus = items.filter((i) => byUnit.get(i)?.reached).length / items.length;
    } else if (list !== undefined) {
      const reached = (itemsOf.get(list) ?? []).filter((i) => byUnit.get(i)?.reached);
      itemFocus = reached.length === 1 && reached[0] === r.unit ? 1 : 0;
    }
    const contactMatch = context.namedContactUnits?.has(r.unit)
      ? 1
      : context.otherContactUnits?.has(r.unit) && (context.namedContactUnits?.size ?? 0) > 0
        ? -1
        : 0;
    const values: Record<FeatureName, number> = {
      textCoverage: r.textCoverage,
      questionCoverage: r.questionCoverage,
      questionPrecision: r.questionPrecision,
      textNgram: r.textNgram,
      questionNgram: r.questionNgram,
      bm25: r.bm25,
      ngramNeighbours: ngramVotes.get(r.unit) ?? 0,
      wordNeighbours: wordVotes.get(r.unit) ?? 0,
      ngramMargin: r.ngramBest - otherNgram(r.unit),
      coverageMargin: r.coverageBest - otherCoverage(r.unit),
      isList: items ? 1 : 0,
      isItem: list !== undefined ? 1 : 0,
      itemFocus,
      contactMatch,
      personMatch: query.asksPerson && context.contactUnits?.has(r.unit) ? 1 : 0,
      quantityMatch: query.asksQuantity && context.quantityUnits?.has(r.unit) ? 1 : 0,
      contactAsksMore: context.asksMoreOf?.(r.unit) ? 1 : 0,
      listNounForm: items ? nounForm(r.unit) : list !== undefined ? -nounForm(list) : 0,
      labelledVotes: context.labelled?.votes.get(index.units[r.unit]?.id ?? '') ?? 0,
      labelledNearestOf: context.labelled?.nearestOf.get(index.units[r.unit]?.id ?? '') ?? 0,
    };
    return { unit: r.unit, values: featureNames.map((name) => values[name]) };
  });
  const question: Record<(typeof questionFeatureNames)[number], number> = {
    unknownShare: unknown,
    termCount,
    bestCoverage: Math.max(0, ...raw.map((r) => r.coverageBest)),
    bestNgram: Math.max(0, ...raw.map((r) => r.ngramBest)),
    unknownCount: Math.min(3, stems.filter((s) => !index.knows(s)).length) / 3,
    bestQuestionNgram: Math.max(0, ...raw.map((r) => r.questionNgram)),
    labelledOutOfScope: context.labelled?.outOfScope ?? 0,
    labelledNearest: context.labelled?.nearest ?? 0,
    labelledNearestOutOfScope: context.labelled?.nearestOutOfScope ?? 0,
    labelledNearestIsOutOfScope: context.labelled?.nearestIsOutOfScope ? context.labelled.nearest : 0,
  };
  const signals = questionFeatureNames.map((name) => question[name]);
  const spanish = index.language === 'es' ? 1 : 0;
  return { candidates, question: [...signals, ...signals.map((v) => v * spanish), spanish] };
}

/**
 * The `k` best keys by score, best first, in one pass (no sort of every document). Maps are read
 * with `forEach`, which hands over each key and value without making an entry.
 */
export function best(scores: ReadonlyMap<number, number>, k: number, skip?: ReadonlySet<number>): number[] {
  const keys: number[] = [];
  const values: number[] = [];
  scores.forEach((score, key) => {
    if (score <= 0 || (keys.length === k && score <= (values[k - 1] as number))) return;
    if (skip?.has(key)) return;
    let at = keys.length;
    while (at > 0 && score > (values[at - 1] as number)) at -= 1;
    keys.splice(at, 0, key);
    values.splice(at, 0, score);
    if (keys.length > k) {
      keys.pop();
      values.pop();
    }
  });
  return keys;
}

/** Every unit of a small index; in a large one, the best placed by any of the given scores. */
function candidateUnits(
  index: LanguageIndex,
  sources: readonly ReadonlyMap<number, number>[],
  exclude: ReadonlySet<number>,
): number[] {
  if (index.units.length <= maxCandidates) return index.units.map((_, i) => i);
  const share = Math.ceil(maxCandidates / sources.length);
  const chosen = new Set<number>();
  for (const scores of sources) {
    const byUnit = new Map<number, number>();
    scores.forEach((score, doc) => {
      if (exclude.has(doc)) return;
      const unit = index.documents[doc]?.unit ?? -1;
      if (score > (byUnit.get(unit) ?? 0)) byUnit.set(unit, score);
    });
    for (const unit of best(byUnit, share)) chosen.add(unit);
  }
  return [...chosen];
}

/** How many nearest documents vote. */
const neighbours = 5;

/** Each unit's share of the documents that score best, among the first {@link neighbours}. */
function neighbourVotes(
  scores: ReadonlyMap<number, number>,
  index: LanguageIndex,
  exclude: ReadonlySet<number>,
): Map<number, number> {
  const nearest = best(scores, neighbours, exclude);
  const votes = new Map<number, number>();
  for (const doc of nearest) {
    const unit = index.documents[doc]?.unit ?? -1;
    votes.set(unit, (votes.get(unit) ?? 0) + 1 / neighbours);
  }
  return votes;
}

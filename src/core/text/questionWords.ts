import type { Language } from './normalize';

/**
 * The closed-class words the bot reads the shape of a message by, in one place: question words,
 * first-person words (a clause in the first person that asks nothing is context, not the
 * question), greetings, ordinals, cues of a count or a wish to get in touch, and the short words
 * that tell the language. All lower case, without accents.
 */
export interface QuestionWords {
  interrogatives: readonly string[];
  /** Auxiliary and modal verbs a question may open with ("does USAID…", "can I…"). */
  auxiliaries: readonly string[];
  /** Phrases that ask for a number or a date ("how many", "what year"): the answer must hold one. */
  quantityCues: readonly string[];
  /**
   * Question words for a date that are also conjunctions ("when", "cuando"): they ask for one only
   * as a question word, opening a clause, after a preposition ("since when") or before an auxiliary
   * ("…and when did it start"), not in "what did USAID do when COVID hit".
   */
  dateQuestionWords: readonly string[];
  /** Word beginnings that mark a wish to get in touch ("contact", "escrib"). */
  contactCues: readonly string[];
  /** Short words that mark the language of a text; counting them is far cheaper than a detector. */
  functionWords: readonly string[];
  firstPerson: readonly string[];
  /**
   * Phrases by which a question points back to what the asker said of themselves ("…for people
   * like me", "…para migrantes como yo").
   */
  askerReferences: readonly string[];
  greetings: readonly string[];
  /** Ordinal words and the position they name; `-1` is "the last". */
  ordinals: Readonly<Record<string, number>>;
  /** Number words, which name a position only after a list's name ("objective two"). */
  cardinals: Readonly<Record<string, number>>;
  /** Words that introduce a number ("objective number 2"). */
  numberMarkers: readonly string[];
  /** Words that ask for a person or a way to reach one. */
  personCues: readonly string[];
  /** Words that ask for a contact's details without asking for a person ("address"). */
  contactDetails: readonly string[];
  /** Words whose plural asks for the contacts' names or addresses themselves ("emails", "nombres"). */
  namesAndAddresses: readonly string[];
  /** Verbs a request is framed with ("could you tell me"), and ways of saying please: not its topic. */
  framingVerbs: readonly string[];
  /**
   * Words that place a question in the present ("now", "current", "actualmente"): the page answers
   * as of its date, so they ask nothing more of a person than who they are.
   */
  presentTime: readonly string[];
  /** Numbers written as words: an answer to "how many" holds a digit or one of these. */
  numberWords: readonly string[];
  /** Phrases that ask to count the thing they come before ("how many migrants"). */
  countCues: readonly string[];
  /** Units of time, which any number of years or decades answers. */
  timeUnits: readonly string[];
  /**
   * Words that set a year as a moment or a start ("in 2025", "after 2025", "en el 2025"), not as
   * the end of a period ("by 2025", "2020–2025").
   */
  pointInTime: readonly string[];
  /** Prepositions a question may open with before its question word ("with whom", "con quiénes"). */
  prepositions: readonly string[];
}

export const questionWords: Record<Language, QuestionWords> = {
  en: {
    auxiliaries: ['is', 'are', 'was', 'were', 'does', 'do', 'did', 'can', 'could', 'should'],
    quantityCues: [
      'how many',
      'how much',
      'how long',
      'what year',
      'which year',
      'what percentage',
      'how old',
      'the population of',
    ],
    dateQuestionWords: ['when'],
    contactCues: [
      'contact',
      'write',
      'talk',
      'speak',
      'reach',
      'send',
      'message',
      'forward',
      'pass',
      'meet',
      'meeting',
      'call',
      'touch',
      'inquiry',
      'inquire',
      'request',
      'complaint',
      'note',
      'letter',
    ],
    functionWords: [
      'the',
      'is',
      'are',
      'what',
      'who',
      'how',
      'why',
      'when',
      'where',
      'which',
      'of',
      'and',
      'does',
      'do',
      'in',
      'to',
      'a',
      'an',
      'i',
      'you',
      'can',
      'about',
      'with',
      'for',
      'this',
      'that',
    ],
    interrogatives: ['what', 'who', 'whom', 'whose', 'which', 'where', 'when', 'why', 'how', 'whats', 'whos'],
    firstPerson: ['i', 'im', 'ive', 'my', 'we', 'our', 'us'],
    askerReferences: ['like me', 'like us', 'like ours', 'like mine', 'like that', 'like this', 'for me', 'for us'],
    greetings: [
      'hi',
      'hello',
      'hey',
      'good',
      'morning',
      'afternoon',
      'evening',
      'dear',
      'greetings',
      'thanks',
      'thank',
    ],
    ordinals: {
      first: 1,
      '1st': 1,
      second: 2,
      '2nd': 2,
      third: 3,
      '3rd': 3,
      fourth: 4,
      '4th': 4,
      fifth: 5,
      '5th': 5,
      last: -1,
      final: -1,
    },
    cardinals: { one: 1, two: 2, three: 3, four: 4, five: 5 },
    numberMarkers: ['number', 'no', 'num', 'nr', '#'],
    personCues: ['who', 'whom', 'whose', 'email', 'e-mail', 'mail', 'contact', 'reach'],
    namesAndAddresses: ['name', 'email', 'e-mail', 'mail', 'address'],
    contactDetails: [
      'address',
      'details',
      'information',
      'info',
      'write',
      'phone',
      'name',
      'title',
      'position',
      'electronic',
      'called',
    ],
    framingVerbs: [
      'can',
      'could',
      'would',
      'may',
      'might',
      'please',
      'tell',
      'know',
      'give',
      'need',
      'want',
      'like',
      'find',
      'get',
      'pls',
      'plz',
    ],
    presentTime: ['now', 'current', 'currently', 'today', 'nowadays', 'presently'],
    countCues: ['how many'],
    timeUnits: ['year', 'years', 'decade', 'decades', 'time'],
    pointInTime: ['in', 'during', 'after', 'since', 'throughout'],
    prepositions: [
      'with',
      'to',
      'for',
      'from',
      'in',
      'on',
      'at',
      'about',
      'by',
      'of',
      'through',
      'under',
      'since',
      'until',
    ],
    numberWords: [
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'twenty',
      'sixty',
      'hundred',
      'thousand',
      'million',
      'billion',
      'dozen',
      'first',
      'second',
      'third',
      'decades',
      'decade',
      'years',
    ],
  },
  es: {
    auxiliaries: [],
    quantityCues: [
      'cuantos',
      'cuantas',
      'cuanto',
      'cuanta',
      'que ano',
      'que porcentaje',
      'la poblacion de',
      'la poblacion del',
    ],
    dateQuestionWords: ['cuando'],
    contactCues: [
      'contact',
      'escrib',
      'habl',
      'comunic',
      'envi',
      'mand',
      'mensaje',
      'reen',
      'pas',
      'reun',
      'llam',
      'consulta',
      'solicit',
      'queja',
      'carta',
      'nota',
    ],
    functionWords: [
      'el',
      'la',
      'los',
      'las',
      'que',
      'quien',
      'como',
      'cual',
      'cuales',
      'cuando',
      'donde',
      'de',
      'del',
      'y',
      'es',
      'son',
      'en',
      'un',
      'una',
      'por',
      'para',
      'con',
      'sobre',
      'hace',
      'al',
      'lo',
      'se',
      'mi',
    ],
    interrogatives: [
      'que',
      'quien',
      'quienes',
      'cual',
      'cuales',
      'donde',
      'cuando',
      'por',
      'como',
      'cuanto',
      'cuantos',
      'cuanta',
      'cuantas',
    ],
    askerReferences: [
      'como yo',
      'como nosotros',
      'como nosotras',
      'como el nuestro',
      'como la nuestra',
      'como esos',
      'como esas',
    ],
    firstPerson: [
      'yo',
      'soy',
      'estoy',
      'mi',
      'mis',
      'me',
      'nosotros',
      'nosotras',
      'somos',
      'estamos',
      'nuestro',
      'nuestra',
      // Verbs in the first person, which say who is asking without a pronoun ("quiero saber").
      'quiero',
      'quisiera',
      'necesito',
      'tengo',
      'busco',
      'vivo',
    ],
    greetings: ['hola', 'buenos', 'buenas', 'dias', 'tardes', 'noches', 'saludos', 'estimados', 'gracias'],
    ordinals: {
      primer: 1,
      primero: 1,
      primera: 1,
      '1er': 1,
      '1ro': 1,
      '1ra': 1,
      segundo: 2,
      segunda: 2,
      '2do': 2,
      '2da': 2,
      tercer: 3,
      tercero: 3,
      tercera: 3,
      '3er': 3,
      '3ro': 3,
      '3ra': 3,
      cuarto: 4,
      cuarta: 4,
      '4to': 4,
      '4ta': 4,
      quinto: 5,
      quinta: 5,
      ultimo: -1,
      ultima: -1,
      final: -1,
    },
    cardinals: { uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5 },
    numberMarkers: ['numero', 'no', 'nro', 'num', 'n', '#'],
    personCues: ['quien', 'quienes', 'correo', 'email', 'e-mail', 'mail', 'contacto', 'contactar'],
    namesAndAddresses: ['nombre', 'correo', 'email', 'e-mail', 'mail', 'direccion'],
    contactDetails: [
      'direccion',
      'datos',
      'informacion',
      'info',
      'escribir',
      'telefono',
      'nombre',
      'cargo',
      'puesto',
      'electronico',
      'llama',
    ],
    framingVerbs: [
      'puedo',
      'puede',
      'pueden',
      'podria',
      'podrias',
      'podrian',
      'podemos',
      'quiero',
      'quisiera',
      'necesito',
      'gustaria',
      'saber',
      'decir',
      'dar',
      'dame',
      'deme',
      'digame',
      'dime',
      'conocer',
      'encontrar',
      'porfa',
      'porfis',
      'porfavor',
      'favor',
      'xfa',
      'xfavor',
    ],
    presentTime: ['ahora', 'actual', 'actualmente', 'hoy', 'dia'],
    countCues: ['cuantos', 'cuantas'],
    timeUnits: ['ano', 'anos', 'decada', 'decadas', 'tiempo'],
    pointInTime: ['en', 'durante', 'despues', 'desde', 'tras'],
    prepositions: [
      'a',
      'con',
      'de',
      'desde',
      'en',
      'para',
      'por',
      'sobre',
      'hacia',
      'hasta',
      'entre',
      'segun',
      'contra',
      'sin',
    ],
    numberWords: [
      'uno',
      'una',
      'dos',
      'tres',
      'cuatro',
      'cinco',
      'seis',
      'siete',
      'ocho',
      'nueve',
      'diez',
      'veinte',
      'sesenta',
      'cien',
      'mil',
      'millon',
      'millones',
      'primer',
      'primero',
      'segundo',
      'tercer',
      'decadas',
      'decada',
      'anos',
    ],
  },
};

/** Keys of the word lists (every list but the ordinals and cardinals, which map words to numbers). */
type WordListKey = {
  [K in keyof QuestionWords]: QuestionWords[K] extends readonly string[] ? K : never;
}[keyof QuestionWords];

/**
 * The words of the given lists in every language, in one list: a question is sometimes read in
 * the other language, and people mix them ("correo de la deputy").
 */
export function inEveryLanguage(...lists: readonly WordListKey[]): string[] {
  return Object.values(questionWords).flatMap((words) => lists.flatMap((list) => words[list]));
}

/**
 * Word beginnings that ask to get in touch, for a person or for a way to reach one, in every
 * language ("contact", "write", "email", "who", "address"): what a contact request says, and
 * never a topic of a question's own.
 */
export const contactRequestWords: readonly string[] = inEveryLanguage('contactCues', 'personCues', 'contactDetails');

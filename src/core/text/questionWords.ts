import type { Language } from './normalize';

/**
 * The closed-class words the answer rules read the shape of a question by, in one place: question
 * words, first-person words (a clause in the first person that asks nothing is context, not the
 * question), greetings, and ordinals. All lower case, without accents.
 */
export interface QuestionWords {
  interrogatives: readonly string[];
  firstPerson: readonly string[];
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
  /** Numbers written as words: an answer to "how many" holds a digit or one of these. */
  numberWords: readonly string[];
  /** Phrases that ask to count the thing they come before ("how many migrants"). */
  countCues: readonly string[];
  /** Units of time, which any number of years or decades answers. */
  timeUnits: readonly string[];
}

export const questionWords: Record<Language, QuestionWords> = {
  en: {
    interrogatives: ['what', 'who', 'whom', 'whose', 'which', 'where', 'when', 'why', 'how', 'whats', 'whos'],
    firstPerson: ['i', 'im', 'ive', 'my', 'we', 'our', 'us'],
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
    contactDetails: ['address', 'details', 'information', 'info', 'write', 'phone', 'name', 'title', 'position'],
    countCues: ['how many'],
    timeUnits: ['year', 'years', 'decade', 'decades', 'time'],
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
    contactDetails: ['direccion', 'datos', 'informacion', 'info', 'escribir', 'telefono', 'nombre', 'cargo', 'puesto'],
    countCues: ['cuantos', 'cuantas'],
    timeUnits: ['ano', 'anos', 'decada', 'decadas', 'tiempo'],
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

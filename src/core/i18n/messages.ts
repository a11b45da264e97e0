import type { Language } from '../text/normalize';

/**
 * Every sentence the bot says, in English and Spanish. `{name}` placeholders are filled by
 * {@link format}. A test fails if a key exists in one language only.
 */
export const messages = {
  en: {
    welcome:
      "Hello! I'm the USAID Peru assistant. I answer questions about USAID's work in Peru, from its published strategy, and I can put you in touch with the Mission Director or the Deputy Mission Director.",
    welcomeTry: 'Try one of these questions, or type your own:',
    help: 'I answer questions about USAID\'s mission in Peru: its goal, its objectives, the challenges it addresses, its regional programs and its leadership. Ask in English or Spanish. Type "contact" to reach the Mission Director or the Deputy Mission Director, "cancel" to stop what we are doing, or "español" to switch language.',
    greeting: "Hello! What would you like to know about USAID's work in Peru?",
    goodbye: "You're welcome, and thank you for your interest in USAID in Peru. Come back any time!",
    nothingToCancel: 'There is nothing to cancel. What would you like to know?',
    decline:
      "I'm sorry, the information I have about USAID's work in Peru does not answer that. I can pass your question to the mission's contacts if you like.",
    declineContactAction: 'Contact the mission',
    emptyMessage: "I didn't catch a question there. What would you like to know about USAID in Peru?",
    attachmentOnly: 'Thanks for the file, but I can only read text. Please type your question about USAID in Peru.',
    tooLong: 'That message is too long for me ({max} characters at most). Could you ask it more briefly?',
    turnError: 'Sorry, something went wrong on my side. Please try again; your next message will work normally.',
    citationTitle: '{title} (published {date})',
    citationTitleTranslated: '{title} (published {date}; quoted from an unofficial translation)',
    contactsIntro: 'You can write to the mission directly:',
    contactLine: '{name}, {title}: {email}',
    languageSwitched: "Sure, I'll continue in English.",
    suggestedQuestions:
      "What is USAID's goal in Peru?|What are USAID's objectives in Peru?|Who is the Mission Director?",
  },
  es: {
    welcome:
      '¡Hola! Soy el asistente de USAID Perú. Respondo preguntas sobre el trabajo de USAID en el Perú a partir de su estrategia publicada, y puedo ponerle en contacto con la Directora o la Subdirectora de la Misión.',
    welcomeTry: 'Pruebe una de estas preguntas o escriba la suya:',
    help: 'Respondo preguntas sobre la misión de USAID en el Perú: su meta, sus objetivos, los desafíos que aborda, sus programas regionales y su dirección. Puede escribir en español o en inglés. Escriba "contacto" para comunicarse con la Directora o la Subdirectora de la Misión, "cancelar" para detener lo que estamos haciendo, o "english" para cambiar de idioma.',
    greeting: '¡Hola! ¿Qué le gustaría saber sobre el trabajo de USAID en el Perú?',
    goodbye: '¡De nada! Gracias por su interés en USAID en el Perú. Vuelva cuando quiera.',
    nothingToCancel: 'No hay nada que cancelar. ¿Qué le gustaría saber?',
    decline:
      'Lo siento, la información que tengo sobre el trabajo de USAID en el Perú no responde a eso. Si lo desea, puedo hacer llegar su pregunta a los contactos de la misión.',
    declineContactAction: 'Contactar a la misión',
    emptyMessage: 'No encontré una pregunta en su mensaje. ¿Qué le gustaría saber sobre USAID en el Perú?',
    attachmentOnly:
      'Gracias por el archivo, pero solo puedo leer texto. Por favor, escriba su pregunta sobre USAID en el Perú.',
    tooLong: 'Ese mensaje es demasiado largo para mí (máximo {max} caracteres). ¿Podría formularlo de forma más breve?',
    turnError:
      'Lo siento, algo salió mal de mi lado. Por favor, inténtelo de nuevo; su próximo mensaje funcionará con normalidad.',
    citationTitle: '{title} (publicado el {date})',
    citationTitleTranslated: '{title} (publicado el {date}; cita de una traducción no oficial)',
    contactsIntro: 'Puede escribir directamente a la misión:',
    contactLine: '{name}, {title}: {email}',
    languageSwitched: 'Claro, continúo en español.',
    suggestedQuestions:
      '¿Cuál es la meta de USAID en el Perú?|¿Cuáles son los objetivos de USAID en el Perú?|¿Quién es la directora de la misión?',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['en'];

/** The text of `key` in `language`, with `{placeholders}` filled from `params`. */
export function format(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Formats an ISO date (2023-10-06) for people: "6 October 2023" / "6 de octubre de 2023". */
export function formatDate(language: Language, isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language === 'es' ? 'es-PE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

import { LRUCache } from 'lru-cache';
import type { Language } from '../text/normalize';

/**
 * Every sentence the bot says, in English and Spanish. `{name}` placeholders are filled by
 * {@link format}. A test fails if a key exists in one language only.
 */
export const messages = {
  en: {
    welcome:
      "Hello! I'm the USAID Peru assistant. I answer questions about USAID's work in Peru, from its published " +
      'strategy, and I can put you in touch with the Mission Director or the Deputy Mission Director.',
    welcomeTry: 'Try one of these questions, or type your own:',
    help:
      "I answer questions about USAID's mission in Peru: its goal, its objectives, the challenges it addresses, " +
      'its regional programs and its leadership. Ask in English or Spanish. Type "contact" to reach the Mission ' +
      'Director or the Deputy Mission Director, "cancel" to stop what we are doing, or "español" to switch ' +
      'language.',
    greeting: "Hello! What would you like to know about USAID's work in Peru?",
    goodbye: "You're welcome, and thank you for your interest in USAID in Peru. Come back any time!",
    nothingToCancel: 'There is nothing to cancel. What would you like to know?',
    decline:
      "I'm sorry, the information I have about USAID's work in Peru does not answer that. I can pass your " +
      "question to the mission's contacts if you like.",
    declineContactAction: 'Contact the mission',
    // Said both to "who is the press officer?" and to "who are the contacts?": the page's contacts,
    // without claiming the question went unanswered.
    declineWithContacts: "The mission's page names only these contacts:",
    suggest: "I'm not sure I understood. Did you mean:",
    emptyMessage: "I didn't catch a question there. What would you like to know about USAID in Peru?",
    attachmentOnly: 'Thanks for the file, but I can only read text. Please type your question about USAID in Peru.',
    tooLong: 'That message is too long for me ({max} characters at most). Could you ask it more briefly?',
    concurrentMessages:
      'Two of your messages arrived at the same moment and I could only take one. Please send your last message again.',
    turnError: 'Sorry, something went wrong on my side. Please try again; your next message will work normally.',
    citationTitle: '{title} (published {date})',
    citationTitleTranslated: '{title} (published {date}; quoted from an unofficial translation)',
    contactsIntro: 'You can write to the mission directly:',
    contactLine: '{name}, {title}: {email}',
    languageSwitched: "Sure, I'll continue in English.",
    contactChoose: 'Who would you like to contact?',
    contactRouted: "I'll route your request to {name}, {title}.",
    contactOfferSend: 'Would you like me to send {name} a message for you?',
    contactWriteDirectly: 'No problem. You can write to {name} directly at {email}.',
    choiceYes: 'Yes',
    choiceNo: 'No',
    choiceSend: 'Send',
    choiceEdit: 'Edit',
    choiceCancel: 'Cancel',
    choiceSkip: 'Skip',
    yesWords: 'yes|y|yeah|yep|sure|ok|okay|please|of course',
    noWords: 'no|n|nope|no thanks|not now',
    sendWords: 'send|send it|submit|yes|confirm|ok|okay',
    editWords: 'edit|change|modify|fix|correct',
    cancelWords: 'cancel|stop|discard|never mind',
    skipWords: 'skip|none|no|n/a|na|-|nothing',
    askName: 'What is your name?',
    nameInvalid: 'Please type your name, in letters (for example: Ana Pérez).',
    askEmail: 'What e-mail address should {name} reply to?',
    emailInvalid:
      "That doesn't look like an e-mail address ({reason}). Please type it again, for example ana@example.org.",
    emailGiveUp:
      "I still couldn't read an e-mail address, so I haven't sent anything. You can write to {name} directly at " +
      '{email}.',
    askOrganization: 'Which organization do you represent, if any? Choose "Skip" if none.',
    askMessage: 'What would you like to tell {name}? (up to {max} characters)',
    messageTooLong: 'That message is {length} characters long; please keep it under {max}.',
    messageTooShort: 'Please write a little more, so they know what you need.',
    emailMissingAt: 'it has no @',
    emailMalformed: 'the part after the @ is not a complete domain',
    emailTooManyAt: 'it has more than one @',
    emailEmptyLocal: 'there is nothing before the @',
    emailLocalTooLong: 'the part before the @ is too long (64 characters at most)',
    emailLocalInvalid: 'the part before the @ has a space, a misplaced dot or a character addresses cannot contain',
    emailDomainInvalid: 'the part after the @ has a space or a character domain names cannot contain',
    emailTooLong: 'it is longer than 254 characters',
    organizationTooLong: 'That is {length} characters long; please keep the organization under {max}.',
    summary:
      'Please check your message to {name}, {title}:\n\n- From: {requester} <{email}>\n- Organization: ' +
      '{organization}\n- Message: {message}\n\nShall I send it?',
    summaryNone: '(none)',
    editWhich: 'What would you like to change?',
    fieldName: 'Name',
    fieldEmail: 'E-mail',
    fieldOrganization: 'Organization',
    fieldMessage: 'Message',
    fieldRecipient: 'Recipient',
    contactCancelled: 'Cancelled. Nothing was sent.',
    cancelConfirm: 'Cancel your message to {name}? Nothing will be sent.',
    inquiryStoreFailed:
      'I could not record your message just now; choose Send to try again, or write to {name} at {email}.',
    inquiryLimited:
      "I can't send a message for you: {reason}. Nothing was sent. You can write to {name} directly at {email}.",
    limitConversation: 'this conversation has reached its limit of {cap} messages a day',
    limitUser: 'you have reached the limit of {cap} messages a day',
    limitEmail: '{cap} messages a day have already been sent from this e-mail address',
    limitOverall: 'the assistant has reached its limit of messages for this hour',
    inquiryReceived:
      'Thank you. Your message to {name} was received; your reference is {reference}. {name} will reply to {email}.',
    teamsProfileConfirm: "I'll send it as {name} <{email}>, from your Teams profile. Is that right?",
    privateChatHint:
      "To keep your details private, I don't collect them in a shared chat. Open a 1:1 chat with me (select my " +
      'name, then Chat) and type "contact", or write directly using the details above.',
    contactHelp:
      "I'm helping you send a message to the mission. Answer the question above: what you type is taken as your " +
      'answer, word for word. To stop, type just "cancel" (nothing will be sent). Where I offer buttons, you can ' +
      "also ask me a question about USAID in Peru and I'll come back to this.",
    contactCardIntro: 'Contact details of {name}, {title}:',
    inboxSet: 'Done: every new contact request will also be posted in this channel.',
    inboxForbidden: 'Only designated mission staff can choose the channel that receives contact requests.',
    inboxOnlyInChannel: 'Run this command in the Teams channel that should receive contact requests.',
    inboxCardTitle: 'New contact request {reference}',
    inboxCardTo: 'To',
    inboxCardFrom: 'From',
    inboxCardOrganization: 'Organization',
    inboxCardLanguage: 'Language',
    inboxCardReply: 'Reply by e-mail',
    cardTitleLabel: 'Title',
    cardEmailLabel: 'E-mail',
    cardEmailAction: 'Write an e-mail',
    pageTitle: 'USAID in Peru: ask the assistant',
    pageHeading: 'USAID in Peru',
    pageSubheading: 'Ask about the mission, or get in touch with its leadership',
    pageLanguageLabel: 'Language',
    pageSource: 'Answers come from the mission strategy published on 6 October 2023 at usaid.gov/peru.',
    pageChatLabel: 'Chat with the USAID Peru assistant',
    pageUnavailable: 'The chat is not available right now. Please try again later.',
    suggestedQuestions:
      "What is USAID's goal in Peru?|What are USAID's objectives in Peru?|Who is the Mission Director?",
  },
  es: {
    welcome:
      '¡Hola! Soy el asistente de USAID Perú. Respondo preguntas sobre el trabajo de USAID en el Perú a partir ' +
      'de su estrategia publicada, y puedo ponerle en contacto con la Directora o la Subdirectora de la Misión.',
    welcomeTry: 'Pruebe una de estas preguntas o escriba la suya:',
    help:
      'Respondo preguntas sobre la misión de USAID en el Perú: su meta, sus objetivos, los desafíos que aborda, ' +
      'sus programas regionales y su dirección. Puede escribir en español o en inglés. Escriba "contacto" para ' +
      'comunicarse con la Directora o la Subdirectora de la Misión, "cancelar" para detener lo que estamos ' +
      'haciendo, o "english" para cambiar de idioma.',
    greeting: '¡Hola! ¿Qué le gustaría saber sobre el trabajo de USAID en el Perú?',
    goodbye: '¡De nada! Gracias por su interés en USAID en el Perú. Vuelva cuando quiera.',
    nothingToCancel: 'No hay nada que cancelar. ¿Qué le gustaría saber?',
    decline:
      'Lo siento, la información que tengo sobre el trabajo de USAID en el Perú no responde a eso. Si lo desea, ' +
      'puedo hacer llegar su pregunta a los contactos de la misión.',
    declineContactAction: 'Contactar a la misión',
    declineWithContacts: 'La página de la misión solo nombra estos contactos:',
    suggest: 'No estoy seguro de haber entendido. ¿Quiso decir:',
    emptyMessage: 'No encontré una pregunta en su mensaje. ¿Qué le gustaría saber sobre USAID en el Perú?',
    attachmentOnly:
      'Gracias por el archivo, pero solo puedo leer texto. Por favor, escriba su pregunta sobre USAID en el Perú.',
    tooLong:
      'Ese mensaje es demasiado largo para mí (máximo {max} caracteres). ' + '¿Podría formularlo de forma más breve?',
    concurrentMessages:
      'Dos de sus mensajes llegaron al mismo tiempo y solo pude atender uno. Por favor, envíe de nuevo su último ' +
      'mensaje.',
    turnError:
      'Lo siento, algo salió mal de mi lado. Por favor, inténtelo de nuevo; su próximo mensaje funcionará con ' +
      'normalidad.',
    citationTitle: '{title} (publicado el {date})',
    citationTitleTranslated: '{title} (publicado el {date}; cita de una traducción no oficial)',
    contactsIntro: 'Puede escribir directamente a la misión:',
    contactLine: '{name}, {title}: {email}',
    languageSwitched: 'Claro, continúo en español.',
    contactChoose: '¿Con quién desea comunicarse?',
    contactRouted: 'Derivaré su solicitud a {name}, {title}.',
    contactOfferSend: '¿Desea que le envíe un mensaje a {name} de su parte?',
    contactWriteDirectly: 'De acuerdo. Puede escribir directamente a {name} a {email}.',
    choiceYes: 'Sí',
    choiceNo: 'No',
    choiceSend: 'Enviar',
    choiceEdit: 'Editar',
    choiceCancel: 'Cancelar',
    choiceSkip: 'Omitir',
    yesWords: 'sí|si|claro|ok|dale|por favor|de acuerdo|bueno|yes',
    noWords: 'no|no gracias|ahora no|nop',
    sendWords: 'enviar|envíalo|envialo|sí|si|confirmar|ok|send',
    editWords: 'editar|cambiar|modificar|corregir',
    cancelWords: 'cancelar|detener|descartar|olvídalo|olvidalo',
    skipWords: 'omitir|ninguna|ninguno|no|-|saltar|nada',
    askName: '¿Cuál es su nombre?',
    nameInvalid: 'Por favor, escriba su nombre con letras (por ejemplo: Ana Pérez).',
    askEmail: '¿A qué correo electrónico debe responderle {name}?',
    emailInvalid:
      'Eso no parece un correo electrónico ({reason}). Por favor, escríbalo de nuevo, por ejemplo ana@ejemplo.pe.',
    emailGiveUp:
      'Todavía no pude leer un correo electrónico, así que no envié nada. Puede escribir directamente a {name} a ' +
      '{email}.',
    askOrganization: '¿A qué organización representa, si corresponde? Elija "Omitir" si ninguna.',
    askMessage: '¿Qué le gustaría decirle a {name}? (hasta {max} caracteres)',
    messageTooLong: 'Ese mensaje tiene {length} caracteres; por favor, no supere los {max}.',
    messageTooShort: 'Por favor, escriba un poco más, para que sepan lo que necesita.',
    emailMissingAt: 'le falta la @',
    emailMalformed: 'lo que sigue a la @ no es un dominio completo',
    emailTooManyAt: 'tiene más de una @',
    emailEmptyLocal: 'no hay nada antes de la @',
    emailLocalTooLong: 'la parte antes de la @ es demasiado larga (64 caracteres como máximo)',
    emailLocalInvalid:
      'la parte antes de la @ tiene un espacio, un punto mal colocado o un carácter que un correo no admite',
    emailDomainInvalid: 'la parte después de la @ tiene un espacio o un carácter que un dominio no admite',
    emailTooLong: 'tiene más de 254 caracteres',
    organizationTooLong: 'Eso tiene {length} caracteres; por favor, escriba la organización en menos de {max}.',
    summary:
      'Por favor, revise su mensaje para {name}, {title}:\n\n- De: {requester} <{email}>\n- Organización: ' +
      '{organization}\n- Mensaje: {message}\n\n¿Lo envío?',
    summaryNone: '(ninguna)',
    editWhich: '¿Qué desea cambiar?',
    fieldName: 'Nombre',
    fieldEmail: 'Correo',
    fieldOrganization: 'Organización',
    fieldMessage: 'Mensaje',
    fieldRecipient: 'Destinatario',
    contactCancelled: 'Cancelado. No se envió nada.',
    cancelConfirm: '¿Cancelar su mensaje para {name}? No se enviará nada.',
    inquiryStoreFailed:
      'No pude registrar su mensaje en este momento; elija Enviar para intentarlo de nuevo, o escriba a {name} a ' +
      '{email}.',
    inquiryLimited:
      'No puedo enviar un mensaje de su parte: {reason}. No se envió nada. Puede escribir directamente a {name} ' +
      'a {email}.',
    limitConversation: 'esta conversación alcanzó su límite de {cap} mensajes por día',
    limitUser: 'usted alcanzó el límite de {cap} mensajes por día',
    limitEmail: 'ya se enviaron {cap} mensajes hoy desde este correo electrónico',
    limitOverall: 'el asistente alcanzó su límite de mensajes por esta hora',
    inquiryReceived:
      'Gracias. Recibimos su mensaje para {name}; su número de referencia es {reference}. {name} le responderá a ' +
      '{email}.',
    teamsProfileConfirm: 'Lo enviaré como {name} <{email}>, según su perfil de Teams. ¿Es correcto?',
    privateChatHint:
      'Para proteger sus datos, no los pido en un chat compartido. Abra un chat 1:1 conmigo (seleccione mi ' +
      'nombre y luego Chat) y escriba "contacto", o escriba directamente con los datos de arriba.',
    contactHelp:
      'Le estoy ayudando a enviar un mensaje a la misión. Responda la pregunta de arriba: lo que escriba se toma ' +
      'como su respuesta, tal cual. Para detenerse, escriba solo "cancelar" (no se enviará nada). Donde le ' +
      'ofrezco botones, también puede hacerme una pregunta sobre USAID en el Perú y luego retomamos.',
    contactCardIntro: 'Datos de contacto de {name}, {title}:',
    inboxSet: 'Listo: cada nueva solicitud de contacto también se publicará en este canal.',
    inboxForbidden:
      'Solo el personal designado de la misión puede elegir el canal que recibe las solicitudes de contacto.',
    inboxOnlyInChannel: 'Ejecute este comando en el canal de Teams que debe recibir las solicitudes de contacto.',
    inboxCardTitle: 'Nueva solicitud de contacto {reference}',
    inboxCardTo: 'Para',
    inboxCardFrom: 'De',
    inboxCardOrganization: 'Organización',
    inboxCardLanguage: 'Idioma',
    inboxCardReply: 'Responder por correo',
    cardTitleLabel: 'Cargo',
    cardEmailLabel: 'Correo',
    cardEmailAction: 'Escribir un correo',
    pageTitle: 'USAID en el Perú: consulte al asistente',
    pageHeading: 'USAID en el Perú',
    pageSubheading: 'Pregunte sobre la misión o comuníquese con su dirección',
    pageLanguageLabel: 'Idioma',
    pageSource:
      'Las respuestas provienen de la estrategia de la misión publicada el 6 de octubre de 2023 en usaid.gov/peru.',
    pageChatLabel: 'Chat con el asistente de USAID Perú',
    pageUnavailable: 'El chat no está disponible en este momento. Por favor, inténtelo más tarde.',
    suggestedQuestions:
      '¿Cuál es la meta de USAID en el Perú?|¿Cuáles son los objetivos de USAID en el Perú?|¿Quién es la ' +
      'directora de la misión?',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['en'];

/** The text of `key` in `language`, with `{placeholders}` filled from `params`. */
export function format(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Date formatters are costly to create; one per language is enough. */
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-PE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** Knowledge documents carry a handful of dates: each is formatted once per language. */
const formattedDates = new LRUCache<string, string>({ max: 256 });

/** Formats an ISO date (2023-10-06) for people: "6 October 2023" / "6 de octubre de 2023". */
export function formatDate(language: Language, isoDate: string): string {
  const key = `${language}:${isoDate}`;
  let formatted = formattedDates.get(key);
  if (formatted === undefined) {
    const date = new Date(`${isoDate}T00:00:00Z`);
    formatted = Number.isNaN(date.getTime()) ? isoDate : dateFormats[language].format(date);
    formattedDates.set(key, formatted);
  }
  return formatted;
}

import { ActionTypes, type CardAction } from 'botbuilder';
import type { Choice } from 'botbuilder-dialogs';
import { format, type MessageKey } from '../src/core/i18n/messages';
import { type Language, languages } from '../src/core/text/normalize';

/** A choice offered as a button, with the words that also pick it. */
export interface ChoiceSpec {
  value: string;
  title: MessageKey;
  words?: MessageKey;
}

/**
 * Choices labelled in `language` that also understand the other language's labels and words: the
 * turn's language can change with what was typed last ("Enviar" after an English summary).
 */
export function choices(language: Language, specs: readonly ChoiceSpec[]): Choice[] {
  const ordered = [language, ...languages.filter((l) => l !== language)];
  return specs.map(({ value, title, words }) => {
    const label = format(language, title);
    const synonyms = ordered.flatMap((l) => [format(l, title), ...(words ? format(l, words).split('|') : [])]);
    return {
      value,
      action: { type: ActionTypes.ImBack, title: label, value: label },
      synonyms: [...new Set(synonyms)],
    };
  });
}

/** A button that sends its own label, as if typed. */
export const imBack = (label: string): CardAction => ({ type: ActionTypes.ImBack, title: label, value: label });

export const yesNo: ChoiceSpec[] = [
  { value: 'yes', title: 'choiceYes', words: 'yesWords' },
  { value: 'no', title: 'choiceNo', words: 'noWords' },
];

export const sendEditCancel: ChoiceSpec[] = [
  { value: 'send', title: 'choiceSend', words: 'sendWords' },
  { value: 'edit', title: 'choiceEdit', words: 'editWords' },
  { value: 'cancel', title: 'choiceCancel', words: 'cancelWords' },
];

export const fields: ChoiceSpec[] = [
  { value: 'name', title: 'fieldName' },
  { value: 'email', title: 'fieldEmail' },
  { value: 'organization', title: 'fieldOrganization' },
  { value: 'message', title: 'fieldMessage' },
  { value: 'recipient', title: 'fieldRecipient' },
];

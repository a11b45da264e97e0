/** Ids of the dialogs and prompts, shared by the dialogs and their tests. */
export const DialogIds = {
  contact: 'contactDialog',
  contactWaterfall: 'contactWaterfall',
  choosePrompt: 'contactChoosePrompt',
  offerPrompt: 'contactOfferPrompt',
  yesNoPrompt: 'contactYesNoPrompt',
  namePrompt: 'contactNamePrompt',
  emailPrompt: 'contactEmailPrompt',
  organizationPrompt: 'contactOrganizationPrompt',
  messagePrompt: 'contactMessagePrompt',
  summaryPrompt: 'contactSummaryPrompt',
  editPrompt: 'contactEditPrompt',
} as const;

/**
 * Prompts where people type free text: there a message is only an interruption if it is short, and
 * never a question. (The name prompt instead checks that the text looks like a name.)
 */
export const freeTextPrompts: ReadonlySet<string> = new Set([DialogIds.messagePrompt, DialogIds.organizationPrompt]);

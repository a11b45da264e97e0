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
  confirmCancel: 'confirmCancel',
  confirmCancelPrompt: 'confirmCancelPrompt',
} as const;

/**
 * Prompts where people type free text (a name, an organization, a message): what they type there
 * is the answer, as typed. Only an explicit command on its own ("cancel", "ayuda") interrupts.
 */
export const freeTextPrompts: ReadonlySet<string> = new Set([
  DialogIds.namePrompt,
  DialogIds.organizationPrompt,
  DialogIds.messagePrompt,
]);

/** Ids of the dialogs, shared by the dialogs and their tests. */
export const DialogIds = {
  main: 'mainDialog',
  mainWaterfall: 'mainWaterfall',
} as const;

import type { Choice, DialogContext } from 'botbuilder-dialogs';
import { recognizedChoice } from '../../dialogs/cancelAndHelpDialog';

/** A dialog context whose waiting prompt offers `choices`, on one turn's state. */
function waitingOn(choices: Choice[] | undefined, turnState = new Map<unknown, unknown>()): DialogContext {
  return {
    activeDialog: { id: 'prompt', state: { options: { choices } } },
    context: { turnState },
  } as unknown as DialogContext;
}

const summary: Choice[] = [
  { value: 'send', synonyms: ['Send', 'enviar'] },
  { value: 'edit', synonyms: ['Edit'] },
  { value: 'cancel', synonyms: ['Cancel', 'discard'] },
];

describe('recognizedChoice', () => {
  it('reads a choice by its synonyms or its position', () => {
    expect(recognizedChoice(waitingOn(summary), 'discard')).toBe('cancel');
    expect(recognizedChoice(waitingOn(summary), 'the second one')).toBe('edit');
    expect(recognizedChoice(waitingOn(summary), 'what is USAID?')).toBeUndefined();
    expect(recognizedChoice(waitingOn(undefined), 'Send')).toBeUndefined();
  });

  it('answers again from the same turn only for the same text and the same offered choices', () => {
    const turnState = new Map<unknown, unknown>();
    expect(recognizedChoice(waitingOn(summary, turnState), 'Send')).toBe('send');
    expect(recognizedChoice(waitingOn(summary, turnState), 'Edit')).toBe('edit');
    const yesNo: Choice[] = [
      { value: 'yes', synonyms: ['Yes'] },
      { value: 'no', synonyms: ['No'] },
    ];
    expect(recognizedChoice(waitingOn(yesNo, turnState), 'Edit')).toBeUndefined();
    expect(recognizedChoice(waitingOn(yesNo, turnState), 'Yes')).toBe('yes');
  });
});

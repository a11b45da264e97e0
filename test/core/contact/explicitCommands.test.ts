import { explicitCommand } from '../../../src/core/contact/explicitCommands';
import messages from '../../fixtures/contact/messages.json';
import organizations from '../../fixtures/contact/organizations.json';

describe('explicitCommand', () => {
  it.each(['cancel', 'Cancel', ' CANCEL! ', 'cancelar', 'Cancelar.', 'cancélelo', 'cancel please', '¡cancela!'])(
    'reads %p as cancel',
    (text) => expect(explicitCommand(text)).toBe('cancel'),
  );

  it.each(['help', 'Help?', 'ayuda', '¡Ayuda!', 'ayúdame', 'help me'])('reads %p as help', (text) =>
    expect(explicitCommand(text)).toBe('help'),
  );

  it.each([
    'stop',
    'end',
    'exit',
    'never mind',
    'Stop Hunger Peru',
    'Cancún Partners',
    'Please help us reach rural schools',
  ])('reads %p as no command', (text) => expect(explicitCommand(text)).toBeUndefined());

  it('finds no command in any organization or message of the corpus', () => {
    const all = [...organizations.organizations, ...messages.en, ...messages.es];
    expect(all.filter((text) => explicitCommand(text) !== undefined)).toEqual([]);
  });
});

import { RestError } from '@azure/storage-blob';
import { ComponentDialog, DialogContextError, DialogSet, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { AppError, ErrorCodes } from '../../src/core/errors';
import { serializeError } from '../../src/logging/errorSerializer';
import { capturingLogger } from '../helpers/logCapture';

const secret = 'Zenobia Quispe <zenobia@ejemplo-privado.pe>';

/** A real DialogContextError, thrown by botbuilder-dialogs from a step holding personal data. */
async function dialogError(): Promise<DialogContextError> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  const contact = new ComponentDialog('contact');
  contact.addDialog(
    new WaterfallDialog('steps', [
      async (step) => {
        (step.values as Record<string, string>).requester = secret;
        throw new Error('the summary could not be posted');
      },
    ]),
  );
  dialogs.add(contact);
  let caught: unknown;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    try {
      const dc = await dialogs.createContext(context);
      const result = await dc.beginDialog('contact');
      expect(result.status).toBe(DialogTurnStatus.waiting);
    } catch (error) {
      caught = error;
    }
  });
  await adapter.send('hello');
  expect(caught).toBeInstanceOf(DialogContextError);
  return caught as DialogContextError;
}

describe('serializeError', () => {
  it('keeps the error a dialog wrapped, without the dialog stack and its state', async () => {
    const error = await dialogError();
    expect(JSON.stringify(error.dialogContext)).toContain('Zenobia');
    const serialized = serializeError(error);
    expect(serialized).toEqual({
      type: 'Error',
      message: 'the summary could not be posted',
      stack: expect.stringMatching(/^Error: the summary could not be posted\n\s+at /),
    });
    expect(JSON.stringify(serialized)).not.toContain('Zenobia');
  });

  it('keeps the status of an HTTP error but neither its body, its request nor its response', () => {
    const error = new RestError(`Could not post {"text":"${secret}"}`, {
      code: 'ServiceError',
      statusCode: 500,
      request: { body: secret } as never,
      response: { bodyAsText: secret } as never,
    });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ type: 'RestError', message: 'HTTP 500', code: 'ServiceError', statusCode: 500 });
    expect(Object.keys(serialized).sort()).toEqual(['code', 'message', 'stack', 'statusCode', 'type']);
    expect(JSON.stringify(serialized)).not.toContain('Zenobia');
  });

  it('keeps the code of the catalogue and of the system, and nothing else attached', () => {
    const appError = Object.assign(new AppError(ErrorCodes.deliveryFailed, 'no route'), { inquiry: { secret } });
    expect(serializeError(appError)).toEqual({
      type: 'AppError',
      message: 'no route',
      code: 'DELIVERY_FAILED',
      stack: expect.any(String),
    });
    const systemError = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS', path: secret });
    expect(serializeError(systemError)).toMatchObject({ code: 'EROFS' });
    expect(JSON.stringify(serializeError(systemError))).not.toContain('Zenobia');
  });

  it('logs a thrown value that is not an error by its type alone', () => {
    expect(serializeError(secret)).toEqual({ type: 'string' });
    expect(serializeError({ text: secret })).toEqual({ type: 'object' });
  });

  it('is what every logger uses, under err and error', async () => {
    const { logger, raw } = capturingLogger('info');
    const error = await dialogError();
    logger.error({ err: error }, 'turn failed');
    logger.warn({ error: Object.assign(new Error('boom'), { body: secret }) }, 'other');
    logger.child({ component: 'restify' }).warn({ err: error }, 'from a child');
    logger.error(error);
    expect(raw().split('\n').filter(Boolean)).toHaveLength(4);
    expect(raw()).not.toContain('Zenobia');
    expect(raw()).toContain('the summary could not be posted');
  });
});

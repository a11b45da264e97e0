import { randomUUID } from 'node:crypto';
import { type Activity, MemoryStorage, type Storage, TestAdapter, TurnContext } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { isStorageConflict } from '../../src/bot/adapter';
import { BoundedMemoryStorage } from '../../src/storage/boundedMemoryStorage';
import { OptimisticConversationState } from '../../src/storage/optimisticConversationState';
import { Azurite } from '../helpers/azurite';

/** A turn of conversation `conversationId`, outside any adapter pipeline. */
function turn(conversationId: string): TurnContext {
  const activity = {
    type: 'message',
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: 'user' },
    recipient: { id: 'bot' },
  } as Partial<Activity> as Activity;
  return new TurnContext(new TestAdapter(), activity);
}

/** The method a storage's writes go through: `writeJson` where the storage keeps JSON text. */
const writeMethod = (storage: Storage) => ('writeJson' in storage ? 'writeJson' : 'write') as 'write';

function behavesOptimistically(name: string, makeStorage: () => Promise<Storage>) {
  describe(`OptimisticConversationState on ${name}`, () => {
    /** A state over fresh storage, one property of it, and a new conversation id. */
    const fresh = async () => {
      const storage = await makeStorage();
      const state = new OptimisticConversationState(storage);
      return { storage, state, step: state.createProperty<string>('step'), id: randomUUID() };
    };

    it('refuses the later of two racing writes, keeping the first turn whole', async () => {
      const { state, step, id } = await fresh();
      const setup = turn(id);
      await step.set(setup, 'name');
      await state.saveChanges(setup);

      const first = turn(id);
      const second = turn(id);
      expect(await step.get(first)).toBe('name');
      expect(await step.get(second)).toBe('name');
      await step.set(first, 'email (Ana)');
      await step.set(second, 'email (Rosa)');
      await state.saveChanges(first);
      const conflict = await state.saveChanges(second).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isStorageConflict(conflict)).toBe(true);
      expect(await step.get(turn(id))).toBe('email (Ana)');
    });

    it('writes nothing when the turn changed nothing, and may write twice in one turn', async () => {
      const { storage, state, step, id } = await fresh();
      const write = jest.spyOn(storage, writeMethod(storage));
      const context = turn(id);
      await step.set(context, 'a');
      await state.saveChanges(context);
      await step.set(context, 'b');
      await state.saveChanges(context);
      expect(write).toHaveBeenCalledTimes(2);

      const unchanged = turn(id);
      expect(await step.get(unchanged)).toBe('b');
      await state.saveChanges(unchanged);
      expect(write).toHaveBeenCalledTimes(2);
    });

    it('forgets a deleted conversation, also for the rest of the turn', async () => {
      const { state, step, id } = await fresh();
      const context = turn(id);
      await step.set(context, 'a');
      await state.saveChanges(context);
      await state.delete(context);
      expect(await step.get(context)).toBeUndefined();
      expect(await step.get(turn(id))).toBeUndefined();
    });
  });
}

behavesOptimistically('MemoryStorage', () => Promise.resolve(new MemoryStorage()));
behavesOptimistically('BoundedMemoryStorage', () =>
  Promise.resolve(new BoundedMemoryStorage({ maxItems: 100, maxChars: 2 ** 20 })),
);

describe('OptimisticConversationState on a storage that keeps JSON text', () => {
  it('stores the text it compared, which a plain read gives back as the same state', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 10, maxChars: 2 ** 20 });
    const state = new OptimisticConversationState(storage);
    const stack = state.createProperty<{ id: string; options: Record<string, unknown> }[]>('stack');
    const id = randomUUID();
    const context = turn(id);
    const written = [{ id: 'contact', options: { é: 'Ana Pérez', '2': [1, 'x'], nested: { n: -0, big: 1e21 } } }];
    await stack.set(context, written);
    await state.saveChanges(context);
    const key = state.getStorageKey(context) ?? '';
    const stored = await storage.readJson(key);
    expect(JSON.parse(stored?.json ?? '')).toEqual({ stack: JSON.parse(JSON.stringify(written)) });
    expect((await storage.read([key]))[key]).toEqual({
      stack: JSON.parse(JSON.stringify(written)),
      eTag: stored?.eTag,
    });
    const unchanged = turn(id);
    expect(await stack.get(unchanged)).toEqual(JSON.parse(JSON.stringify(written)));
    const writeJson = jest.spyOn(storage, 'writeJson');
    await state.saveChanges(unchanged);
    expect(writeJson).not.toHaveBeenCalled();
  });
});

describe('on Azurite', () => {
  const azurite = new Azurite();
  beforeAll(() => azurite.start(), 30_000);
  afterAll(() => azurite.stop());
  behavesOptimistically('Blob storage (Azurite)', () =>
    Promise.resolve(new BlobsStorage(azurite.connectionString, `state-${randomUUID().slice(0, 8)}`)),
  );
});

import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';
import { isJsonItemStorage } from './boundedMemoryStorage';

/** A conversation's state as loaded this turn, and its JSON when loaded (undefined: must be written). */
interface Loaded {
  state: StoreItem;
  snapshot: string | undefined;
}

/** The state as JSON, without its eTag, to tell whether the turn changed it. */
function snapshotOf(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * botbuilder's ConversationState (same storage keys, same property accessors) with optimistic
 * concurrency. botbuilder's BotState writes every change with eTag `*`, so when two instances
 * handle turns of one conversation at once, the later write silently undoes the other turn. Here
 * the write carries the eTag read at the start of the turn: the later write fails with a conflict
 * (HTTP 412 from Blob storage), which the turn error handler answers by asking the person to
 * resend, and the stored state stays the one a whole turn produced.
 *
 * Whether the turn changed the state is told by comparing its JSON with the JSON at load
 * (botbuilder hashes a replacer-driven serialization with SHA-256 three times per turn). A storage
 * that keeps JSON text (the in-memory one) hands over the text it holds and takes the text compared,
 * so a turn parses its state once and serializes it once.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly loadedKey = Symbol('loadedConversationState');

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const current = this.loaded(context);
    if (current && !force) return current.state;
    const loaded = await this.read(await this.storageKey(context));
    context.turnState.set(this.loadedKey, loaded);
    return loaded.state;
  }

  private async read(key: string): Promise<Loaded> {
    if (isJsonItemStorage(this.storage)) {
      const stored = await this.storage.readJson(key);
      if (!stored) return { state: {}, snapshot: snapshotOf({}) };
      // Parsed from the text and serialized again, an object gives back that same text.
      const state = Object.assign(JSON.parse(stored.json) as StoreItem, { eTag: stored.eTag });
      return { state, snapshot: stored.json };
    }
    const items = await this.storage.read([key]);
    const state = (items[key] as StoreItem | undefined) ?? {};
    return { state, snapshot: snapshotOf(state) };
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded = this.loaded(context) ?? (force ? { state: {}, snapshot: undefined } : undefined);
    if (!loaded) return;
    const snapshot = snapshotOf(loaded.state);
    if (!force && snapshot === loaded.snapshot) return;
    const key = await this.storageKey(context);
    // The eTag read at load (none for a new conversation) makes the write conditional.
    if (isJsonItemStorage(this.storage)) await this.storage.writeJson(key, snapshot, loaded.state.eTag);
    else await this.storage.write({ [key]: loaded.state });
    // Storages do not return the new eTag; a later write in this same turn is this turn's own.
    loaded.state.eTag = '*';
    loaded.snapshot = snapshot;
    context.turnState.set(this.loadedKey, loaded);
  }

  override clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.loadedKey, { state: {}, snapshot: undefined } satisfies Loaded);
    return Promise.resolve();
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.loadedKey);
    await this.storage.delete([await this.storageKey(context)]);
  }

  override get(context: TurnContext): StoreItem | undefined {
    return this.loaded(context)?.state;
  }

  private loaded(context: TurnContext): Loaded | undefined {
    return context.turnState.get(this.loadedKey) as Loaded | undefined;
  }
}

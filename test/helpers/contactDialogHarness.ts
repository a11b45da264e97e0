import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { KnowledgeReplyListener } from '../../dialogs/cancelAndHelpDialog';
import { ContactDialog, type ContactRequestState } from '../../dialogs/contactDialog';
import { ConversationRouter } from '../../dialogs/conversationRouter';
import { DialogIds } from '../../dialogs/dialogIds';
import type { ProfileLookup } from '../../dialogs/profileLookup';
import { ContactRouter } from '../../src/core/contact/contactRouting';
import type { DeliveryService } from '../../src/core/contact/deliveryService';
import { format, type MessageKey } from '../../src/core/i18n/messages';
import type { IntentRecognizer } from '../../src/core/intents/intentTypes';
import { MessageVocabulary } from '../../src/core/intents/messageVocabulary';
import { OfflineRecognizer } from '../../src/core/intents/offlineRecognizer';
import type { Language } from '../../src/core/text/normalize';
import { deliveryFixture } from './contact';
import { knowledgeDir, realKnowledge, realProject } from './core';
import { routerHarness } from './routerHarness';

let offline: OfflineRecognizer | undefined;
/** The embedded recognizer trained from the repo's CLU model, built once per test file. */
export function realRecognizer(): OfflineRecognizer {
  offline ??= new OfflineRecognizer(realProject());
  return offline;
}

export interface ContactHarnessOptions {
  language?: Language;
  channelId?: string;
  isGroup?: boolean;
  conversationId?: string;
  userId?: string;
  profiles?: ProfileLookup;
  /** The real offline recognizer unless given. */
  recognizer?: IntentRecognizer;
  delivery?: DeliveryService;
  onStoreFailed?: (error: unknown) => void;
  /** Told of every knowledge reply, by the router and inside the dialog. */
  onKnowledgeReply?: KnowledgeReplyListener;
}

/**
 * The contact dialog behind the conversation router, on botbuilder's TestAdapter, with the real
 * knowledge and (unless told otherwise) the real offline recognizer and a delivery service over a
 * fresh folder. `state()` reads what the dialog has gathered, as stored between turns.
 */
export function contactHarness(options: ContactHarnessOptions = {}) {
  const { kb, knowledge } = realKnowledge();
  const recognizer = options.recognizer ?? realRecognizer();
  // As the service wires them: the intent model's words tell formulas and requests apart.
  const vocabulary = MessageVocabulary.fromProject(realProject());
  const fixture = deliveryFixture();
  const delivery = options.delivery ?? fixture.service;
  const contactDialog = new ContactDialog({
    recognizer,
    knowledge,
    intentThreshold: 0.3,
    vocabulary,
    contacts: kb.contacts,
    router: ContactRouter.load(join(knowledgeDir, 'routing.json'), kb.contacts),
    delivery,
    profiles: options.profiles ?? { lookup: () => Promise.resolve(undefined) },
    onStoreFailed: options.onStoreFailed,
    onKnowledgeReply: options.onKnowledgeReply,
  });
  const router = new ConversationRouter({
    recognizer,
    knowledge,
    contacts: kb.contacts,
    intentThreshold: 0.3,
    vocabulary,
    contactDialog,
    onKnowledgeReply: options.onKnowledgeReply,
  });
  const language = options.language ?? 'en';
  const harness = routerHarness(router, { ...options, language });
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(language, key, params);
  /** What the contact dialog holds after the last turn, or undefined when none is open. */
  const state = async (): Promise<ContactRequestState | undefined> => {
    const stored = (await harness.storage.read([harness.stateKey]))[harness.stateKey] as
      { dialogState?: DialogState } | undefined;
    const component = stored?.dialogState?.dialogStack[0]?.state as { dialogs?: DialogState } | undefined;
    const waterfall = component?.dialogs?.dialogStack.find((d) => d.id === DialogIds.contactWaterfall);
    return (waterfall?.state as { options?: ContactRequestState } | undefined)?.options;
  };
  /** The prompt now waiting, or undefined. */
  const waitingOn = async (): Promise<string | undefined> => {
    const stored = (await harness.storage.read([harness.stateKey]))[harness.stateKey] as
      { dialogState?: DialogState } | undefined;
    const component = stored?.dialogState?.dialogStack[0]?.state as { dialogs?: DialogState } | undefined;
    return component?.dialogs?.dialogStack.at(-1)?.id;
  };
  return { ...harness, fixture, delivery, t, state, waitingOn, language };
}

export const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '');

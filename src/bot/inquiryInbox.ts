import { readFile } from 'node:fs/promises';
import {
  type Storage,
  type CardFactory as CardFactoryType,
  CardFactory,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import { writeFileAtomically } from '../core/atomicFile';
import type { Inquiry } from '../core/contact/inquiry';
import { format } from '../core/i18n/messages';
import type { Contact } from '../core/knowledge/knowledgeTypes';
import type { Language } from '../core/text/normalize';
import type { Logger } from '../logging/logger';
import type { BotAdapter } from './adapter';
import { escapeMarkdown } from './replies';

type Card = ReturnType<typeof CardFactoryType.adaptiveCard>;

/** "set inquiry inbox" (the manifest's command) and its Spanish equivalent. */
const inboxCommand =
  /^\s*(set|use)\s+(this\s+channel\s+as\s+)?(the\s+)?inquir(y|ies)\s+inbox\s*[.!]?\s*$|^\s*(establecer|usar)\s+(este\s+canal\s+como\s+)?(la\s+)?bandeja\s+de\s+consultas\s*[.!]?\s*$/i;

/** The staff channel's card for a new contact request. */
export function inquiryCard(inquiry: Inquiry, contact: Contact, language: Language): Card {
  const { requester } = inquiry;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: format(language, 'inboxCardTitle', { reference: inquiry.reference }),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          { title: format(language, 'inboxCardTo'), value: `${contact.name} (${contact.title[language]})` },
          { title: format(language, 'inboxCardFrom'), value: `${escapeMarkdown(requester.name)} <${requester.email}>` },
          ...(requester.organization
            ? [{ title: format(language, 'inboxCardOrganization'), value: escapeMarkdown(requester.organization) }]
            : []),
          { title: format(language, 'inboxCardLanguage'), value: inquiry.language.toUpperCase() },
        ],
      },
      // What the requester wrote is escaped, so it is shown as written.
      { type: 'TextBlock', text: escapeMarkdown(inquiry.message), wrap: true },
    ],
    actions: [
      {
        type: 'Action.OpenUrl',
        title: format(language, 'inboxCardReply'),
        url: `mailto:${requester.email}?subject=${encodeURIComponent(`Re: [${inquiry.reference}]`)}`,
      },
    ],
  });
}

/** The chosen channel, as saved. */
export interface SavedInbox {
  reference: Partial<ConversationReference>;
  language: Language;
  setAt: string;
}

/** Where the inbox choice is kept: it must be shared by every instance of the bot. */
export interface InboxStore {
  load(): Promise<SavedInbox | undefined>;
  save(inbox: SavedInbox): Promise<void>;
}

/**
 * A JSON file under DATA_DIR: for a single instance with in-memory state. That instance is its
 * only writer, so the file is read once and then answered from memory (every new inquiry asks).
 */
export class FileInboxStore implements InboxStore {
  private loaded?: Promise<SavedInbox | undefined>;

  constructor(private readonly file: string) {}

  load(): Promise<SavedInbox | undefined> {
    this.loaded ??= readFile(this.file, 'utf8')
      .then((text) => JSON.parse(text) as SavedInbox)
      .catch(() => undefined);
    return this.loaded;
  }

  async save(inbox: SavedInbox): Promise<void> {
    await writeFileAtomically(this.file, JSON.stringify(inbox));
    this.loaded = Promise.resolve(inbox);
  }
}

/** The bot's shared storage (Blob storage when scaled out), under one key. */
export class SharedInboxStore implements InboxStore {
  private static readonly key = 'settings/inquiryInbox';

  constructor(private readonly storage: Storage) {}

  async load(): Promise<SavedInbox | undefined> {
    const items = await this.storage.read([SharedInboxStore.key]);
    return items[SharedInboxStore.key] as SavedInbox | undefined;
  }

  async save(inbox: SavedInbox): Promise<void> {
    await this.storage.write({ [SharedInboxStore.key]: { ...inbox, eTag: '*' } });
  }
}

/**
 * The Teams channel mission staff choose, with "set inquiry inbox", to receive every new contact
 * request as a card, besides the e-mail. Only the Azure AD object ids in INBOX_ADMIN_AAD_IDS may
 * choose it; the choice is kept where every instance can read it.
 */
export class InquiryInbox {
  constructor(
    private readonly store: InboxStore,
    private readonly adminAadIds: ReadonlySet<string>,
    private readonly adapter: () => BotAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  /** Handles the command if this message is one; returns whether it was. */
  async handleCommand(context: TurnContext, language: Language): Promise<boolean> {
    if (context.activity.channelId !== 'msteams' || !inboxCommand.test(context.activity.text ?? '')) return false;
    if (!context.activity.conversation?.isGroup) {
      await context.sendActivity(format(language, 'inboxOnlyInChannel'));
      return true;
    }
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId || !this.adminAadIds.has(aadObjectId)) {
      await context.sendActivity(format(language, 'inboxForbidden'));
      return true;
    }
    const reference = TurnContext.getConversationReference(context.activity) as ConversationReference;
    // Posts go to the channel itself, not into the thread where the command was typed.
    reference.conversation = {
      ...reference.conversation,
      id: reference.conversation.id.split(';')[0] ?? reference.conversation.id,
    };
    reference.activityId = undefined;
    await this.store.save({ reference, language, setAt: new Date().toISOString() });
    this.logger.info({ channel: reference.conversation.id.slice(0, 12) }, 'inquiry inbox channel set');
    await context.sendActivity(format(language, 'inboxSet'));
    return true;
  }

  /** Posts a new inquiry to the inbox channel, if one is set. Failures are logged, not thrown. */
  async notify(inquiry: Inquiry, contact: Contact): Promise<void> {
    try {
      const saved = await this.store.load();
      if (!saved) return;
      const { language } = saved;
      await this.adapter().continueConversationAsync(this.appId, saved.reference, async (context) => {
        // Sent to the channel itself (a new post), not as a reply to the continuation activity.
        context.onSendActivities(async (_context, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await context.sendActivity({ attachments: [inquiryCard(inquiry, contact, language)] });
      });
    } catch (error) {
      this.logger.warn({ reference: inquiry.reference, err: error }, 'could not post the inquiry to the inbox channel');
    }
  }
}

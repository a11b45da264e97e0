import { readFile } from 'node:fs/promises';
import {
  type Storage,
  type CardFactory as CardFactoryType,
  CardFactory,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';
import { writeFileAtomically } from '../core/privateFiles';
import { ErrorCodes } from '../core/errors';
import type { Inquiry } from '../core/contact/inquiry';
import { format } from '../core/i18n/messages';
import type { Contact } from '../core/knowledge/knowledgeTypes';
import type { Language } from '../core/text/normalize';
import type { Logger } from '../logging/logger';
import type { BotAdapter } from './adapter';
import { escapeMarkdown } from '../../dialogs/activities/replies';

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

/** Who may choose the inbox channel, and where it may post. */
export interface InquiryInboxOptions {
  store: InboxStore;
  /** Azure AD object ids of the staff who may choose the channel. */
  adminAadIds: ReadonlySet<string>;
  /** The mission's tenant; a command from any other tenant is refused. */
  tenantId?: string;
  /** Service hosts (`*.domain` for any subdomain) the inbox may post to. */
  serviceHosts: readonly string[];
  adapter: () => BotAdapter;
  /** The bot's app id; empty in local mode, where the command is always refused. */
  appId: string;
  logger: Logger;
}

/** Whether `serviceUrl` is on one of `hosts`: https, or plain http for a loopback host listed by name. */
export function isAllowedServiceUrl(serviceUrl: string | undefined, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl ?? '');
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const listed = hosts.some((entry) =>
    entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry,
  );
  if (!listed || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host));
}

/**
 * The Teams channel mission staff choose, with "set inquiry inbox", to receive every new contact
 * request as a card, besides the e-mail. The choice is kept where every instance can read it, and
 * every later inquiry (name, e-mail, message) goes there, so the command is trusted only when the
 * channel's token vouches for the request: from Teams, from a listed admin in the mission's
 * tenant, with a service URL on a Teams or Bot Framework host.
 */
export class InquiryInbox {
  constructor(private readonly options: InquiryInboxOptions) {
    if (options.adminAadIds.size > 0 && !options.tenantId) {
      options.logger.warn(
        { code: ErrorCodes.forbidden },
        'INBOX_ADMIN_AAD_IDS is set without TEAMS_TENANT_ID or MicrosoftAppTenantId: "set inquiry inbox" is refused',
      );
    }
  }

  /** Handles the command if this message is one; returns whether it was. */
  async handleCommand(context: TurnContext, language: Language): Promise<boolean> {
    const { activity } = context;
    if (activity.channelId !== 'msteams' || !inboxCommand.test(activity.text ?? '')) return false;
    const refusal = this.refusal(context);
    if (refusal) {
      this.options.logger.warn({ code: ErrorCodes.forbidden, reason: refusal }, 'inquiry inbox command refused');
      await context.sendActivity(format(language, 'inboxForbidden'));
      return true;
    }
    if (!activity.conversation?.isGroup) {
      await context.sendActivity(format(language, 'inboxOnlyInChannel'));
      return true;
    }
    const reference = TurnContext.getConversationReference(activity) as ConversationReference;
    // Posts go to the channel itself, not into the thread where the command was typed.
    reference.conversation = {
      ...reference.conversation,
      id: reference.conversation.id.split(';')[0] ?? reference.conversation.id,
    };
    reference.activityId = undefined;
    await this.options.store.save({ reference, language, setAt: new Date().toISOString() });
    this.options.logger.info({ channel: reference.conversation.id.slice(0, 12) }, 'inquiry inbox channel set');
    await context.sendActivity(format(language, 'inboxSet'));
    return true;
  }

  /** Why the command may not be taken from this turn, or nothing when it may. */
  private refusal(context: TurnContext): string | undefined {
    const { activity } = context;
    const { appId, adminAadIds, tenantId, serviceHosts } = this.options;
    const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
    // Only a token the channel signed for this bot vouches for the fields below.
    if (!appId || !identity?.isAuthenticated || identity.getClaimValue(AuthenticationConstants.AudienceClaim) !== appId)
      return 'not authenticated';
    const tenants = [
      activity.conversation?.tenantId,
      (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id,
    ].filter((id) => id !== undefined);
    if (!tenantId || tenants.length === 0 || tenants.some((id) => id !== tenantId)) return 'other tenant';
    const aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId || !adminAadIds.has(aadObjectId)) return 'not an admin';
    if (!isAllowedServiceUrl(activity.serviceUrl, serviceHosts)) return 'service URL not allowed';
    return undefined;
  }

  /** Posts a new inquiry to the inbox channel, if one is set. Failures are logged, not thrown. */
  async notify(inquiry: Inquiry, contact: Contact): Promise<void> {
    const { logger } = this.options;
    try {
      const saved = await this.options.store.load();
      if (!saved) return;
      if (!isAllowedServiceUrl(saved.reference.serviceUrl, this.options.serviceHosts)) {
        // A choice saved before the allowlist, or edited by hand: never send inquiries there.
        logger.warn({ code: ErrorCodes.forbidden }, 'inquiry inbox service URL is not allowed; not posting');
        return;
      }
      const { language } = saved;
      await this.options.adapter().continueConversationAsync(this.options.appId, saved.reference, async (context) => {
        // Sent to the channel itself (a new post), not as a reply to the continuation activity.
        context.onSendActivities(async (_context, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await context.sendActivity({ attachments: [inquiryCard(inquiry, contact, language)] });
      });
    } catch (error) {
      logger.warn({ reference: inquiry.reference, err: error }, 'could not post the inquiry to the inbox channel');
    }
  }
}

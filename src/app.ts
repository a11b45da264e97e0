import type { AddressInfo } from 'node:net';
import type { Request } from 'restify';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { join } from 'node:path';
import type { KnowledgeReplyListener } from '../dialogs/cancelAndHelpDialog';
import { ContactDialog } from '../dialogs/contactDialog';
import { ConversationRouter } from '../dialogs/conversationRouter';
import { createAdapter, turnErrorHandler } from './bot/adapter';
import { FileInboxStore, InquiryInbox, SharedInboxStore } from './bot/inquiryInbox';
import { type ProfileLookup, TeamsProfileLookup } from '../dialogs/profileLookup';
import { KnowledgeSignals } from './bot/knowledgeSignals';
import { UsaidBot } from './bot/usaidBot';
import { ContactRouter } from './core/contact/contactRouting';
import type { DeliveryService } from './core/contact/deliveryService';
import type { Mailer } from './core/contact/inquiryMail';
import type { InquiryStore } from './core/contact/inquiryStore';
import { createDelivery, createInquiryStore, loggedRecordProblems } from './inquiries/deliveryFactory';
import { makeTreePrivate } from './core/privateFiles';
import type { LimitRecords } from './core/contact/sendLimits';
import { describeStorageFailure } from './core/contact/storageFailure';
import { LocalDirectLine } from './web/localDirectLine';
import { registerWebChat, type WebChatMode } from './web/webChatRoutes';
import type { AppConfig } from './config/config';
import { loadIntentModel } from './core/artifacts';
import { loadAnswering } from './core/answers/answering';
import type { KnowledgeService } from './core/answers/knowledgeService';
import { UnansweredQuestions } from './core/answers/unansweredQuestions';
import { loadCluProject } from './core/intents/cluModel';
import { type CluError, CluRecognizer, type CluSettings } from './core/intents/cluRecognizer';
import { FallbackRecognizer } from './core/intents/fallbackRecognizer';
import { ErrorCodes } from './core/errors';
import { LanguagePolicy } from './core/language/languagePolicy';
import type { IntentRecognizer } from './core/intents/intentTypes';
import { MessageVocabulary } from './core/intents/messageVocabulary';
import { OfflineRecognizer } from './core/intents/offlineRecognizer';
import type { Logger } from './logging/logger';
import { clientAddress } from './server/clientAddress';
import { createHttpServer, type HttpServer } from './server/httpServer';
import { BoundedMemoryStorage } from './storage/boundedMemoryStorage';
import { OptimisticConversationState } from './storage/optimisticConversationState';
import type { SignalLog } from './core/signals/signalLog';
import { createSignalLog } from './signals/signalStoreFactory';

/** CLU first, the offline recognizer whenever CLU fails; one warning per outage. */
function withCluFallback(settings: CluSettings, offline: IntentRecognizer, logger: Logger): IntentRecognizer {
  return new FallbackRecognizer(new CluRecognizer(settings), offline, {
    outageStarted: (error) =>
      logger.warn(
        { code: ErrorCodes.cluUnavailable, reason: (error as CluError).reason, status: (error as CluError).status },
        'CLU is failing; using the offline recognizer until it recovers',
      ),
    outageEnded: () => logger.info({ code: ErrorCodes.cluUnavailable }, 'CLU is answering again'),
  });
}

/** A local conversation no page has listened to for this long is forgotten. */
const localIdleMs = 10 * 60 * 1000;

/** Parts a caller may supply instead of the defaults (tests use this). */
export interface AppOverrides {
  storage?: Storage;
  recognizer?: IntentRecognizer;
  inquiryStore?: InquiryStore;
  limitRecords?: LimitRecords;
  mailer?: Mailer;
  profiles?: ProfileLookup;
}

/** The assembled service. */
export interface App {
  http: HttpServer;
  knowledge: KnowledgeService;
  delivery: DeliveryService;
  /** What people asked and how they judged the answers, for the curators' report. */
  signals: SignalLog;
  start(): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/**
 * Builds every part of the bot from validated config and wires them together. Loading fails
 * with a coded error naming what is wrong with the knowledge or model files.
 */
export function createApp(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): App {
  const project = loadCluProject(config.intents.modelFile);
  const { kb, knowledge, rebuilt } = loadAnswering(
    {
      knowledgeDir: config.knowledge.dir,
      indexPath: config.knowledge.indexPath,
      modelPath: config.knowledge.answerModelPath,
    },
    project,
    undefined,
    config.knowledge.answerCacheSize,
  );
  for (const reason of rebuilt) logger.warn({ reason }, 'answering artifact rebuilt from the knowledge files');
  const intentModel = loadIntentModel(config.intents.artifactPath, project);
  if (intentModel.rebuiltBecause)
    logger.warn({ reason: intentModel.rebuiltBecause }, 'intent model retrained from the CLU model file');

  const offline = new OfflineRecognizer(project, intentModel.value);
  const recognizer = overrides.recognizer ?? (config.clu ? withCluFallback(config.clu, offline, logger) : offline);
  const storage =
    overrides.storage ??
    (config.storage.kind === 'blob'
      ? new BlobsStorage(config.storage.connectionString, config.storage.container)
      : new BoundedMemoryStorage(config.storage));
  const conversationState = new OptimisticConversationState(storage);
  const auth = config.botAuth;
  const { adapter, authentication } = createAdapter(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId,
          ...auth.endpoints,
        }
      : {},
    conversationState,
    logger,
  );
  const inbox = new InquiryInbox({
    store:
      config.storage.kind === 'blob'
        ? new SharedInboxStore(storage)
        : new FileInboxStore(join(config.inquiries.dataDir, 'inbox.json')),
    adminAadIds: new Set(config.inbox.adminAadIds),
    tenantId: config.inbox.tenantId,
    serviceHosts: config.inbox.serviceHosts,
    adapter: () => adapter,
    appId: auth?.appId ?? '',
    logger,
  });
  const unanswered = new UnansweredQuestions(join(config.inquiries.dataDir, 'unanswered.json'), {
    retentionDays: config.unanswered.retentionDays,
  });
  const signalLog = createSignalLog(config, {
    onError: (error) =>
      logger.warn({ code: ErrorCodes.signalLogFailed, err: error }, 'could not record signals for the report'),
  });
  const unitIds = new Set(kb.passages.map((p) => p.id));
  const signals = new KnowledgeSignals(conversationState, signalLog, {
    suggestionFor: (text, language) => knowledge.suggestionFor(text, language),
    hasUnit: (unit) => unitIds.has(unit),
  });
  const inquiryStore = overrides.inquiryStore ?? createInquiryStore(config, loggedRecordProblems(logger));
  const delivery = createDelivery(config, kb.contacts, logger, { ...overrides, inquiryStore });
  const onKnowledgeReply: KnowledgeReplyListener = (context, question, reply, sentId) =>
    signals.replied(context, question, reply, sentId);
  const vocabulary = MessageVocabulary.fromProject(project);
  const contactDialog = new ContactDialog({
    onKnowledgeReply,
    recognizer,
    knowledge,
    intentThreshold: config.intents.threshold,
    vocabulary,
    contacts: kb.contacts,
    router: ContactRouter.load(join(config.knowledge.dir, 'routing.json'), kb.contacts),
    delivery,
    profiles: overrides.profiles ?? new TeamsProfileLookup(),
    onSubmitted: (inquiry, contact) => inbox.notify(inquiry, contact),
    onStoreFailed: (error) =>
      logger.error(
        { code: ErrorCodes.inquiryStoreFailed, ...describeStorageFailure(error) },
        'could not store a contact request at Send; the person keeps the draft',
      ),
  });
  const router = new ConversationRouter({
    recognizer,
    knowledge,
    contacts: kb.contacts,
    intentThreshold: config.intents.threshold,
    vocabulary,
    contactDialog,
    unanswered,
    onUnansweredError: (error) =>
      logger.warn({ code: ErrorCodes.unansweredLogFailed, err: error }, 'could not count an unanswered question'),
    onKnowledgeReply,
  });
  const bot = new UsaidBot({
    conversationState,
    router,
    maxMessageChars: config.limits.maxMessageChars,
    logger,
    languagePolicy: new LanguagePolicy(),
    inbox,
    signals,
    onTurnError: turnErrorHandler(conversationState, logger),
  });
  let ready = false;
  const webChatMode: WebChatMode = config.webChat.directLineSecret
    ? { kind: 'directline', secret: config.webChat.directLineSecret, endpoint: config.webChat.directLineEndpoint }
    : config.botAuth
      ? { kind: 'unavailable' }
      : { kind: 'local' };
  const addressOf = (req: Request) => clientAddress(req, config.server.trustProxyHops);
  const localDirectLine =
    webChatMode.kind === 'local'
      ? new LocalDirectLine({
          clientAddress: addressOf,
          perClientPerMinute: config.limits.perClientPerMinute,
          perClient: config.localDirectLine.conversationsPerClient,
          total: config.localDirectLine.maxConversations,
          backlogBytes: config.localDirectLine.backlogBytes,
          totalBacklogBytes: config.localDirectLine.totalBacklogBytes,
          idleMs: localIdleMs,
        })
      : undefined;
  const http = createHttpServer({
    adapter,
    authentication,
    bot,
    logger,
    port: config.server.port,
    host: config.server.host,
    maxBodyBytes: config.server.maxBodyBytes,
    isReady: () => ready,
    limits: config.limits,
    unauthenticated: !config.botAuth,
    clientAddress: addressOf,
    localDirectLine,
    readinessChecks: { inquiryStore: () => inquiryStore.ping() },
    readinessDetail: async () => ({ quarantinedInquiries: (await inquiryStore.listQuarantined()).length }),
    routes: (server) => {
      registerWebChat(server, {
        mode: webChatMode,
        logger,
        tokenRequestsPerMinute: config.webChat.tokenRequestsPerMinute,
        clientAddress: addressOf,
      });
      localDirectLine?.register(server);
    },
  });
  return {
    http,
    knowledge,
    delivery,
    signals: signalLog,
    start: async () => {
      // DATA_DIR holds personal data: private to its owner, files left by earlier versions included.
      await makeTreePrivate(config.inquiries.dataDir).catch((error: unknown) =>
        logger.error({ code: ErrorCodes.internal, err: error }, 'could not make DATA_DIR private to its owner'),
      );
      const address = await http.start();
      localDirectLine?.setBaseUrl(
        `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
      );
      delivery.start();
      unanswered.startRetention();
      signalLog.startRetention();
      ready = true;
      return address;
    },
    stop: async () => {
      ready = false;
      localDirectLine?.closeAll();
      await http.stop(config.server.shutdownGraceMs);
      await delivery.stop();
      await unanswered.stop();
      await signalLog.stop();
    },
  };
}

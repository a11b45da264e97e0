import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { defaultIntentThreshold } from '../core/conversation/routing';
import { ConfigError, describeIssues } from '../core/errors';
import type { DeliveryOptions } from '../core/contact/deliveryService';
import type { CluSettings } from '../core/intents/cluRecognizer';
import type { SendCaps } from '../core/contact/sendLimits';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A cap on sent inquiries; 0 turns it off. */
const cap = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

/** Teams and Bot Framework service hosts the inquiry inbox may post to (public cloud, GCC, GCC High, DoD). */
const defaultInboxServiceHosts = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  '*.botframework.com',
].join(',');

/** Whether HOST is a loopback interface, which only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/**
 * The environment variables the service reads, with their defaults; each has a commented line in
 * the example environment file.
 */
const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
    INDEX_PATH: z.string().trim().min(1).default('build/search-index.json'),
    ANSWER_MODEL_PATH: z.string().trim().min(1).default('build/answer-model.json'),
    ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
    CLU_MODEL_FILE: z.string().trim().min(1).default('dialogs/model/usaid-peru.clu.json'),
    INTENT_MODEL_PATH: z.string().trim().min(1).default('build/intent-model.json'),
    INTENT_THRESHOLD: z.coerce.number().min(0).max(1).default(defaultIntentThreshold),
    MAX_BODY_BYTES: positiveInt(256 * 1024),
    MAX_MESSAGE_CHARS: positiveInt(2000),
    SHUTDOWN_GRACE_MS: positiveInt(10_000),
    ALLOW_UNAUTHENTICATED: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: positiveInt(30),
    RATE_LIMIT_PER_USER_PER_MINUTE: positiveInt(60),
    MAX_TURNS_IN_FLIGHT: positiveInt(500),
    LOCAL_CONVERSATIONS_PER_CLIENT: positiveInt(20),
    LOCAL_MAX_CONVERSATIONS: positiveInt(1000),
    LOCAL_BACKLOG_BYTES: positiveInt(64 * 1024),
    LOCAL_BACKLOG_TOTAL_BYTES: positiveInt(16 * 1024 * 1024),
    CLU_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    CLU_KEY: optionalString,
    CLU_PROJECT_NAME: optionalString,
    CLU_DEPLOYMENT_NAME: optionalString,
    CLU_TIMEOUT_MS: positiveInt(3000),
    CLU_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    DATA_DIR: z.string().trim().min(1).default('data'),
    STORAGE: z.enum(['memory', 'blob']).default('memory'),
    MEMORY_STORAGE_MAX_ITEMS: positiveInt(20_000),
    MEMORY_STORAGE_MAX_MB: positiveInt(256),
    AZURE_STORAGE_CONNECTION_STRING: optionalString,
    AZURE_STORAGE_CONTAINER: z
      .string()
      .trim()
      .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a valid Blob container name')
      .default('usaid-peru-bot'),
    SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: z.string().trim().min(3).default('USAID Peru assistant <assistant@usaid-peru-bot.invalid>'),
    SMTP_TIMEOUT_MS: positiveInt(10_000),
    DELIVERY_RETRY_BASE_MS: positiveInt(30_000),
    DELIVERY_RETRY_MAX_MS: positiveInt(60 * 60 * 1000),
    DELIVERY_MAX_ATTEMPTS: positiveInt(12),
    DELIVERY_POLL_MS: positiveInt(15_000),
    INQUIRY_RETENTION_DAYS: positiveInt(90),
    UNANSWERED_RETENTION_DAYS: positiveInt(90),
    INQUIRY_LIMIT_PER_CONVERSATION_PER_DAY: cap(3),
    INQUIRY_LIMIT_PER_USER_PER_DAY: cap(3),
    INQUIRY_LIMIT_PER_EMAIL_PER_DAY: cap(3),
    INQUIRY_LIMIT_PER_HOUR: cap(20),
    DIRECT_LINE_SECRET: optionalString,
    DIRECT_LINE_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://directline.botframework.com'),
    TOKEN_RATE_LIMIT_PER_MINUTE: positiveInt(10),
    INBOX_ADMIN_AAD_IDS: commaList('').pipe(z.array(z.guid('each id must be an Azure AD object id (a GUID)'))),
    TEAMS_TENANT_ID: optionalString.pipe(z.guid('must be an Azure AD tenant id (a GUID)').optional()),
    INBOX_SERVICE_HOSTS: commaList(defaultInboxServiceHosts).pipe(
      z.array(
        z
          .string()
          .toLowerCase()
          .regex(/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'each entry must be a host name, optionally *.domain'),
      ),
    ),
    ToBotFromChannelTokenIssuer: optionalString,
    ToBotFromChannelOpenIdMetadataUrl: optionalString.pipe(z.url().optional()),
    ToBotFromEmulatorOpenIdMetadataUrl: optionalString.pipe(z.url().optional()),
    ToChannelFromBotLoginUrl: optionalString.pipe(z.url().optional()),
    ToChannelFromBotOAuthScope: optionalString,
    OAuthUrl: optionalString.pipe(z.url().optional()),
    CallerId: optionalString,
    ValidateAuthority: optionalString.pipe(z.enum(['true', 'false']).optional()),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
  })
  .superRefine((env, ctx) => {
    const cluKeys = ['CLU_ENDPOINT', 'CLU_KEY', 'CLU_PROJECT_NAME', 'CLU_DEPLOYMENT_NAME'] as const;
    const cluSet = cluKeys.filter((key) => env[key]);
    if (cluSet.length > 0) {
      for (const key of cluKeys.filter((k) => !env[k])) {
        ctx.addIssue({ code: 'custom', path: [key], message: `required when ${cluSet.join(', ')} is set` });
      }
    }
    if (env.STORAGE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_CONNECTION_STRING'],
        message: 'required when STORAGE is blob',
      });
    }
    if (env.SMTP_URL && !/<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?\s*$/.test(env.MAIL_FROM)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'must end with an e-mail address when SMTP_URL is set',
      });
    }
    const authKeys = [
      'ToBotFromChannelTokenIssuer',
      'ToBotFromChannelOpenIdMetadataUrl',
      'ToBotFromEmulatorOpenIdMetadataUrl',
      'ToChannelFromBotLoginUrl',
      'ToChannelFromBotOAuthScope',
      'OAuthUrl',
      'CallerId',
      'ValidateAuthority',
    ] as const;
    const authSet = authKeys.filter((key) => env[key]);
    if (authSet.length > 0) {
      // botbuilder only uses custom endpoints when every one of them is given.
      for (const key of authKeys.filter((k) => !env[k])) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `required when ${authSet[0]} is set (all eight or none)`,
        });
      }
    }
    if (!env.MicrosoftAppId) return;
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `required when MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
  });

type Environment = z.infer<typeof environmentSchema>;

/** Every environment variable the service reads. */
export const settingNames: readonly string[] = Object.keys(environmentSchema.shape);

/** Validated settings, grouped by the part of the service that uses them. */
export interface AppConfig {
  server: {
    port: number;
    host: string;
    maxBodyBytes: number;
    shutdownGraceMs: number;
    /** Proxies in front that append to X-Forwarded-For; 0 means the socket's peer is the client. */
    trustProxyHops: number;
    /** Local mode was explicitly allowed on an interface other than loopback. */
    allowUnauthenticated: boolean;
  };
  logLevel: Environment['LOG_LEVEL'];
  knowledge: { dir: string; indexPath: string; answerModelPath: string; answerCacheSize: number };
  intents: { modelFile: string; artifactPath: string; threshold: number };
  /** Conversation state and inquiries: this process's memory and files, or shared Blob storage. */
  storage:
    | { kind: 'memory'; maxItems: number; maxChars: number }
    | { kind: 'blob'; connectionString: string; container: string };
  /** Where inquiries are stored and how they are delivered. */
  inquiries: {
    dataDir: string;
    /** Absent: inquiries go to the outbox folder under dataDir. */
    smtpUrl?: string;
    smtpTimeoutMs: number;
    delivery: DeliveryOptions;
    /** Caps on inquiries sent, counted in DATA_DIR/limits or the shared container. */
    caps: SendCaps;
  };
  /** The Teams inquiry inbox: who may choose it, from which tenant, and where it may post. */
  inbox: {
    /** Azure AD object ids of the staff who may choose the Teams inquiry inbox channel. */
    adminAadIds: string[];
    /** The mission's Azure AD tenant; the command is accepted only from it. */
    tenantId?: string;
    /** Service hosts (`*.domain` for any subdomain) the inbox may post to. */
    serviceHosts: string[];
  };
  /** The declined questions counted for curators (DATA_DIR/unanswered.json). */
  unanswered: { retentionDays: number };
  /** The Web Chat page: Azure Direct Line when a secret is set. */
  webChat: { directLineSecret?: string; directLineEndpoint: string; tokenRequestsPerMinute: number };
  /** Present when Azure CLU is configured; absent means the offline recognizer alone. */
  clu?: CluSettings;
  limits: {
    maxMessageChars: number;
    /** Per client address, only where requests are not authenticated. */
    perClientPerMinute: number;
    perConversationPerMinute: number;
    perUserPerMinute: number;
    maxTurnsInFlight: number;
  };
  /** The local Direct Line's caps (local mode). */
  localDirectLine: {
    conversationsPerClient: number;
    maxConversations: number;
    backlogBytes: number;
    totalBacklogBytes: number;
  };
  /** Present when the bot authenticates against Azure Bot Service; absent in local mode. */
  botAuth?: {
    appId: string;
    appPassword?: string;
    appType: Environment['MicrosoftAppType'];
    tenantId?: string;
    /** Custom token endpoints (sovereign clouds, tests), under botbuilder's setting names. */
    endpoints?: Record<string, string>;
  };
}

/**
 * Without credentials anyone who reaches the port can talk as any channel and user, so local mode
 * stays on loopback unless the operator says so. Checked on the raw values, so it is listed with
 * every other problem.
 */
function exposureProblems(env: Record<string, string | undefined>): string[] {
  const host = env.HOST?.trim();
  if (env.MicrosoftAppId?.trim() || !host || isLoopbackHost(host) || env.ALLOW_UNAUTHENTICATED?.trim() === 'true') {
    return [];
  }
  return [
    'HOST: must be a loopback address without MicrosoftAppId (requests are not authenticated); set ' +
      'ALLOW_UNAUTHENTICATED=true to serve them on another interface anyway',
  ];
}

/**
 * Reads the environment once. Values from a `.env` file fill in keys the real environment does not
 * set. Throws a {@link ConfigError} naming every bad key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): AppConfig {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const merged = { ...fromFile, ...env };
  const parsed = environmentSchema.safeParse(merged);
  const problems = [...(parsed.success ? [] : describeIssues('', parsed.error.issues)), ...exposureProblems(merged)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    server: {
      port: e.PORT,
      // Without credentials anyone could talk to the bot as any channel: stay on loopback
      // unless the operator asks for another interface.
      host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
      maxBodyBytes: e.MAX_BODY_BYTES,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      allowUnauthenticated: !e.MicrosoftAppId && e.ALLOW_UNAUTHENTICATED,
    },
    logLevel: e.LOG_LEVEL,
    knowledge: {
      dir: e.KNOWLEDGE_DIR,
      indexPath: e.INDEX_PATH,
      answerModelPath: e.ANSWER_MODEL_PATH,
      answerCacheSize: e.ANSWER_CACHE_SIZE,
    },
    intents: { modelFile: e.CLU_MODEL_FILE, artifactPath: e.INTENT_MODEL_PATH, threshold: e.INTENT_THRESHOLD },
    inbox: {
      adminAadIds: e.INBOX_ADMIN_AAD_IDS,
      tenantId: e.TEAMS_TENANT_ID ?? e.MicrosoftAppTenantId,
      serviceHosts: e.INBOX_SERVICE_HOSTS,
    },
    unanswered: { retentionDays: e.UNANSWERED_RETENTION_DAYS },
    webChat: {
      directLineSecret: e.DIRECT_LINE_SECRET,
      directLineEndpoint: e.DIRECT_LINE_ENDPOINT,
      tokenRequestsPerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
    },
    storage:
      e.STORAGE === 'blob' && e.AZURE_STORAGE_CONNECTION_STRING
        ? { kind: 'blob', connectionString: e.AZURE_STORAGE_CONNECTION_STRING, container: e.AZURE_STORAGE_CONTAINER }
        : { kind: 'memory', maxItems: e.MEMORY_STORAGE_MAX_ITEMS, maxChars: e.MEMORY_STORAGE_MAX_MB * 2 ** 20 },
    inquiries: {
      dataDir: e.DATA_DIR,
      smtpUrl: e.SMTP_URL,
      smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
      delivery: {
        mailFrom: e.MAIL_FROM,
        retryBaseMs: e.DELIVERY_RETRY_BASE_MS,
        retryMaxMs: e.DELIVERY_RETRY_MAX_MS,
        maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
        leaseMs: Math.max(2 * e.SMTP_TIMEOUT_MS, 30_000),
        pollMs: e.DELIVERY_POLL_MS,
        retentionDays: e.INQUIRY_RETENTION_DAYS,
      },
      caps: {
        perConversationPerDay: e.INQUIRY_LIMIT_PER_CONVERSATION_PER_DAY,
        perUserPerDay: e.INQUIRY_LIMIT_PER_USER_PER_DAY,
        perEmailPerDay: e.INQUIRY_LIMIT_PER_EMAIL_PER_DAY,
        overallPerHour: e.INQUIRY_LIMIT_PER_HOUR,
      },
    },
    clu:
      e.CLU_ENDPOINT && e.CLU_KEY && e.CLU_PROJECT_NAME && e.CLU_DEPLOYMENT_NAME
        ? {
            endpoint: e.CLU_ENDPOINT,
            key: e.CLU_KEY,
            projectName: e.CLU_PROJECT_NAME,
            deploymentName: e.CLU_DEPLOYMENT_NAME,
            timeoutMs: e.CLU_TIMEOUT_MS,
            maxRetries: e.CLU_MAX_RETRIES,
          }
        : undefined,
    limits: {
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      perClientPerMinute: e.RATE_LIMIT_PER_CLIENT_PER_MINUTE,
      perConversationPerMinute: e.RATE_LIMIT_PER_CONVERSATION_PER_MINUTE,
      perUserPerMinute: e.RATE_LIMIT_PER_USER_PER_MINUTE,
      maxTurnsInFlight: e.MAX_TURNS_IN_FLIGHT,
    },
    localDirectLine: {
      conversationsPerClient: e.LOCAL_CONVERSATIONS_PER_CLIENT,
      maxConversations: e.LOCAL_MAX_CONVERSATIONS,
      backlogBytes: e.LOCAL_BACKLOG_BYTES,
      totalBacklogBytes: e.LOCAL_BACKLOG_TOTAL_BYTES,
    },
    botAuth: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId,
          endpoints: e.ToBotFromChannelTokenIssuer
            ? {
                ToBotFromChannelTokenIssuer: e.ToBotFromChannelTokenIssuer,
                ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl ?? '',
                ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl ?? '',
                ToChannelFromBotLoginUrl: e.ToChannelFromBotLoginUrl ?? '',
                ToChannelFromBotOAuthScope: e.ToChannelFromBotOAuthScope ?? '',
                OAuthUrl: e.OAuthUrl ?? '',
                CallerId: e.CallerId ?? '',
                ValidateAuthority: e.ValidateAuthority ?? 'true',
              }
            : undefined,
        }
      : undefined,
  };
}

import { AzureKeyCredential, ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../errors';
import type { Language } from '../text/normalize';
import {
  type EntityCategory,
  type EntityMatch,
  type IntentRecognizer,
  type IntentResult,
  intentNames,
  scoreTable,
  topIntentOf,
} from './intentTypes';

/** How to reach a deployed CLU project. */
export interface CluSettings {
  endpoint: string;
  key: string;
  projectName: string;
  deploymentName: string;
  /** Longest wait for one recognition, retries included. */
  timeoutMs: number;
  /** Retries after a 429 or 5xx, within the timeout. */
  maxRetries: number;
}

/** The runtime API version the bot speaks; the SDK's default is an older preview. */
export const cluApiVersion = '2023-04-01';

/** Why a CLU call failed, for logs and for tests that branch on it. */
export type CluFailure = 'timeout' | 'unauthorized' | 'throttled' | 'unavailable' | 'malformed' | 'network';

/** A failed call to CLU; the caller falls back to the offline recognizer. */
export class CluError extends AppError {
  constructor(
    readonly reason: CluFailure,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(ErrorCodes.cluUnavailable, message, [], options);
    this.name = 'CluError';
  }
}

/** What the SDK hands over (it renames the service's `confidenceScore` to `confidence`). */
const predictionSchema = z.object({
  kind: z.literal('ConversationResult'),
  result: z.object({
    query: z.string(),
    prediction: z.object({
      projectKind: z.literal('Conversation'),
      topIntent: z.string().optional(),
      intents: z.array(z.object({ category: z.string(), confidence: z.number().min(0).max(1) })),
      entities: z.array(
        z.object({
          category: z.string(),
          text: z.string(),
          offset: z.number().int().min(0),
          length: z.number().int().min(0),
          confidence: z.number().min(0).max(1),
          extraInformation: z
            .array(z.object({ extraInformationKind: z.string(), key: z.string().optional() }).loose())
            .optional(),
        }),
      ),
    }),
  }),
});

const entityCategories = new Set<string>(['ContactRole', 'PersonName', 'Email']);
const isLoopback = (url: string) => /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);

function classify(error: unknown): CluError {
  if (error instanceof CluError) return error;
  const e = error as { name?: string; statusCode?: number; message?: string; code?: string };
  if (e.name === 'AbortError' || e.name === 'TimeoutError')
    return new CluError('timeout', 'CLU did not answer in time', undefined, { cause: error });
  const status = e.statusCode;
  if (status === 401 || status === 403)
    return new CluError('unauthorized', `CLU refused the key (${status})`, status, { cause: error });
  if (status === 429) return new CluError('throttled', 'CLU is throttling requests (429)', status, { cause: error });
  if (status !== undefined && status >= 500)
    return new CluError('unavailable', `CLU failed (${status})`, status, { cause: error });
  if (status !== undefined) return new CluError('malformed', `CLU answered ${status}`, status, { cause: error });
  if (e.name === 'RestError' && /JSON|parse/i.test(e.message ?? ''))
    return new CluError('malformed', 'CLU answered with invalid JSON', undefined, { cause: error });
  return new CluError('network', `CLU could not be reached: ${e.message ?? 'unknown error'}`, undefined, {
    cause: error,
  });
}

/**
 * Recognizes intents with a deployed Azure CLU project through `@azure/ai-language-conversations`
 * (api-version 2023-04-01, bounded retries, a timeout). Throws {@link CluError} on any failure.
 */
export class CluRecognizer implements IntentRecognizer {
  private readonly client: ConversationAnalysisClient;

  constructor(private readonly settings: CluSettings) {
    this.client = new ConversationAnalysisClient(settings.endpoint, new AzureKeyCredential(settings.key), {
      apiVersion: cluApiVersion,
      // Plain HTTP only ever to this machine, where tests run a fake of the service.
      allowInsecureConnection: isLoopback(settings.endpoint),
      retryOptions: { maxRetries: settings.maxRetries, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    });
  }

  async recognize(text: string, language: Language): Promise<IntentResult> {
    let response: unknown;
    try {
      response = await this.client.analyzeConversation(
        {
          kind: 'Conversation',
          analysisInput: {
            conversationItem: { id: '1', participantId: 'user', text, language: language === 'es' ? 'es' : 'en-us' },
          },
          parameters: {
            projectName: this.settings.projectName,
            deploymentName: this.settings.deploymentName,
            stringIndexType: 'Utf16CodeUnit',
          },
        },
        { abortSignal: AbortSignal.timeout(this.settings.timeoutMs) },
      );
    } catch (error) {
      throw classify(error);
    }
    const parsed = predictionSchema.safeParse(response);
    if (!parsed.success) throw new CluError('malformed', 'CLU answered in an unexpected shape');
    const { prediction } = parsed.data.result;
    const intents = scoreTable(
      Object.fromEntries(
        prediction.intents
          .filter((i) => (intentNames as readonly string[]).includes(i.category))
          .map((i) => [i.category, i.confidence]),
      ),
    );
    const entities: EntityMatch[] = prediction.entities
      .filter((e) => entityCategories.has(e.category))
      .map((e) => ({
        category: e.category as EntityCategory,
        text: e.text,
        value: e.extraInformation?.find((x) => x.extraInformationKind === 'ListKey')?.key ?? e.text,
        offset: e.offset,
        length: e.length,
        confidence: e.confidence,
      }));
    return { text, intents, topIntent: topIntentOf(intents), entities, source: 'clu' };
  }
}

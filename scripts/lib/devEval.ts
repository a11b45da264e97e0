import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const evalFileSchema = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      lang: z.enum(['en', 'es']),
      kind: z.enum(['answer', 'oos']),
      q: z.string(),
      expect: z.array(z.string()).optional(),
    }),
  ),
});

export type EvalCase = z.infer<typeof evalFileSchema>['cases'][number];

/** The outcome of one question. */
export interface CaseResult {
  evalCase: EvalCase;
  passed: boolean;
  cited: boolean;
  reply: string;
  /** Why it failed. */
  failure?: string;
}

/** Pass rate of one group of cases, e.g. "answer/en". */
export interface GroupScore {
  group: string;
  passed: number;
  total: number;
  rate: number;
  threshold?: number;
}

/** Minimum pass rates, by group: English answers, Spanish answers, and declines. */
export const thresholds: Record<string, number> = { 'answer/en': 0.9, 'answer/es': 0.85, oos: 0.9 };

/** Reads an evaluation file in the shared format. */
export function readCases(path: string): EvalCase[] {
  return evalFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).cases;
}

interface ReplyActivity {
  type?: string;
  text?: string;
  entities?: { type?: string; citation?: { appearance?: { name?: string; abstract?: string } }[] }[];
  attachments?: unknown[];
}

/** Sends one question as a channel would, with deliveryMode expectReplies, and returns the replies. */
export async function ask(messagesUrl: string, text: string, locale: string): Promise<ReplyActivity[]> {
  const conversationId = `eval-${randomUUID()}`;
  const response = await fetch(messagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      conversation: { id: conversationId },
      from: { id: 'eval-user', role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
      locale,
      text,
    }),
  });
  if (!response.ok) throw new Error(`${messagesUrl} answered ${response.status}`);
  const body = (await response.json()) as { activities?: ReplyActivity[] };
  return (body.activities ?? []).filter((a) => a.type === 'message');
}

/** Judges one case by the rules stated in the evaluation file. */
export function judge(evalCase: EvalCase, replies: readonly ReplyActivity[]): CaseResult {
  const citations = replies.flatMap((r) =>
    (r.entities ?? []).filter((e) => e.type === 'https://schema.org/Message').flatMap((e) => e.citation ?? []),
  );
  const cited = citations.length > 0;
  const reply = replies.map((r) => r.text ?? '').join('\n');
  const haystack = [
    reply,
    JSON.stringify(replies.map((r) => r.attachments ?? [])),
    ...citations.map((c) => `${c.appearance?.name ?? ''} ${c.appearance?.abstract ?? ''}`),
  ].join('\n');
  if (evalCase.kind === 'oos') {
    const passed = !cited && reply.trim().length > 0;
    return { evalCase, passed, cited, reply, failure: passed ? undefined : 'answered with a citation' };
  }
  if (!cited) return { evalCase, passed: false, cited, reply, failure: 'no citation' };
  const missing = (evalCase.expect ?? []).filter((pattern) => !new RegExp(pattern, 'i').test(haystack));
  return {
    evalCase,
    passed: missing.length === 0,
    cited,
    reply,
    failure: missing.length ? `missing ${missing.join(', ')}` : undefined,
  };
}

/** Runs every case against a bot's messaging endpoint. */
export async function runEval(messagesUrl: string, cases: readonly EvalCase[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const evalCase of cases) {
    const replies = await ask(messagesUrl, evalCase.q, evalCase.lang === 'es' ? 'es-PE' : 'en-US');
    results.push(judge(evalCase, replies));
  }
  return results;
}

/** Pass rates by group ("answer/en", "answer/es", "oos"), with the threshold each must meet. */
export function score(results: readonly CaseResult[]): GroupScore[] {
  const groups = new Map<string, CaseResult[]>();
  for (const result of results) {
    const group = result.evalCase.kind === 'oos' ? 'oos' : `answer/${result.evalCase.lang}`;
    groups.set(group, [...(groups.get(group) ?? []), result]);
  }
  return [...groups].map(([group, members]) => {
    const passed = members.filter((m) => m.passed).length;
    return { group, passed, total: members.length, rate: passed / members.length, threshold: thresholds[group] };
  });
}

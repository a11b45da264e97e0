import type { Activity, RecognizerResult } from 'botbuilder';
import { type DialogContext, Recognizer } from 'botbuilder-dialogs';
import {
  type EntityCategory,
  type EntityMatch,
  type IntentRecognizer,
  type IntentResult,
  intentNames,
  scoreTable,
  topIntentOf,
} from '../core/intents/intentTypes';
import { turnLanguage } from './turnLanguage';

interface InstanceData {
  startIndex: number;
  endIndex: number;
  text: string;
  score: number;
}

/** Converts a core result to the LUIS-style `RecognizerResult` that botbuilder dialogs expect. */
export function toRecognizerResult(result: IntentResult): RecognizerResult {
  const entities: Record<string, unknown> & { $instance: Record<string, InstanceData[]> } = { $instance: {} };
  for (const entity of result.entities) {
    const values = (entities[entity.category] as string[] | undefined) ?? [];
    values.push(entity.value);
    entities[entity.category] = values;
    (entities.$instance[entity.category] ??= []).push({
      startIndex: entity.offset,
      endIndex: entity.offset + entity.length,
      text: entity.text,
      score: entity.confidence,
    });
  }
  return {
    text: result.text,
    intents: Object.fromEntries(intentNames.map((name) => [name, { score: result.intents[name] }])),
    entities,
    source: result.source,
  };
}

/** Reads a `RecognizerResult` back into the core shape, whichever recognizer produced it. */
export function fromRecognizerResult(result: RecognizerResult): IntentResult {
  const intents = scoreTable(
    Object.fromEntries(Object.entries(result.intents).map(([name, value]) => [name, value.score ?? 0])),
  );
  const instances = (result.entities?.$instance ?? {}) as Record<string, InstanceData[]>;
  const entities: EntityMatch[] = [];
  for (const category of ['ContactRole', 'PersonName', 'Email'] as EntityCategory[]) {
    const values = (result.entities?.[category] as string[] | undefined) ?? [];
    values.forEach((value, i) => {
      const instance = instances[category]?.[i];
      entities.push({
        category,
        value,
        text: instance?.text ?? value,
        offset: instance?.startIndex ?? 0,
        length: (instance?.endIndex ?? 0) - (instance?.startIndex ?? 0),
        confidence: instance?.score ?? 1,
      });
    });
  }
  const source = (result as { source?: unknown }).source === 'clu' ? 'clu' : 'offline';
  return { text: result.text, intents, topIntent: topIntentOf(intents), entities, source };
}

/**
 * Plugs a core {@link IntentRecognizer} into botbuilder-dialogs, the way the LUIS recognizer did.
 */
export class IntentRecognizerAdapter extends Recognizer {
  constructor(private readonly inner: IntentRecognizer) {
    super();
    this.id = 'intentRecognizer';
  }

  override async recognize(dialogContext: DialogContext, activity: Partial<Activity>): Promise<RecognizerResult> {
    const result = await this.inner.recognize(activity.text ?? '', turnLanguage(dialogContext.context));
    return toRecognizerResult(result);
  }
}

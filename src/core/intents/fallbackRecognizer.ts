import type { Language } from '../text/normalize';
import type { IntentRecognizer, IntentResult } from './intentTypes';

/** Told when the primary recognizer starts failing and when it works again. */
export interface OutageListener {
  outageStarted(error: unknown): void;
  outageEnded(): void;
}

/**
 * Uses the primary recognizer (CLU) and, whenever it fails, the fallback (offline) for that turn,
 * so the user notices nothing. The listener hears of an outage once when it starts and once when
 * it ends, not on every failed turn.
 */
export class FallbackRecognizer implements IntentRecognizer {
  private inOutage = false;

  constructor(
    private readonly primary: IntentRecognizer,
    private readonly fallback: IntentRecognizer,
    private readonly listener: OutageListener,
  ) {}

  async recognize(text: string, language: Language): Promise<IntentResult> {
    try {
      const result = await this.primary.recognize(text, language);
      if (this.inOutage) {
        this.inOutage = false;
        this.listener.outageEnded();
      }
      return result;
    } catch (error) {
      if (!this.inOutage) {
        this.inOutage = true;
        this.listener.outageStarted(error);
      }
      return this.fallback.recognize(text, language);
    }
  }
}

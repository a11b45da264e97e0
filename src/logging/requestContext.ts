import { AsyncLocalStorage } from 'node:async_hooks';

/** Data about the HTTP request a piece of work belongs to. */
export interface RequestContext {
  requestId: string;
  /** What the turn ended in, set by the bot for the request log. */
  outcome?: string;
  /** More about the outcome (a decline reason, a contact step). */
  detail?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` available to {@link currentRequest} in everything it calls. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

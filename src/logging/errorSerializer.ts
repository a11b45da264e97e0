/** What a log line keeps of an error: never the objects libraries attach to it. */
export interface SerializedError {
  type: string;
  message?: string;
  code?: string | number;
  statusCode?: number;
  stack?: string;
}

/** Longest message or stack kept, in characters. */
const maxMessageChars = 500;
const maxStackChars = 4000;

const isError = (value: unknown): value is Error & Record<string, unknown> =>
  value instanceof Error ||
  (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string');

/**
 * botbuilder-dialogs wraps every error thrown inside a dialog in a `DialogContextError` that
 * carries the dialog stack, and with it everything the person typed so far. Its own message and
 * stack say nothing the wrapped error does not, so the wrapped error is what gets logged.
 */
function unwrap(error: Error & Record<string, unknown>): Error & Record<string, unknown> {
  let current = error;
  for (let depth = 0; depth < 5 && 'dialogContext' in current && isError(current.error); depth += 1) {
    current = current.error;
  }
  return current;
}

/**
 * An HTTP client's error (Azure's RestError, botbuilder's Connector calls) takes its message from
 * the response body, which a service may fill with the request it refused, the summary of an
 * inquiry included: the status says what went wrong without it.
 */
function messageOf(error: Error & Record<string, unknown>, status: number | undefined): string | undefined {
  if (status !== undefined && ('response' in error || 'request' in error)) return `HTTP ${status}`;
  return typeof error.message === 'string' ? error.message.slice(0, maxMessageChars) : undefined;
}

/** The stack's frames under a first line made of what is kept (a stack starts with the message). */
function stackOf(error: Error, type: string, message: string | undefined): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${type}${message ? `: ${message}` : ''}`, ...frames].join('\n').slice(0, maxStackChars);
}

function typeOf(error: Error): string {
  const name = typeof error.constructor === 'function' ? error.constructor.name : undefined;
  return (name && name !== 'Object' ? name : undefined) ?? (typeof error.name === 'string' ? error.name : 'Error');
}

/**
 * The one error serializer of every logger: type, message, code, status code and stack, nothing
 * else. Errors from HTTP clients carry the request (with its body) and the response; errors from
 * dialogs carry the dialog state; none of that reaches a log line. A thrown value that is not an
 * error is logged by its type alone, since it could be anything the person typed.
 */
export function serializeError(value: unknown): SerializedError {
  if (!isError(value)) return { type: value === null ? 'null' : typeof value };
  const error = unwrap(value);
  const type = typeOf(error);
  const serialized: SerializedError = { type };
  const status = error.statusCode ?? error.status;
  const statusCode = typeof status === 'number' ? status : undefined;
  const message = messageOf(error, statusCode);
  if (message !== undefined) serialized.message = message;
  const code = error.code;
  if (typeof code === 'string' || typeof code === 'number') serialized.code = code;
  if (statusCode !== undefined) serialized.statusCode = statusCode;
  const stack = stackOf(error, type, message);
  if (stack !== undefined) serialized.stack = stack;
  return serialized;
}

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
  const serialized: SerializedError = { type: typeOf(error) };
  if (typeof error.message === 'string') serialized.message = error.message.slice(0, maxMessageChars);
  const code = error.code;
  if (typeof code === 'string' || typeof code === 'number') serialized.code = code;
  const status = error.statusCode ?? error.status;
  if (typeof status === 'number') serialized.statusCode = status;
  if (typeof error.stack === 'string') serialized.stack = error.stack.slice(0, maxStackChars);
  return serialized;
}

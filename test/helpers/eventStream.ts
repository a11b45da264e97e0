/** What a server-sent event stream gave before it was closed. */
export interface StreamRead {
  status: number;
  /** The `data:` payloads, parsed as JSON. */
  events: Record<string, unknown>[];
}

/**
 * Opens a server-sent event stream over HTTP and reads events until `until` is satisfied (or the
 * stream refuses), then closes it.
 */
export async function readEvents(
  url: string,
  until: (events: Record<string, unknown>[]) => boolean,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<StreamRead> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (!response.ok || !response.body) return { status: response.status, events: [] };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const events: Record<string, unknown>[] = [];
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
        }
        end = buffer.indexOf('\n\n');
      }
    }
    controller.abort();
    return { status: response.status, events };
  } finally {
    clearTimeout(timer);
  }
}

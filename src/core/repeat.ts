/**
 * Runs `task` now and then every `everyMs`, reporting a failure to `onError` rather than stopping.
 * The timer keeps no process alive. Returns what stops it.
 */
export function runNowAndEvery(
  task: () => Promise<unknown>,
  everyMs: number,
  onError: (error: unknown) => void,
): () => void {
  const run = () => void task().catch(onError);
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

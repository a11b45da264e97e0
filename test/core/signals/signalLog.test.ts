import { SignalLog } from '../../../src/core/signals/signalLog';
import { MemorySignalStore } from '../../helpers/memorySignalStore';

const at = (iso: string) => new Date(iso);

describe('the signal log', () => {
  it('keeps question and comment text as declined questions are kept: no e-mails, long numbers or controls', async () => {
    const store = new MemorySignalStore();
    const log = new SignalLog(store);
    log.record({
      kind: 'decline',
      language: 'en',
      reason: 'low-confidence',
      question: 'Call me\u0007 at +51 1 234 5678 or ana.perez@example.org\u202E about 2022',
    });
    log.record({
      kind: 'feedback',
      language: 'en',
      unit: 'usaid-peru#goal',
      reaction: 'dislike',
      channel: 'msteams',
      comment: 'Wrong!\nWrite to luis@example.org',
    });
    await log.flush();
    const events = await log.read();
    expect(events.map((e) => ('question' in e ? e.question : undefined))).toEqual([
      'Call me at [number] or [email] about 2022',
      undefined,
    ]);
    expect(events[1]).toMatchObject({ comment: 'Wrong! Write to [email]' });
    expect([...store.files.values()].join('')).not.toMatch(/example\.org|5678|\u0007|\u202E/);
  });

  it('writes a signal at once, and those that come during a write together in the next', async () => {
    const store = new MemorySignalStore();
    const log = new SignalLog(store);
    let open = () => {};
    store.gate = new Promise((resolve) => (open = resolve));
    log.record({ kind: 'answer', language: 'en', unit: 'usaid-peru#goal', via: 'question' });
    for (let i = 0; i < 5; i += 1)
      log.record({ kind: 'answer', language: 'es', unit: 'usaid-peru#goal', via: 'question' });
    open();
    await log.flush();
    expect(store.appends.map((a) => a.lines)).toEqual([1, 5]);
  });

  it('keeps what a failed write held and writes it at the next attempt, telling of the failure once', async () => {
    const store = new MemorySignalStore();
    const errors: unknown[] = [];
    const log = new SignalLog(store, { onError: (error) => errors.push(error), retryMs: 60_000 });
    store.failure = new Error('disk full');
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    log.record({ kind: 'answer', language: 'en', unit: 'usaid-peru#goal', via: 'question' });
    await settled();
    // While the retry waits, further signals queue rather than fail once each.
    log.record({ kind: 'answer', language: 'en', unit: 'usaid-peru#policy', via: 'question' });
    await settled();
    expect(errors).toHaveLength(1);
    store.failure = undefined;
    await log.stop();
    expect((await log.read()).map((e) => (e.kind === 'answer' ? e.unit : ''))).toEqual([
      'usaid-peru#goal',
      'usaid-peru#policy',
    ]);
  });

  it('files each signal under its UTC day and forgets days past retention', async () => {
    const store = new MemorySignalStore();
    const log = new SignalLog(store, { retentionDays: 30 });
    log.record(
      { kind: 'answer', language: 'en', unit: 'usaid-peru#goal', via: 'question' },
      at('2026-10-01T23:59:00Z'),
    );
    log.record(
      { kind: 'answer', language: 'en', unit: 'usaid-peru#policy', via: 'question' },
      at('2026-11-20T00:01:00Z'),
    );
    await log.flush();
    expect([...store.files.keys()].sort()).toEqual(['2026-10-01', '2026-11-20']);
    const now = at('2026-11-25T12:00:00Z');
    expect((await log.read(now)).map((e) => e.at)).toEqual(['2026-11-20T00:01:00.000Z']);
    expect(await log.purge(now)).toBe(1);
    expect([...store.files.keys()]).toEqual(['2026-11-20']);
  });

  it('skips lines that are not signals (cut short, edited by hand) and reads the rest', async () => {
    const store = new MemorySignalStore();
    store.files.set(
      '2026-11-20',
      '{"kind":"answer","language":"en","unit":"usaid-peru#goal","via":"question","at":"2026-11-20T10:00:00.000Z"}\n' +
        '{"kind":"answer","language":"fr","unit":"x","via":"question","at":"2026-11-20T10:00:00.000Z"}\n' +
        '{"kind":"answer","langu',
    );
    const events = await new SignalLog(store).read(at('2026-11-21T00:00:00Z'));
    expect(events).toEqual([
      { kind: 'answer', language: 'en', unit: 'usaid-peru#goal', via: 'question', at: '2026-11-20T10:00:00.000Z' },
    ]);
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type SendCaps, SendLimiter, type Sender } from '../../../src/core/contact/sendLimits';
import { FileLimitRecords } from '../../../src/inquiries/fileLimitRecords';
import { ManualClock, noCaps } from '../../helpers/contact';
import { tempDir } from '../../helpers/tempDir';

const sender = (overrides: Partial<Sender> = {}): Sender => ({
  conversation: 'webchat/c1',
  user: 'webchat/u1',
  email: 'ana@example.org',
  ...overrides,
});

function limiter(caps: Partial<SendCaps>, dir = tempDir('limits-'), clock = new ManualClock()) {
  const warnings: string[] = [];
  const made = new SendLimiter(
    new FileLimitRecords(dir),
    { ...noCaps, ...caps },
    { overallCapReached: (hour, cap) => warnings.push(`${hour} ${cap}`) },
    clock.now,
  );
  return { limiter: made, warnings, dir, clock };
}

let submissions = 0;
const submission = () => `summary/${(submissions += 1)}`;

describe('SendLimiter', () => {
  it('admits up to each cap and then names the cap that refuses', async () => {
    const { limiter: l } = limiter({ perConversationPerDay: 2, perUserPerDay: 5, perEmailPerDay: 5 });
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
    expect((await l.reserve(sender({ email: 'b@example.org' }), submission())).ok).toBe(true);
    expect(await l.reserve(sender({ email: 'c@example.org' }), submission())).toEqual({
      ok: false,
      scope: 'conversation',
      cap: 2,
    });
    expect((await l.reserve(sender({ conversation: 'webchat/c2' }), submission())).ok).toBe(true);
  });

  it('counts an e-mail address whatever its case', async () => {
    const { limiter: l } = limiter({ perEmailPerDay: 1 });
    await l.reserve(sender({ email: 'Ana@Example.org' }), submission());
    expect(await l.reserve(sender({ conversation: 'x', user: 'y' }), submission())).toMatchObject({ scope: 'email' });
  });

  it('takes nothing when one cap refuses, so the others are not used up', async () => {
    const { limiter: l } = limiter({ perConversationPerDay: 5, perEmailPerDay: 1 });
    await l.reserve(sender(), submission());
    for (let i = 0; i < 5; i += 1) expect((await l.reserve(sender(), submission())).ok).toBe(false);
    expect((await l.reserve(sender({ email: 'b@example.org' }), submission())).ok).toBe(true);
  });

  it('gives slots back on release', async () => {
    const { limiter: l } = limiter({ perConversationPerDay: 1 });
    const first = await l.reserve(sender(), submission());
    if (!first.ok) throw new Error('refused');
    await first.release();
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
  });

  it('admits exactly the cap among many concurrent senders, on two limiters sharing the records', async () => {
    const dir = tempDir('limits-');
    const a = limiter({ overallPerHour: 7 }, dir).limiter;
    const b = limiter({ overallPerHour: 7 }, dir).limiter;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).reserve(sender({ conversation: `c${i}`, user: `u${i}`, email: `${i}@x.org` }), submission()),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(7);
  });

  it('holds across a restart: a new limiter on the same folder sees the slots taken', async () => {
    const first = limiter({ perUserPerDay: 1 });
    await first.limiter.reserve(sender(), submission());
    const restarted = limiter({ perUserPerDay: 1 }, first.dir).limiter;
    expect(await restarted.reserve(sender({ conversation: 'other' }), submission())).toMatchObject({ scope: 'user' });
  });

  it('counts a repeat of one submission that finds the cap full as already counted', async () => {
    const { limiter: l } = limiter({ perConversationPerDay: 1 });
    const key = submission();
    expect((await l.reserve(sender(), key)).ok).toBe(true);
    expect((await l.reserve(sender(), key)).ok).toBe(true);
    expect((await l.reserve(sender(), submission())).ok).toBe(false);
  });

  it('warns once per hour when the overall cap is reached, and again the next hour', async () => {
    const { limiter: l, warnings, clock } = limiter({ overallPerHour: 2 });
    for (let i = 0; i < 5; i += 1) await l.reserve(sender({ conversation: `c${i}` }), submission());
    expect(warnings).toEqual(['2026-11-30T12 2']);
    clock.advance(60 * 60 * 1000);
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
    for (let i = 0; i < 3; i += 1) await l.reserve(sender({ conversation: `d${i}` }), submission());
    expect(warnings).toEqual(['2026-11-30T12 2', '2026-11-30T13 2']);
  });

  it('starts each day afresh and purges the windows that can no longer count', async () => {
    const { limiter: l, clock, dir } = limiter({ perConversationPerDay: 1, overallPerHour: 10 });
    await l.reserve(sender(), submission());
    clock.advance(24 * 60 * 60 * 1000);
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
    clock.advance(24 * 60 * 60 * 1000);
    await l.purge();
    expect(readdirSync(join(dir, 'day'))).toEqual(['2026-12-01']);
    expect(readdirSync(join(dir, 'hour'))).toEqual([]);
  });

  it('reports a cap already used up before anything is typed', async () => {
    const { limiter: l } = limiter({ perConversationPerDay: 1 });
    expect(await l.reached({ conversation: 'webchat/c1', user: 'webchat/u1' })).toBeUndefined();
    await l.reserve(sender(), submission());
    expect(await l.reached({ conversation: 'webchat/c1', user: 'webchat/u9' })).toEqual(
      expect.objectContaining({ scope: 'conversation', cap: 1 }),
    );
  });

  it('refuses a cap another limiter filled after this one checked it', async () => {
    const dir = tempDir('limits-');
    const a = limiter({ perConversationPerDay: 2 }, dir).limiter;
    const b = limiter({ perConversationPerDay: 2 }, dir).limiter;
    expect(await a.reached({ conversation: 'webchat/c1' })).toBeUndefined();
    expect((await b.reserve(sender(), submission())).ok).toBe(true);
    expect((await b.reserve(sender(), submission())).ok).toBe(true);
    expect(await a.reserve(sender(), submission())).toMatchObject({ ok: false, scope: 'conversation' });
  });

  it('claims a slot another limiter gave back, though this one saw it taken', async () => {
    const dir = tempDir('limits-');
    const a = limiter({ perConversationPerDay: 2 }, dir).limiter;
    const b = limiter({ perConversationPerDay: 2 }, dir).limiter;
    const held = await b.reserve(sender(), submission());
    expect((await a.reserve(sender(), submission())).ok).toBe(true);
    expect(await a.reached({ conversation: 'webchat/c1' })).toMatchObject({ scope: 'conversation' });
    if (!held.ok) throw new Error('refused');
    await held.release();
    expect((await a.reserve(sender(), submission())).ok).toBe(true);
    expect(await a.reserve(sender(), submission())).toMatchObject({ ok: false, scope: 'conversation' });
  });

  it('does not list a folder again to claim in it right after checking it', async () => {
    const records = new FileLimitRecords(tempDir('limits-'));
    const listed: string[] = [];
    const children = records.children.bind(records);
    records.children = (prefix) => (listed.push(prefix), children(prefix));
    const l = new SendLimiter(
      records,
      { ...noCaps, perConversationPerDay: 3, perUserPerDay: 3 },
      {
        overallCapReached: () => undefined,
      },
    );
    expect(await l.reached({ conversation: 'webchat/c1', user: 'webchat/u1' })).toBeUndefined();
    expect(listed).toHaveLength(2);
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
    expect((await l.reserve(sender(), submission())).ok).toBe(true);
    expect(listed).toHaveLength(2);
  });

  it('admits everything when every cap is 0, writing nothing', async () => {
    const { limiter: l, dir } = limiter({});
    for (let i = 0; i < 5; i += 1) expect((await l.reserve(sender(), submission())).ok).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps senders as hashes, never as typed', async () => {
    const { limiter: l, dir } = limiter({ perEmailPerDay: 3 });
    await l.reserve(sender(), submission());
    const listing = JSON.stringify(readdirSync(dir, { recursive: true }));
    expect(listing).not.toContain('ana');
    expect(listing).not.toContain('webchat');
  });
});

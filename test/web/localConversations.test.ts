import { LocalConversations } from '../../src/web/localConversations';

const limits = { perClient: 2, total: 3, backlogBytes: 100, totalBacklogBytes: 150, idleMs: 1000 };

function created(conversations: LocalConversations, owner: string) {
  const result = conversations.create(owner);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('LocalConversations', () => {
  it('opens a conversation only with the token it was created with', () => {
    const conversations = new LocalConversations(limits);
    const { conversation, token } = created(conversations, 'a');
    expect(conversations.authorize(conversation.id, token)).toBe(conversation);
    expect(conversations.authorize(conversation.id, `${token}x`)).toBeUndefined();
    expect(conversations.authorize('local-unknown', token)).toBeUndefined();
  });

  it('caps conversations per address and in all', () => {
    const conversations = new LocalConversations(limits);
    created(conversations, 'a');
    created(conversations, 'a');
    expect(conversations.create('a')).toEqual({ ok: false, reason: 'client-full' });
    created(conversations, 'b');
    expect(conversations.create('c')).toEqual({ ok: false, reason: 'server-full' });
  });

  it('forgets conversations nobody listens to after the idle time, freeing their slots', () => {
    let now = 0;
    const conversations = new LocalConversations(limits, () => now);
    const listened = created(conversations, 'a').conversation;
    listened.streams.add({} as never);
    created(conversations, 'a');
    now = 5000;
    const again = conversations.create('a');
    expect(again.ok).toBe(true);
    expect(conversations.size).toBe(2);
    expect(conversations.get(listened.id)).toBe(listened);
  });

  it('keeps the newest activities within the per-conversation and total byte caps', () => {
    const conversations = new LocalConversations(limits);
    const first = created(conversations, 'a').conversation;
    const second = created(conversations, 'b').conversation;
    for (let i = 0; i < 5; i += 1) conversations.keep(first, `"${'x'.repeat(28)}${i}"`);
    expect(first.backlog).toHaveLength(3);
    expect(first.backlog.at(-1)).toContain('4');
    for (let i = 0; i < 3; i += 1) conversations.keep(second, `"${'y'.repeat(28)}${i}"`);
    // The total cap trims the conversation used least recently first.
    expect(conversations.backlogBytes).toBeLessThanOrEqual(150);
    expect(second.backlog).toHaveLength(3);
    expect(first.backlog.length).toBeLessThan(3);
  });
});

import { identityKeys, KeyedLimit, TurnLimits } from '../../src/server/rateLimiter';

const activity = (conversation: string, user: string, channelId = 'webchat', aadObjectId?: string) => ({
  channelId,
  conversation: { id: conversation },
  from: { id: user, aadObjectId },
});

describe('KeyedLimit', () => {
  it('allows the budget per key, then says how long to wait', async () => {
    const limit = new KeyedLimit(2);
    expect(await limit.take('a')).toEqual({ allowed: true });
    expect(await limit.take('a')).toEqual({ allowed: true });
    const refused = await limit.take('a');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await limit.take('b')).toEqual({ allowed: true });
  });
});

describe('identityKeys', () => {
  it('keys the conversation and the user by channel, so equal ids on two channels stay apart', () => {
    expect(identityKeys(activity('c1', 'u1', 'webchat'))).not.toEqual(identityKeys(activity('c1', 'u1', 'emulator')));
  });

  it('keys a Teams user by Azure AD object id, the same in every chat', () => {
    const a = identityKeys(activity('personal', '29:one', 'msteams', 'aad-1'));
    const b = identityKeys(activity('19:channel', '29:other-id', 'msteams', 'aad-1'));
    expect(a.user).toBe(b.user);
    expect(a.conversation).not.toBe(b.conversation);
  });

  it('ignores an aadObjectId outside Teams, where nothing vouches for it', () => {
    expect(identityKeys(activity('c', 'u1', 'webchat', 'aad-1')).user).not.toBe(
      identityKeys(activity('c', 'u2', 'webchat', 'aad-1')).user,
    );
  });
});

describe('TurnLimits', () => {
  it('limits one user across conversations, and one conversation across users', async () => {
    const limits = new TurnLimits(2, 3);
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push((await limits.check(activity(`c${i}`, 'busy-user'))).allowed);
    expect(results).toEqual([true, true, true, false]);
    const shared = [];
    for (let i = 0; i < 3; i += 1) shared.push((await limits.check(activity('group-chat', `u${i}`))).allowed);
    expect(shared).toEqual([true, true, false]);
  });
});

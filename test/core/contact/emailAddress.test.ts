import { checkEmail, findEmailCandidate } from '../../../src/core/contact/emailAddress';
import { requesterSchema } from '../../../src/core/contact/inquiry';

describe('checkEmail', () => {
  it.each([
    'ana@example.org',
    'josé@example.pe',
    'ana@correo.perú',
    'maría.josé+peru@ejemplo.com.pe',
    '用户@例子.广告',
    'ana@xn--per-zoa.pe',
    `${'a'.repeat(64)}@example.org`,
  ])('accepts %p', (address) => {
    expect(checkEmail(address)).toEqual({ ok: true, address });
  });

  it.each([
    ['ana.example.org', 'missingAt'],
    ['ana@@example.org', 'tooManyAt'],
    ['ana@x@example.org', 'tooManyAt'],
    ['@example.org', 'emptyLocal'],
    [`${'a'.repeat(65)}@example.org`, 'localTooLong'],
    ['ana pérez@example.org', 'localInvalid'],
    ['.ana@example.org', 'localInvalid'],
    ['ana..perez@example.org', 'localInvalid'],
    ['ana@example', 'domainIncomplete'],
    ['ana@', 'domainIncomplete'],
    ['ana@exa mple.org', 'domainInvalid'],
    ['ana@-example.org', 'domainInvalid'],
    ['ana@example..org', 'domainInvalid'],
    [`ana@${'b'.repeat(250)}.org`, 'tooLong'],
  ])('rejects %p, naming the part at fault (%s)', (address, problem) => {
    expect(checkEmail(address)).toEqual({ ok: false, problem });
  });

  it('takes an address between angle brackets, and composes accents (NFC)', () => {
    expect(checkEmail('<ana@example.org>')).toEqual({ ok: true, address: 'ana@example.org' });
    expect(checkEmail('jose\u0301@example.pe')).toEqual({ ok: true, address: 'josé@example.pe' });
  });

  it('is the rule of the requester schema', () => {
    expect(requesterSchema.shape.email.safeParse('josé@example.pe').success).toBe(true);
    expect(requesterSchema.shape.email.safeParse('ana@example').success).toBe(false);
  });
});

describe('findEmailCandidate', () => {
  it('finds the word with an @ in a sentence, without closing punctuation', () => {
    expect(findEmailCandidate('my e-mail is josé@example.pe.')).toBe('josé@example.pe');
    expect(findEmailCandidate('write to <ana@correo.perú>, thanks')).toBe('ana@correo.perú');
    expect(findEmailCandidate('ana at example dot org')).toBeUndefined();
  });
});

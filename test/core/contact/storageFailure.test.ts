import { describeStorageFailure } from '../../../src/core/contact/storageFailure';

describe('describeStorageFailure', () => {
  it.each([
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'no space left on device'],
    ['EACCES', 'permission denied'],
    ['EDQUOT', 'disk quota exceeded'],
  ])('names %s as %p, leaving out the message and its path', (code, reason) => {
    const error = Object.assign(new Error(`${code}: open '/data/inquiries/records/PE-ABCDEF.json'`), { code });
    const described = describeStorageFailure(error);
    expect(described).toEqual({ cause: code, reason });
    expect(JSON.stringify(described)).not.toContain('/data');
  });

  it('names a storage service error by its status and code', () => {
    const error = Object.assign(new Error('denied'), { statusCode: 403, code: 'AuthorizationFailure' });
    expect(describeStorageFailure(error)).toEqual({
      cause: 'HTTP 403 AuthorizationFailure',
      reason: 'storage refused access',
    });
  });

  it('falls back to the error name', () => {
    expect(describeStorageFailure(new TypeError('x'))).toEqual({ cause: 'TypeError', reason: 'storage write failed' });
  });
});

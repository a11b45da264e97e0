import { stripControlCharacters } from '../../../src/core/text/controlCharacters';

describe('stripControlCharacters', () => {
  it('removes bidirectional controls and turns control characters into spaces', () => {
    expect(stripControlCharacters('a\u202Eb\u2066c\u2069\u200Fd')).toBe('abcd');
    expect(stripControlCharacters('x\u001b[2Jy\r\nz\u0085\u2028w')).toBe('x [2Jy  z  w');
  });

  it('leaves letters, accents, emoji and their joiners alone', () => {
    const text = '¿Cuál es el año? 👩‍💻 مرحبا';
    expect(stripControlCharacters(text)).toBe(text);
  });
});

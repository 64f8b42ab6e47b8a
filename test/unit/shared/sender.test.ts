import { describe, expect, it } from 'vitest';
import { fromHeader, oneLine } from '#shared/mail/sender.ts';

const decode = (header: string) => {
  const encoded = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?= <([^<>\r\n]+)>$/.exec(header);
  return encoded
    ? { name: Buffer.from(encoded[1] ?? '', 'base64').toString('utf8'), address: encoded[2] }
    : undefined;
};

describe('Function: fromHeader', () => {
  it('encodes a Cyrillic display name (RFC 2047) before the address', () => {
    // Act
    const header = fromHeader('csi@example.com', 'Служба качества ЦОО');

    // Assess
    expect(decode(header)).toEqual({ name: 'Служба качества ЦОО', address: 'csi@example.com' });
  });

  it('keeps CRLF, quotes and angle brackets of a name out of the header', () => {
    // Act
    const header = fromHeader('csi@example.com', 'Evil\r\nBcc: all@example.com "<x@y>",');

    // Assess
    expect(header).not.toMatch(/[\r\n]/);
    expect(decode(header)).toEqual({
      name: 'Evil Bcc: all@example.com "<x@y>",',
      address: 'csi@example.com',
    });
  });

  it('gives the bare address without a name', () => {
    // Act / Assess
    expect(fromHeader('csi@example.com', undefined)).toBe('csi@example.com');
    expect(fromHeader('csi@example.com', '\r\n')).toBe('csi@example.com');
  });
});

describe('Function: oneLine', () => {
  it('turns each run of control characters into one space', () => {
    // Act / Assess
    expect(oneLine('Subject\r\nBcc: x@example.com\t!')).toBe('Subject Bcc: x@example.com !');
  });
});

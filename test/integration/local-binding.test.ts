import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runtime } from './clients.ts';

/** An address as the kernel's table gives it: 4 bytes (IPv4) or 16 (IPv6, uncompressed). */
const formatAddress = (bytes: number[]): string => {
  if (bytes.length === 4) return bytes.join('.');
  const mapped =
    bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return `::ffff:${bytes.slice(12).join('.')}`;
  return Array.from({ length: 8 }, (_, i) =>
    (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16)
  ).join(':');
};

/**
 * Which addresses listen on `port`, from the kernel's socket tables: DynamoDB Local is a
 * Java process, so there is no server.address() to ask. /proc/net/tcp{,6} list each local
 * address as hex, every 32-bit word in host (little-endian) byte order; state 0A is LISTEN.
 */
const listenersOn = (port: number): string[] => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [hexAddress, linePort] = (local ?? '').split(':');
      if (state !== '0A' || linePort !== hexPort || !hexAddress) continue;
      const bytes = (hexAddress.match(/.{8}/g) ?? []).flatMap((word) =>
        (word.match(/../g) ?? []).reverse().map((byte) => Number.parseInt(byte, 16))
      );
      addresses.push(formatAddress(bytes));
    }
  }
  return addresses;
};

const isLoopback = (address: string) =>
  address.startsWith('127.') || address.startsWith('::ffff:127.') || address === '0:0:0:0:0:0:0:1';

const portOf = (url: string) => Number(new URL(url).port);

describe.runIf(existsSync('/proc/net/tcp'))('Local runtime binding (OTKLIK_HOST)', () => {
  const parts = {
    'HTTP API': runtime.apiUrl,
    'SES v2 local': runtime.inboxUrl,
    'Step Functions': runtime.sfnUrl,
    'EventBridge Scheduler': runtime.schedulerUrl,
    'DynamoDB Local': runtime.dynamoDbUrl,
    ...(process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER
      ? { 'Secrets Manager': process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER }
      : {}),
  };

  it.each(Object.entries(parts))('%s listens on 127.0.0.1 only', (_part, url) => {
    // Act
    const listeners = listenersOn(portOf(url));

    // Assess
    expect(listeners.length).toBeGreaterThan(0);
    expect(listeners.filter((address) => !isLoopback(address))).toEqual([]);
  });
});

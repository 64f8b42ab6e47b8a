import { describe, expect, it } from 'vitest';
import { formatDateTime, timeAgo } from '#shared/mail/mail-time.ts';

const NOW = new Date('2026-12-04T09:00:00Z');
const before = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('Function: timeAgo', () => {
  it.each([
    ['ru', 3 * 86400, '3 дня назад'],
    ['ru', 5 * 86400, '5 дней назад'],
    ['ru', 86400, '1 день назад'],
    ['en', 3 * 86400 - 600, '3 days ago'],
    ['ru', 2 * 3600, '2 часа назад'],
    ['en', 10 * 60, '10 minutes ago'],
    ['en', 30, '30 seconds ago'],
    ['en', -60, '0 seconds ago'],
  ] as const)('in %s, %i s before reads "%s"', (language, seconds, words) => {
    // Act / Assess
    expect(timeAgo(language, before(seconds), NOW)).toBe(words);
  });
});

describe('Function: formatDateTime', () => {
  it.each([
    ['ru', 'Europe/Moscow', '3 декабря 2026 г. в 18:00 (Москва)'],
    ['en', 'Europe/Moscow', '3 December 2026 at 18:00 (Moscow Time)'],
    ['ru', 'Asia/Yekaterinburg', '3 декабря 2026 г. в 20:00 (Екатеринбург)'],
  ] as const)('in %s and %s', (language, zone, words) => {
    // Act / Assess
    expect(formatDateTime(language, zone, '2026-12-03T15:00:00.000Z')).toBe(words);
  });
});

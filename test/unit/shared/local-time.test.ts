import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTime, localTimeWithZone, zoneName } from '#shared/kernel/local-time.ts';

const AT = '2026-12-03T15:00:00.000Z';

describe('Function: localTime', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['ru', 'Europe/Moscow', 'medium', '3 дек. 2026 г., 18:00'],
    ['ru', 'Europe/Moscow', 'long', '3 декабря 2026 г. в 18:00'],
    ['ru', 'Asia/Yekaterinburg', 'date', '3 дек. 2026 г.'],
    ['en', 'Europe/Moscow', 'medium', '3 Dec 2026, 18:00'],
    ['en', 'Europe/London', 'long', '3 December 2026 at 15:00'],
  ] as const)('writes %s in %s (%s)', (language, zone, style, words) => {
    // Act / Assess
    expect(localTime(language, zone, AT, style)).toBe(words);
  });

  it('names the zone beside the time, never UTC', () => {
    // Act / Assess
    expect(localTimeWithZone('ru', 'Europe/Moscow', AT)).toBe('3 декабря 2026 г. в 18:00 (Москва)');
    expect(zoneName('en', 'Europe/Moscow', AT)).toBe('Moscow Time');
  });

  it('builds one formatter per language, zone and style, however many times it formats', () => {
    // Prepare
    const Real = Intl.DateTimeFormat;
    const built = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof Real>
    ) {
      return new Real(...args);
    });

    // Act
    for (let i = 0; i < 20; i++) localTime('en', 'Asia/Vladivostok', AT, 'long');
    localTime('ru', 'Asia/Vladivostok', AT, 'long');

    // Assess
    expect(built).toHaveBeenCalledTimes(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  askedQuarter,
  compareQuarters,
  nextQuarter,
  parseQuarter,
  previousQuarter,
  quarterBounds,
  quarterHasEnded,
  quarterId,
  quarterOf,
  quarterSchema,
} from '#functions/nps/domain/quarter.ts';

describe('Rules: NPS quarters', () => {
  it('reads yyyy-Qn and writes it back', () => {
    // Act
    const quarter = parseQuarter('2026-Q4');

    // Assess
    expect(quarter).toEqual({ year: 2026, quarter: 4 });
    expect(quarter && quarterId(quarter)).toBe('2026-Q4');
  });

  it.each(['2026-Q5', '2026-Q0', '2026Q4', '26-Q1', '2026-q4', '0000-Q1', '2026-Q4 ', ''])(
    'refuses %j',
    (text) => {
      // Assess
      expect(parseQuarter(text)).toBeUndefined();
    }
  );

  it('steps back and forward across a year', () => {
    // Assess
    expect(previousQuarter({ year: 2027, quarter: 1 })).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter({ year: 2026, quarter: 3 })).toEqual({ year: 2026, quarter: 2 });
    expect(nextQuarter({ year: 2026, quarter: 4 })).toEqual({ year: 2027, quarter: 1 });
    expect(compareQuarters({ year: 2026, quarter: 4 }, { year: 2027, quarter: 1 })).toBeLessThan(0);
    expect(compareQuarters({ year: 2027, quarter: 1 }, { year: 2026, quarter: 4 })).toBeGreaterThan(
      0
    );
  });

  it('places an instant by the calendar of the zone, not of UTC', () => {
    // Arrange: 00:00 on 1 October in Moscow is 21:00 UTC on 30 September.
    const moscowMidnight = new Date('2026-09-30T21:00:00.000Z');

    // Assess
    expect(quarterOf(moscowMidnight, 'Europe/Moscow')).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date('2026-09-30T20:59:59.999Z'), 'Europe/Moscow')).toEqual({
      year: 2026,
      quarter: 3,
    });
    expect(quarterOf(moscowMidnight, 'UTC')).toEqual({ year: 2026, quarter: 3 });
  });

  it('asks, from a start in January 2027, about 2026-Q4', () => {
    // Assess
    expect(askedQuarter(new Date('2027-01-11T07:00:00.000Z'))).toEqual({ year: 2026, quarter: 4 });
  });

  it('bounds a quarter by the midnights of the zone', () => {
    // Assess: Moscow is UTC+3 all year.
    expect(quarterBounds({ year: 2026, quarter: 4 })).toEqual({
      start: '2026-09-30T21:00:00.000Z',
      end: '2026-12-31T21:00:00.000Z',
    });
    expect(quarterBounds({ year: 2026, quarter: 4 }, 'UTC')).toEqual({
      start: '2026-10-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
    // New York: EST (−5) on 1 January, EDT (−4) on 1 April (DST from 14 March 2027).
    expect(quarterBounds({ year: 2027, quarter: 1 }, 'America/New_York')).toEqual({
      start: '2027-01-01T05:00:00.000Z',
      end: '2027-04-01T04:00:00.000Z',
    });
  });

  it('calls a quarter ended from its end on, not a millisecond before', () => {
    // Arrange
    const q4 = { year: 2026, quarter: 4 } as const;

    // Assess
    expect(quarterHasEnded(q4, new Date('2026-12-31T21:00:00.000Z'))).toBe(true);
    expect(quarterHasEnded(q4, new Date('2026-12-31T20:59:59.999Z'))).toBe(false);
  });

  describe('schema', () => {
    const now = new Date('2026-12-02T00:00:00.000Z');

    it('parses an ended quarter, trimmed', () => {
      // Act
      const result = quarterSchema({ language: 'en', now }).safeParse(' 2026-Q3 ');

      // Assess
      expect(result.data).toEqual({ year: 2026, quarter: 3 });
    });

    it.each([
      ['en', 'Give the quarter as yyyy-Qn, for example 2026-Q4.'],
      ['ru', 'Укажите квартал в виде ГГГГ-Qn, например 2026-Q4.'],
    ] as const)('says in %s what a quarter looks like', (language, message) => {
      // Act
      const schema = quarterSchema({ language, now });

      // Assess
      expect(schema.safeParse('2026-4').error?.issues.map((i) => i.message)).toEqual([message]);
      expect(schema.safeParse(20264).error?.issues.map((i) => i.message)).toEqual([message]);
    });

    it.each([
      ['en', 'Quarter 2026-Q4 has not ended yet: a survey about it can start from 1 Jan 2027.'],
      ['ru', 'Квартал 2026-Q4 ещё не закончился: опрос о нём можно начать с 1 янв. 2027 г.'],
    ] as const)(
      'refuses in %s a quarter that has not ended, naming when it does',
      (language, message) => {
        // Act
        const result = quarterSchema({ language, now }).safeParse('2026-Q4');

        // Assess
        expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
      }
    );

    it('takes any well-formed quarter without a clock', () => {
      // Assess
      expect(quarterSchema({ language: 'en' }).safeParse('2099-Q1').data).toEqual({
        year: 2099,
        quarter: 1,
      });
    });
  });
});

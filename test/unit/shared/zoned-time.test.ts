import { describe, expect, it } from 'vitest';
import { offsetMinutes, wallTimeOf, zonedInstant } from '#shared/kernel/zoned-time.ts';

describe('Rules: wall-clock time in a zone', () => {
  it('reads the offset of the zone at an instant', () => {
    // Assess: Moscow UTC+3 all year; Berlin +1 in winter, +2 in summer.
    expect(offsetMinutes(Date.parse('2027-01-11T07:00:00.000Z'), 'Europe/Moscow')).toBe(180);
    expect(offsetMinutes(Date.parse('2027-01-11T07:00:00.000Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(Date.parse('2027-07-12T07:00:00.123Z'), 'Europe/Berlin')).toBe(120);
  });

  it('finds the instant of a wall time, on both sides of a DST change', () => {
    // Assess: Berlin changes to summer time on 28 March 2027.
    expect(
      zonedInstant(
        { year: 2027, month: 3, day: 27, hour: 10, minute: 0 },
        'Europe/Berlin'
      ).toISOString()
    ).toBe('2027-03-27T09:00:00.000Z');
    expect(
      zonedInstant(
        { year: 2027, month: 3, day: 29, hour: 10, minute: 0 },
        'Europe/Berlin'
      ).toISOString()
    ).toBe('2027-03-29T08:00:00.000Z');
  });

  it('gives the wall time and weekday of an instant', () => {
    // Assess: 21:30 UTC on Sunday 10 January 2027 is 00:30 on Monday 11 January in Moscow.
    expect(wallTimeOf(new Date('2027-01-10T21:30:00.000Z'), 'Europe/Moscow')).toEqual({
      year: 2027,
      month: 1,
      day: 11,
      hour: 0,
      minute: 30,
      weekday: 1,
    });
  });
});

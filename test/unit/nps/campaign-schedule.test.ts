import { describe, expect, it } from 'vitest';
import {
  campaignScheduleExpression,
  campaignStartIn,
  InvalidScheduleError,
  nextCampaignStart,
} from '#functions/nps/domain/campaign-schedule.ts';

describe('Rules: NPS campaign schedule', () => {
  it('starts by default on the second Monday of the quarter at 10:00 Moscow time', () => {
    // Assess: 1 Jan 2027 is a Friday, so Mondays 4 and 11 January; 10:00 MSK = 07:00 UTC.
    expect(campaignStartIn({ year: 2027, quarter: 1 }).toISOString()).toBe(
      '2027-01-11T07:00:00.000Z'
    );
    // 1 Oct 2026 is a Thursday: Mondays 5 and 12 October.
    expect(campaignStartIn({ year: 2026, quarter: 4 }).toISOString()).toBe(
      '2026-10-12T07:00:00.000Z'
    );
    // 1 Apr 2026 is a Wednesday: Mondays 6 and 13 April.
    expect(campaignStartIn({ year: 2026, quarter: 2 }).toISOString()).toBe(
      '2026-04-13T07:00:00.000Z'
    );
  });

  it('counts the quarter’s first day when it is the weekday asked for', () => {
    // Act: 1 Oct 2026 is a Thursday.
    const start = campaignStartIn(
      { year: 2026, quarter: 4 },
      { weekOfQuarter: 1, weekday: 'thursday', time: '09:30' },
      'UTC'
    );

    // Assess
    expect(start.toISOString()).toBe('2026-10-01T09:30:00.000Z');
  });

  it('gives EventBridge Scheduler a cron expression in the installation’s zone', () => {
    // Assess: day-of-week 1 = Sunday, so Monday is 2; #2 the second of the month.
    expect(campaignScheduleExpression()).toEqual({
      expression: 'cron(0 10 ? 1,4,7,10 2#2 *)',
      timeZone: 'Europe/Moscow',
    });
    expect(
      campaignScheduleExpression(
        { weekOfQuarter: 1, weekday: 'friday', time: '09:30' },
        'Asia/Yekaterinburg'
      )
    ).toEqual({ expression: 'cron(30 9 ? 1,4,7,10 6#1 *)', timeZone: 'Asia/Yekaterinburg' });
    expect(
      campaignScheduleExpression({ weekOfQuarter: 4, weekday: 'sunday', time: '23:05' }).expression
    ).toBe('cron(5 23 ? 1,4,7,10 1#4 *)');
  });

  it('finds the next start: this quarter’s while ahead, else the next quarter’s', () => {
    // Assess
    expect(nextCampaignStart(new Date('2026-12-02T00:34:00.000Z')).toISOString()).toBe(
      '2027-01-11T07:00:00.000Z'
    );
    expect(nextCampaignStart(new Date('2026-10-01T00:00:00.000Z')).toISOString()).toBe(
      '2026-10-12T07:00:00.000Z'
    );
    // At the start itself, the next one: 1 Apr 2027 is a Thursday, Mondays 5 and 12 April.
    expect(nextCampaignStart(new Date('2027-01-11T07:00:00.000Z')).toISOString()).toBe(
      '2027-04-12T07:00:00.000Z'
    );
  });

  it.each(['24:00', '9:30', '10:60', 'ten'])('refuses the time of day %j', (time) => {
    // Assess
    expect(() => campaignScheduleExpression({ weekOfQuarter: 2, weekday: 'monday', time })).toThrow(
      InvalidScheduleError
    );
  });
});

import { describe, expect, it } from 'vitest';
import { campaignScheduleExpression } from '#functions/nps/domain/campaign-schedule.ts';
import {
  audiencePolicy,
  contactPeriodSeconds,
  npsTimers,
  parseNpsSettings,
  targetMarginFor,
} from '#functions/nps/domain/nps-settings.ts';

const parsed = (document: unknown) => {
  const result = parseNpsSettings(document, 'en');
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
};

const messages = (document: unknown, language: 'ru' | 'en') => {
  const result = parseNpsSettings(document, language);
  return result.ok
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('Settings: NPS', () => {
  it('works from nothing with the documented defaults', () => {
    // Act
    const settings = parsed(undefined);

    // Assess
    expect(settings).toEqual({
      schedule: { weekOfQuarter: 2, weekday: 'monday', time: '10:00' },
      reminderAfter: 'P7D',
      closeAfter: 'P21D',
      detractorThreshold: 6,
      minN: 30,
      contactPolicy: { period: 'P7D' },
      exclusions: { agentsAreStaff: true, staffDomains: [], staffAddresses: [], businessUnits: [] },
      sampling: { byBusinessUnit: {} },
      sendRate: 14,
    });
    expect(parsed({ csi: 'other keys are not ours' })).toEqual(settings);
  });

  it('turns the defaults into timers and the default schedule', () => {
    // Arrange
    const settings = parsed({});

    // Assess: 7 · 86400 and 21 · 86400.
    expect(npsTimers(settings)).toEqual({
      reminderAfterSeconds: 604_800,
      closeAfterSeconds: 1_814_400,
    });
    expect(contactPeriodSeconds(settings)).toBe(604_800);
    expect(campaignScheduleExpression(settings.schedule).expression).toBe(
      'cron(0 10 ? 1,4,7,10 2#2 *)'
    );
  });

  it.each([
    [
      'en',
      [
        'nps.reminderAfter: Give an ISO-8601 duration, for example P7D or PT12H.',
        'nps.schedule.time: Give a time of day as HH:MM, for example 10:00.',
        'nps.exclusions.staffDomains.0: Give an address domain, for example ssc.example.ru.',
      ],
    ],
    [
      'ru',
      [
        'nps.reminderAfter: Укажите длительность ISO-8601, например P7D или PT12H.',
        'nps.schedule.time: Укажите время в виде ЧЧ:ММ, например 10:00.',
        'nps.exclusions.staffDomains.0: Укажите домен адресов, например ssc.example.ru.',
      ],
    ],
  ] as const)('says in %s what is wrong with each key', (language, expected) => {
    // Arrange
    const document = {
      nps: {
        reminderAfter: '7 days',
        schedule: { time: '25:00' },
        exclusions: { staffDomains: ['not a domain'] },
      },
    };

    // Assess
    expect(messages(document, language).sort()).toEqual([...expected].sort());
  });

  it.each([
    [
      'en',
      'nps.closeAfter: The survey must close after the reminder (closeAfter > reminderAfter).',
    ],
    [
      'ru',
      'nps.closeAfter: Опрос должен закрываться позже напоминания (closeAfter > reminderAfter).',
    ],
  ] as const)('refuses in %s a close before the reminder', (language, expected) => {
    // Assess
    expect(messages({ nps: { reminderAfter: 'P7D', closeAfter: 'P7D' } }, language)).toEqual([
      expected,
    ]);
  });

  it('uses zod’s own messages in the reader’s language for the rest', () => {
    // Act
    const ru = messages({ nps: { minN: 0 } }, 'ru');
    const en = messages({ nps: { minN: 0 } }, 'en');

    // Assess
    expect(ru).toEqual(['nps.minN: Слишком маленькое значение: ожидалось, что number будет >=1']);
    expect(en).toEqual(['nps.minN: Too small: expected number to be >=1']);
  });

  it.each([
    [{ detractorThreshold: 9 }, 'nps.detractorThreshold'],
    [{ schedule: { weekOfQuarter: 5 } }, 'nps.schedule.weekOfQuarter'],
    [{ schedule: { weekday: 'mon' } }, 'nps.schedule.weekday'],
    [{ sampling: { targetMargin: 0 } }, 'nps.sampling.targetMargin'],
    [{ sendRate: 0 }, 'nps.sendRate'],
    [{ exclusions: { staffAddresses: ['nobody'] } }, 'nps.exclusions.staffAddresses.0'],
  ])('refuses %j', (nps, path) => {
    // Assess
    expect(messages({ nps }, 'en').map((line) => line.split(':')[0])).toEqual([path]);
  });

  it('builds the audience policy from the exclusions and the agents seen', () => {
    // Arrange
    const settings = parsed({
      nps: {
        contactPolicy: { skipAfterCsiMail: 'P3D' },
        exclusions: { staffDomains: ['ssc.example.ru'], businessUnits: ['bu-x'] },
      },
    });

    // Act
    const policy = audiencePolicy(settings, [' Agent@Example.com ']);
    const withoutAgents = audiencePolicy(
      { ...settings, exclusions: { ...settings.exclusions, agentsAreStaff: false } },
      ['agent@example.com']
    );

    // Assess
    expect(policy).toEqual({
      agentAddresses: new Set(['agent@example.com']),
      staffDomains: ['ssc.example.ru'],
      staffAddresses: [],
      excludedBusinessUnits: ['bu-x'],
      skipAfterCsiMailSeconds: 259_200,
    });
    expect(withoutAgents.agentAddresses.size).toBe(0);
  });

  it('samples no unit by default; a unit’s own margin wins over the general one', () => {
    // Arrange
    const off = parsed({});
    const on = parsed({ nps: { sampling: { targetMargin: 5, byBusinessUnit: { 'bu-hr': 8 } } } });

    // Assess
    expect(targetMarginFor(off, 'bu-hr')).toBeUndefined();
    expect(targetMarginFor(on, 'bu-hr')).toBe(8);
    expect(targetMarginFor(on, 'bu-finance')).toBe(5);
    expect(targetMarginFor(on, 'constructor')).toBe(5);
  });
});

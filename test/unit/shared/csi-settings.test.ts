import { describe, expect, it } from 'vitest';
import { csiSettingsSchema, parseCsiSettings } from '#shared/settings/csi-settings.ts';

const quality = { email: 'quality@example.com', name: 'Quality team' };
const qualityLead = { email: 'quality-lead@example.com', name: 'Head of quality' };

describe('Function: parseCsiSettings', () => {
  it('fills every default when nothing is configured', () => {
    // Act
    const settings = parseCsiSettings(undefined);

    // Assess
    expect(settings).toEqual({
      sendDelay: 'PT10M',
      reminderAfter: 'P3D',
      expireAfterReminder: 'P4D',
      followUpThreshold: 5,
      samplingRate: 1,
      coolDown: 'PT0S',
      excludedServices: [],
      excludedCategories: [],
      defaultLocale: 'ru',
      suppressedResolutions: expect.arrayContaining([
        'cancelled',
        'duplicate',
        'rejected',
        'отменено',
      ]),
      sources: {},
      followUp: {
        sla: 'P2D',
        maxAge: 'P30D',
        defaultOwner: quality,
        defaultEscalation: qualityLead,
        routes: [],
        ticketLinks: {},
      },
      // The branding section (branding-settings.ts), after the older keys.
      branding: expect.objectContaining({
        sscName: { ru: 'Центр общего обслуживания', en: 'Shared Service Centre' },
      }),
      sscLanguage: 'ru',
      timeZone: 'Europe/Moscow',
      rating: {
        policy: 'balanced',
        notBefore: 'PT60S',
        afterHead: 'PT10S',
        burstWindow: 'PT10S',
        burstLinks: 3,
        quietPeriod: 'PT2M',
        inferredFollowUp: false,
      },
      // The access section (access-settings.ts): viewers see no requester, records kept 400 days.
      access: { viewersSeeRequester: false },
      audit: { retentionDays: 400 },
    });
  });

  it('keeps the keys in the order the deployed document has always had', () => {
    // Act
    const settings = parseCsiSettings(
      JSON.stringify({ followUp: {}, sources: {}, defaultLocale: 'en', sendDelay: 'PT1M' })
    );

    // Assess: the CDK writes this document into every function's environment
    expect(Object.keys(settings)).toEqual([
      'sendDelay',
      'reminderAfter',
      'expireAfterReminder',
      'followUpThreshold',
      'samplingRate',
      'coolDown',
      'excludedServices',
      'excludedCategories',
      'defaultLocale',
      'suppressedResolutions',
      'sources',
      'followUp',
      // Added after the older keys, so their order stays.
      'branding',
      'sscLanguage',
      'timeZone',
      'rating',
      'access',
      'audit',
    ]);
  });

  it('treats an empty string like no settings', () => {
    // Act
    const settings = parseCsiSettings('');

    // Assess
    expect(settings.followUp.sla).toBe('P2D');
  });

  it('keeps given values and defaults the rest of the follow-up block', () => {
    // Act
    const settings = parseCsiSettings(
      JSON.stringify({ sendDelay: 'PT1M', followUp: { sla: 'PT4H' }, defaultLocale: 'en' })
    );

    // Assess
    expect(settings).toMatchObject({
      sendDelay: 'PT1M',
      reminderAfter: 'P3D',
      defaultLocale: 'en',
      followUp: { sla: 'PT4H', maxAge: 'P30D', defaultOwner: quality },
    });
  });

  it.each([
    ['a month duration', { sendDelay: 'P1M' }],
    ['a threshold above 6', { followUpThreshold: 7 }],
    ['a sampling rate above 1', { samplingRate: 1.5 }],
    ['an owner without a valid address', { followUp: { defaultOwner: { email: 'x', name: 'X' } } }],
    ['an unknown locale', { defaultLocale: 'de' }],
  ])('rejects %s', (_label, input) => {
    // Act
    const result = csiSettingsSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
  });
});

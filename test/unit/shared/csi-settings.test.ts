import { describe, expect, it } from 'vitest';
import {
  csiSettingsSchema,
  csiTimers,
  followUpTimers,
  parseCsiSettings,
  routeFollowUp,
} from '#shared/settings/csi-settings.ts';

const quality = { email: 'quality@example.com', name: 'Quality team' };
const qualityLead = { email: 'quality-lead@example.com', name: 'Head of quality' };
const finance = { email: 'finance@example.com', name: 'Finance quality' };
const financeHead = { email: 'finance-head@example.com', name: 'Head of finance' };
const payroll = { email: 'payroll@example.com', name: 'Payroll lead' };
const catchAll = { email: 'ssc@example.com', name: 'SSC desk' };

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
      },
    });
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

describe('Function: csiTimers', () => {
  it('turns the default durations into seconds', () => {
    // Act
    const timers = csiTimers(parseCsiSettings(undefined));

    // Assess
    expect(timers).toEqual({
      sendDelaySeconds: 600,
      reminderAfterSeconds: 3 * 86400,
      expireAfterReminderSeconds: 4 * 86400,
      followUpThreshold: 5,
    });
  });

  it('keeps callback timeouts at 1 s at least but allows no send delay', () => {
    // Act
    const timers = csiTimers(
      parseCsiSettings(
        JSON.stringify({ sendDelay: 'PT0S', reminderAfter: 'PT0S', expireAfterReminder: 'PT0S' })
      )
    );

    // Assess
    expect(timers).toMatchObject({
      sendDelaySeconds: 0,
      reminderAfterSeconds: 1,
      expireAfterReminderSeconds: 1,
    });
  });
});

describe('Function: followUpTimers', () => {
  it('splits the maximum age into the SLA and the time after escalation', () => {
    // Act
    const timers = followUpTimers(parseCsiSettings(undefined));

    // Assess
    expect(timers).toEqual({ slaSeconds: 2 * 86400, afterEscalationSeconds: 28 * 86400 });
  });

  it('waits at least 1 s after escalation when the maximum age is not beyond the SLA', () => {
    // Act
    const timers = followUpTimers(
      parseCsiSettings(JSON.stringify({ followUp: { sla: 'P3D', maxAge: 'P2D' } }))
    );

    // Assess
    expect(timers).toEqual({ slaSeconds: 3 * 86400, afterEscalationSeconds: 1 });
  });

  it('keeps the SLA at 1 s at least', () => {
    // Act
    const timers = followUpTimers(
      parseCsiSettings(JSON.stringify({ followUp: { sla: 'PT0S', maxAge: 'PT10S' } }))
    );

    // Assess
    expect(timers).toEqual({ slaSeconds: 1, afterEscalationSeconds: 9 });
  });
});

describe('Function: routeFollowUp', () => {
  const settings = parseCsiSettings(
    JSON.stringify({
      followUp: {
        routes: [
          { businessUnit: 'Finance', service: 'svc-payroll', owner: payroll },
          { businessUnit: 'bu-fin', owner: finance, escalation: financeHead },
          { businessUnit: 'Finance', owner: catchAll },
        ],
      },
    })
  );

  it('takes the first rule that matches, by id or by name', () => {
    // Act
    const route = routeFollowUp(
      settings,
      { id: 'bu-fin', name: 'Finance' },
      { id: 'svc-payroll', name: 'Payroll' }
    );

    // Assess
    expect(route).toEqual({ owner: payroll, escalation: qualityLead });
  });

  it('skips a rule whose service does not match and takes the rule’s own escalation', () => {
    // Act
    const route = routeFollowUp(
      settings,
      { id: 'bu-fin', name: 'Finance' },
      { id: 'svc-travel', name: 'Travel' }
    );

    // Assess
    expect(route).toEqual({ owner: finance, escalation: financeHead });
  });

  it('matches a business unit by name when it has no id', () => {
    // Act
    const route = routeFollowUp(settings, { name: 'Finance' }, undefined);

    // Assess
    expect(route.owner).toEqual(catchAll);
  });

  it('does not match a rule with a service when the ticket has none', () => {
    // Act
    const route = routeFollowUp(settings, { id: 'x', name: 'Finance' }, undefined);

    // Assess
    expect(route.owner).not.toEqual(payroll);
    expect(route.owner).toEqual(catchAll);
  });

  it('falls back to the default owner and escalation when no rule matches', () => {
    // Act
    const route = routeFollowUp(settings, { id: 'bu-hr', name: 'HR' }, undefined);

    // Assess
    expect(route).toEqual({ owner: quality, escalation: qualityLead });
  });

  it('lets a rule without conditions catch every case', () => {
    // Prepare
    const withCatchAll = parseCsiSettings(
      JSON.stringify({ followUp: { routes: [{ owner: catchAll }] } })
    );

    // Act
    const route = routeFollowUp(withCatchAll, undefined, undefined);

    // Assess
    expect(route).toEqual({ owner: catchAll, escalation: qualityLead });
  });
});

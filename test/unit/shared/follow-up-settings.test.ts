import { describe, expect, it } from 'vitest';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { followUpTimers, routeFollowUp } from '#shared/settings/follow-up-settings.ts';

const quality = { email: 'quality@example.com', name: 'Quality team' };
const qualityLead = { email: 'quality-lead@example.com', name: 'Head of quality' };
const finance = { email: 'finance@example.com', name: 'Finance quality' };
const financeHead = { email: 'finance-head@example.com', name: 'Head of finance' };
const payroll = { email: 'payroll@example.com', name: 'Payroll lead' };
const catchAll = { email: 'ssc@example.com', name: 'SSC desk' };

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

  it.each([
    [
      'takes the first rule that matches, by id or by name',
      { id: 'svc-payroll', name: 'Payroll' },
      { owner: payroll, escalation: qualityLead },
    ],
    [
      'skips a rule whose service does not match and takes the rule’s own escalation',
      { id: 'svc-travel', name: 'Travel' },
      { owner: finance, escalation: financeHead },
    ],
  ])('%s', (_label, service, expected) => {
    // Act
    const route = routeFollowUp(
      settings,
      { unitId: undefined, raw: { id: 'bu-fin', name: 'Finance' } },
      service
    );

    // Assess
    expect(route).toEqual(expected);
  });

  it('matches a business unit by name when it has no id', () => {
    // Act
    const route = routeFollowUp(
      settings,
      { unitId: undefined, raw: { name: 'Finance' } },
      undefined
    );

    // Assess
    expect(route.owner).toEqual(catchAll);
  });

  it('does not match a rule with a service when the ticket has none', () => {
    // Act
    const route = routeFollowUp(
      settings,
      { unitId: undefined, raw: { id: 'x', name: 'Finance' } },
      undefined
    );

    // Assess
    expect(route.owner).not.toEqual(payroll);
    expect(route.owner).toEqual(catchAll);
  });

  it('falls back to the default owner and escalation when no rule matches', () => {
    // Act
    const route = routeFollowUp(
      settings,
      { unitId: 'bu-hr', raw: { id: 'bu-hr', name: 'HR' } },
      undefined
    );

    // Assess
    expect(route).toEqual({ owner: quality, escalation: qualityLead });
  });

  it('lets a rule without conditions catch every case', () => {
    // Prepare
    const withCatchAll = parseCsiSettings(
      JSON.stringify({ followUp: { routes: [{ owner: catchAll }] } })
    );

    // Act
    const route = routeFollowUp(withCatchAll, { unitId: undefined, raw: undefined }, undefined);

    // Assess
    expect(route).toEqual({ owner: catchAll, escalation: qualityLead });
  });
});

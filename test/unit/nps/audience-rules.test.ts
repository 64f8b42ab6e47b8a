import { describe, expect, it } from 'vitest';
import {
  audienceEntry,
  buildAudience,
  type AudienceCandidate,
  type AudiencePolicy,
  type QuarterResolution,
} from '#functions/nps/domain/audience-rules.ts';

const NOW = new Date('2027-01-11T07:00:00.000Z');

const policy: AudiencePolicy = {
  agentAddresses: new Set(['agent@example.com']),
  staffDomains: ['ssc.example.ru'],
  staffAddresses: ['Lead@Example.com'],
  excludedBusinessUnits: ['bu-excluded'],
  skipAfterCsiMailSeconds: 7 * 86400,
};

const resolution = (over: Partial<QuarterResolution> = {}): QuarterResolution => ({
  ticketId: 'T1',
  businessUnit: 'bu-finance',
  service: 'payroll',
  resolvedAt: '2026-11-10T09:00:00.000Z',
  ...over,
});

const person = (over: Partial<AudienceCandidate> = {}): AudienceCandidate => ({
  personKey: 'p1',
  email: 'anna@example.com',
  resolutions: [resolution()],
  ...over,
});

describe('Rules: NPS audience', () => {
  it('attributes a person to the unit of their last resolved ticket, with every service used', () => {
    // Arrange: three tickets in two units; the last (by resolvedAt, not by order given) in HR.
    const candidate = person({
      resolutions: [
        resolution({ ticketId: 'T1', businessUnit: 'bu-finance', service: 'payroll' }),
        resolution({
          ticketId: 'T3',
          businessUnit: 'bu-hr',
          service: 'access',
          resolvedAt: '2026-12-20T10:00:00.000Z',
        }),
        resolution({
          ticketId: 'T2',
          businessUnit: 'bu-finance',
          service: 'payroll',
          resolvedAt: '2026-12-01T10:00:00.000Z',
        }),
      ],
    });

    // Act
    const entry = audienceEntry(candidate, policy, NOW);

    // Assess
    expect(entry).toEqual({
      kind: 'included',
      personKey: 'p1',
      email: 'anna@example.com',
      businessUnit: 'bu-hr',
      services: ['access', 'payroll'],
      lastTicketId: 'T3',
      lastResolvedAt: '2026-12-20T10:00:00.000Z',
      tickets: 3,
    });
  });

  it('breaks a tie of resolution times by the greater ticket id', () => {
    // Arrange
    const candidate = person({
      resolutions: [
        resolution({ ticketId: 'T9', businessUnit: 'bu-b' }),
        resolution({ ticketId: 'T10', businessUnit: 'bu-a' }),
      ],
    });

    // Assess: 'T9' > 'T10' as text; the rule only needs to be the same every time.
    expect(audienceEntry(candidate, policy, NOW)).toMatchObject({ businessUnit: 'bu-b' });
    expect(
      audienceEntry(
        { ...candidate, resolutions: [...candidate.resolutions].reverse() },
        policy,
        NOW
      )
    ).toMatchObject({ businessUnit: 'bu-b' });
  });

  it('has no entry for a person without a resolution', () => {
    // Assess
    expect(audienceEntry(person({ resolutions: [] }), policy, NOW)).toBeUndefined();
  });

  it.each([
    ['an agent seen on tickets (any case)', { email: 'AGENT@example.com' }, 'ssc-staff'],
    [
      'a requester flagged as an agent',
      { resolutions: [resolution({ requesterIsAgent: true })] },
      'ssc-staff',
    ],
    ['a staff domain', { email: 'ivan@ssc.example.ru' }, 'ssc-staff'],
    ['a subdomain of a staff domain', { email: 'ivan@msk.ssc.example.ru' }, 'ssc-staff'],
    ['a listed staff address', { email: 'lead@example.com' }, 'ssc-staff'],
    [
      'an excluded business unit',
      { resolutions: [resolution({ businessUnit: 'bu-excluded' })] },
      'excluded-business-unit',
    ],
    ['an opt-out', { optedOut: true }, 'opted-out'],
    ['a complaint', { complained: true }, 'complained'],
    ['a bounce', { bounced: true }, 'bounced'],
    ['no address', { email: undefined }, 'no-email'],
    ['a blank address', { email: '  ' }, 'no-email'],
    ['a CSI mail 6 days ago', { lastCsiMailAt: '2027-01-05T07:00:00.000Z' }, 'recent-csi-mail'],
  ] as const)('excludes %s', (_, over, reason) => {
    // Act
    const entry = audienceEntry(person(over), policy, NOW);

    // Assess
    expect(entry).toEqual({
      kind: 'excluded',
      personKey: 'p1',
      reason,
      // The unit is still recorded, for the per-unit counts of the excluded.
      businessUnit: reason === 'excluded-business-unit' ? 'bu-excluded' : 'bu-finance',
    });
  });

  it('does not take a look-alike domain for a staff one', () => {
    // Assess
    expect(audienceEntry(person({ email: 'ivan@notssc.example.ru' }), policy, NOW)?.kind).toBe(
      'included'
    );
  });

  it('includes a person whose CSI mail is exactly the window old, or when the policy has no window', () => {
    // Arrange
    const csiSevenDaysAgo = person({ lastCsiMailAt: '2027-01-04T07:00:00.000Z' });
    const csiYesterday = person({ lastCsiMailAt: '2027-01-10T07:00:00.000Z' });

    // Assess
    expect(audienceEntry(csiSevenDaysAgo, policy, NOW)?.kind).toBe('included');
    expect(
      audienceEntry(csiYesterday, { ...policy, skipAfterCsiMailSeconds: undefined }, NOW)?.kind
    ).toBe('included');
  });

  it.each([
    [{ email: 'agent@example.com', optedOut: true }, 'ssc-staff'],
    [
      { resolutions: [resolution({ businessUnit: 'bu-excluded' })], optedOut: true },
      'excluded-business-unit',
    ],
    [{ optedOut: true, complained: true, bounced: true }, 'opted-out'],
    [{ complained: true, bounced: true }, 'complained'],
    [{ bounced: true, email: undefined }, 'bounced'],
    [{ email: undefined, lastCsiMailAt: '2027-01-10T07:00:00.000Z' }, 'no-email'],
  ] as const)('records one reason when several apply: %j → %s', (over, reason) => {
    // Assess
    expect(audienceEntry(person(over), policy, NOW)).toMatchObject({ kind: 'excluded', reason });
  });

  it('builds the audience once per person, with counts by reason and by unit', () => {
    // Arrange: p1 appears twice (two query pages); p1's last ticket is in HR.
    const candidates = [
      person({ personKey: 'p1', resolutions: [resolution({ ticketId: 'T1' })] }),
      person({ personKey: 'p2', email: 'boris@example.com' }),
      person({
        personKey: 'p1',
        resolutions: [
          resolution({
            ticketId: 'T2',
            businessUnit: 'bu-hr',
            resolvedAt: '2026-12-30T10:00:00.000Z',
          }),
        ],
      }),
      person({ personKey: 'p3', optedOut: true }),
      person({ personKey: 'p4', email: 'agent@example.com' }),
      person({ personKey: 'p5', email: undefined }),
      person({ personKey: 'p6', resolutions: [] }),
    ];

    // Act
    const audience = buildAudience(candidates, policy, NOW);

    // Assess
    expect(audience.entries).toHaveLength(5);
    expect(audience.included).toBe(2);
    expect(audience.byBusinessUnit).toEqual({ 'bu-hr': 1, 'bu-finance': 1 });
    expect(audience.excluded).toEqual({
      'ssc-staff': 1,
      'excluded-business-unit': 0,
      'opted-out': 1,
      complained: 0,
      bounced: 0,
      'no-email': 1,
      'recent-csi-mail': 0,
    });
    expect(audience.entries.find((e) => e.personKey === 'p1')).toMatchObject({
      kind: 'included',
      businessUnit: 'bu-hr',
      tickets: 2,
    });
  });
});

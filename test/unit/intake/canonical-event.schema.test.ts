import { describe, expect, it } from 'vitest';
import { describeIssues } from '#shared/kernel/zod-issues.ts';
import { canonicalEventSchema, toUtc } from '#functions/intake/canonical-event.schema.ts';

const resolvedEvent = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'ticket.resolved',
  ticketId: 'T-1001',
  requester: { email: 'anna@example.com' },
  resolvedAt: '2024-03-01T09:00:00Z',
  ...overrides,
});

const issuesOf = (input: unknown) => {
  const result = canonicalEventSchema.safeParse(input);
  if (result.success) throw new Error('expected the event to be rejected');
  return describeIssues(result.error);
};

describe('Schema: canonicalEventSchema', () => {
  it('accepts a minimal resolved event', () => {
    // Act
    const result = canonicalEventSchema.safeParse(resolvedEvent());

    // Assess
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ eventType: 'ticket.resolved', ticketId: 'T-1001' });
  });

  it('trims and lower-cases the requester email', () => {
    // Act
    const event = canonicalEventSchema.parse(
      resolvedEvent({ requester: { email: '  Anna.Ivanova@Example.COM \n' } })
    );

    // Assess
    expect(event.requester.email).toBe('anna.ivanova@example.com');
  });

  it('strips control characters and bidi overrides from the text fields', () => {
    // Act
    const event = canonicalEventSchema.parse(
      resolvedEvent({
        ticketId: 'T-1\u0000001',
        ticketNumber: 'INC-1\r\nBcc: x@evil.example',
        title: 'Pay\u0007roll \u202Egnol\u202C fix\u2066\u2069\u0085\u009B\u007F',
        requester: { email: 'anna@example.com', name: 'An\u200Fna\u001B[31m' },
        service: { id: 'svc\t1', name: '\u2067Payroll\u2069' },
        agent: { id: 'a\u00801', name: 'Ivan\nIvanov' },
        resolutionCode: 'done\u0008',
      })
    );

    // Assess
    expect(event).toMatchObject({
      ticketId: 'T-1001',
      ticketNumber: 'INC-1Bcc: x@evil.example',
      title: 'Payroll gnol fix',
      requester: { name: 'An\u200Fna[31m' },
      service: { id: 'svc1', name: 'Payroll' },
      agent: { id: 'a1', name: 'IvanIvanov' },
      resolutionCode: 'done',
    });
  });

  it('rejects a ticket number that is only control characters', () => {
    // Act
    const issues = issuesOf(resolvedEvent({ ticketNumber: '\r\n\u202E' }));

    // Assess
    expect(issues.map((issue) => issue.path)).toContain('ticketNumber');
  });

  it.each([
    ['ticketId', { ticketId: 'T-\uD800' }],
    ['title', { title: 'a\uDC00b' }],
    ['requester.name', { requester: { email: null, name: '\uD83D' } }],
    ['businessUnit.name', { businessUnit: { name: 'Fin\uDFFF' } }],
  ])('rejects a lone surrogate in %s', (path, overrides) => {
    // Act
    const issues = issuesOf(resolvedEvent(overrides));

    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ path }));
  });

  it('keeps a well-formed surrogate pair (an emoji)', () => {
    // Act
    const event = canonicalEventSchema.parse(resolvedEvent({ title: 'Fixed \uD83D\uDE00' }));

    // Assess
    expect(event.title).toBe('Fixed \u{1F600}');
  });

  it('trims and lower-cases the agent email', () => {
    // Act
    const event = canonicalEventSchema.parse(
      resolvedEvent({ agent: { name: 'Boris', email: ' Boris@SSC.Example.com ' } })
    );

    // Assess
    expect(event.agent?.email).toBe('boris@ssc.example.com');
  });

  it('accepts a null requester email (no contact)', () => {
    // Act
    const event = canonicalEventSchema.parse(resolvedEvent({ requester: { email: null } }));

    // Assess
    expect(event.requester.email).toBeNull();
  });

  it.each(['not-an-email', 'anna@', '   '])('rejects the requester email %j', (email) => {
    // Act
    const issues = issuesOf(resolvedEvent({ requester: { email } }));

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['requester.email']);
  });

  it.each(['ticket.resolved', 'ticket.closed'])('requires resolvedAt for %s', (eventType) => {
    // Act
    const issues = issuesOf(resolvedEvent({ eventType, resolvedAt: undefined }));

    // Assess
    expect(issues).toEqual([
      { path: 'resolvedAt', message: 'required for ticket.resolved and ticket.closed' },
    ]);
  });

  it('reports a missing resolvedAt together with the other problems', () => {
    // Act
    const issues = issuesOf(resolvedEvent({ ticketId: '', resolvedAt: undefined }));

    // Assess
    expect(issues.map((i) => i.path).sort()).toEqual(['resolvedAt', 'ticketId']);
  });

  it('does not require resolvedAt for ticket.reopened', () => {
    // Act
    const result = canonicalEventSchema.safeParse(
      resolvedEvent({ eventType: 'ticket.reopened', resolvedAt: undefined })
    );

    // Assess
    expect(result.success).toBe(true);
    expect(result.data?.resolvedAt).toBeUndefined();
  });

  it('rejects an unknown event type', () => {
    // Act
    const issues = issuesOf(resolvedEvent({ eventType: 'ticket.created' }));

    // Assess
    expect(issues.map((i) => i.path)).toContain('eventType');
  });

  it('keeps a null slaBreached and reopenCount null, never false or 0', () => {
    // Act
    const event = canonicalEventSchema.parse(
      resolvedEvent({ slaBreached: null, reopenCount: null, slaDueAt: null })
    );

    // Assess
    expect(event.slaBreached).toBeNull();
    expect(event.reopenCount).toBeNull();
    expect(event.slaDueAt).toBeNull();
  });

  it('leaves slaBreached and reopenCount undefined when the source omits them', () => {
    // Act
    const event = canonicalEventSchema.parse(resolvedEvent());

    // Assess
    expect(event.slaBreached).toBeUndefined();
    expect(event.reopenCount).toBeUndefined();
  });

  it('keeps an explicit false and 0', () => {
    // Act
    const event = canonicalEventSchema.parse(resolvedEvent({ slaBreached: false, reopenCount: 0 }));

    // Assess
    expect(event.slaBreached).toBe(false);
    expect(event.reopenCount).toBe(0);
  });

  it.each([-1, 1.5, '2'])('rejects the reopen count %j', (reopenCount) => {
    // Act
    const issues = issuesOf(resolvedEvent({ reopenCount }));

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['reopenCount']);
  });

  it.each(['2024-03-01T09:00:00Z', '2024-03-01T12:00:00+03:00', '2024-03-01T09:00:00.123-05:30'])(
    'accepts the date-time %s with a zone',
    (resolvedAt) => {
      // Act
      const result = canonicalEventSchema.safeParse(resolvedEvent({ resolvedAt }));

      // Assess
      expect(result.success).toBe(true);
      expect(result.data?.resolvedAt).toBe(resolvedAt);
    }
  );

  it.each([
    'yesterday',
    '2024-02-30T09:00:00Z',
    '2024-13-01T09:00:00Z',
    '2024-03-01',
    '2024-03-01 09:00:00Z',
    '2024-03-01T09:00:00',
    1709283600000,
  ])('rejects the resolution time %j', (resolvedAt) => {
    // Act
    const issues = issuesOf(resolvedEvent({ resolvedAt }));

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['resolvedAt']);
  });

  it.each(['openedAt', 'slaDueAt'])('rejects a bad date in %s', (field) => {
    // Act
    const issues = issuesOf(resolvedEvent({ [field]: '31.12.2024' }));

    // Assess
    expect(issues.map((i) => i.path)).toEqual([field]);
  });

  it('trims the ticket id and rejects a blank one', () => {
    // Act
    const trimmed = canonicalEventSchema.parse(resolvedEvent({ ticketId: '  T-7  ' }));
    const issues = issuesOf(resolvedEvent({ ticketId: '   ' }));

    // Assess
    expect(trimmed.ticketId).toBe('T-7');
    expect(issues.map((i) => i.path)).toEqual(['ticketId']);
  });

  it.each(['ru', 'en-GB', 'ru_RU'])('accepts the locale %s', (locale) => {
    // Act
    const result = canonicalEventSchema.safeParse(
      resolvedEvent({ requester: { email: null, locale } })
    );

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects a malformed locale', () => {
    // Act
    const issues = issuesOf(resolvedEvent({ requester: { email: null, locale: 'english' } }));

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['requester.locale']);
  });
});

describe('Service: toUtc', () => {
  it('normalises an offset time to UTC', () => {
    // Act
    const utc = toUtc('2024-03-01T12:00:00+03:00');

    // Assess
    expect(utc).toBe('2024-03-01T09:00:00.000Z');
  });
});

describe('Service: describeIssues', () => {
  it('joins nested paths with dots', () => {
    // Act
    const issues = issuesOf(resolvedEvent({ requester: { email: 'nope' } }));

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('requester.email');
    expect(issues[0]?.message).toEqual(expect.any(String));
    expect(issues[0]?.message.length).toBeGreaterThan(0);
  });

  it.each([{ input: 'not an object' }, { input: null }, { input: [] }, { input: 42 }])(
    'names only the body itself when the whole input is $input',
    ({ input }) => {
      // Act
      const issues = issuesOf(input);

      // Assess
      expect(issues).toEqual([{ path: '(body)', message: expect.any(String) }]);
    }
  );

  it('lists every issue, each with its own path', () => {
    // Act
    const issues = issuesOf({
      eventType: 'ticket.resolved',
      ticketId: '',
      requester: { email: 'x' },
      service: { name: '' },
      resolvedAt: '2024-03-01T09:00:00Z',
    });

    // Assess
    expect(issues.map((i) => i.path).sort()).toEqual([
      'requester.email',
      'service.name',
      'ticketId',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalEventSchema } from '#functions/intake/canonical-event.schema.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { adapters } from '#functions/intake/sources/adapters.ts';
import { fieldsFor } from '#functions/intake/sources/source-adapter.ts';
import type { Source } from '#shared/kernel/sources.ts';
import {
  verifyBearer,
  verifyJiraSignature,
  verifyZendeskSignature,
} from '#functions/intake/sources/source-signatures.ts';
import { InvalidSourceTimeError, toUtcIso } from '#functions/intake/sources/source-time.ts';
import { InvalidSignatureError } from '#functions/intake/webhook-signature.ts';
import {
  jiraAutomationPayload,
  jiraWebhookPayload,
  naumenPayload,
  servicenowPayload,
  zendeskPayload,
} from '../../fixtures/source-payloads.ts';

const map = (source: Source, payload: unknown, fields: Record<string, string[]> = {}) => {
  const adapter = adapters[source];
  const native = adapter.schemaFor(payload).parse(payload);
  const result = adapter.toCanonical(native, {
    fields: fieldsFor(adapter, fields),
    timeZone: adapter.defaultTimeZone,
  });
  if (result.kind === 'ignored') return result;
  return { kind: 'event' as const, event: canonicalEventSchema.parse(result.event) };
};

describe('Adapter: naumen', () => {
  it('maps a resolved serviceCall, reading zone-less times in Europe/Moscow', () => {
    const result = map('naumen', naumenPayload('1001', 'A.Petrova@Corp.Example.ru'));

    expect(result).toMatchObject({
      kind: 'event',
      event: {
        eventType: 'ticket.resolved',
        ticketId: 'serviceCall$1001',
        ticketNumber: '482211',
        title: 'Не приходит расчётный листок',
        requester: { email: 'a.petrova@corp.example.ru', name: 'Петрова Анна Сергеевна' },
        businessUnit: { id: 'ou$3301', name: 'Филиал «Север», бухгалтерия' },
        service: { id: 'slmService$7702', name: 'Расчёт заработной платы' },
        team: { id: 'team$2201', name: 'ОЦО — Расчёт ЗП, 2 линия' },
        agent: { name: 'Иванов Олег Петрович', email: 'o.ivanov@ssc.example.ru' },
        openedAt: '2026-11-24T06:12:03.000Z',
        resolvedAt: '2026-11-26T09:34:56.000Z',
        slaDueAt: '2026-11-27T15:00:00.000Z',
        slaBreached: false,
        reopenCount: null,
        resolutionCode: 'solved',
      },
    });
  });

  it('keeps an unknown email, SLA and reopen count null, and maps resumed to reopened', () => {
    const noEmail = map(
      'naumen',
      naumenPayload('1002', null, 'resolved', { timeAllowanceTimerStatus: undefined })
    );
    const resumed = map('naumen', naumenPayload('1003', 'a@b.ru', 'resumed'));

    expect(noEmail).toMatchObject({
      event: { requester: { email: null }, slaBreached: null, reopenCount: null },
    });
    expect(resumed).toMatchObject({ event: { eventType: 'ticket.reopened' } });
  });

  it("takes an installation's own attribute codes from configuration", () => {
    const payload = naumenPayload('1004', 'a@b.ru', 'resolved', {
      UF_businessUnit: { title: 'Казначейство' },
      resumptionCount: 2,
    });

    const result = map('naumen', payload, {
      'businessUnit.name': ['data.UF_businessUnit.title'],
      reopenCount: ['data.resumptionCount'],
    });

    expect(result).toMatchObject({
      event: { businessUnit: { name: 'Казначейство' }, reopenCount: 2 },
    });
  });

  it('ignores a state that is no resolution, and names missing fields', () => {
    expect(
      map('naumen', { data: { ...naumenPayload('1005', 'a@b.ru').data, state: 'inprogress' } })
    ).toMatchObject({ kind: 'ignored' });
    const missing = adapters.naumen.schemaFor({}).safeParse({ data: { number: 1 } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'data.UUID',
      'data.state',
      'data.stateStartTime',
    ]);
  });
});

describe('Adapter: servicenow', () => {
  it('maps a resolved incident (state 6) and a close (state 7) of the same resolution', () => {
    const resolved = map(
      'servicenow',
      servicenowPayload('9d385017c611228701d22104cc95c371', 'Anna.Petrova@example.com')
    );
    const closed = map(
      'servicenow',
      servicenowPayload('9d385017c611228701d22104cc95c371', 'anna.petrova@example.com', '7')
    );

    expect(resolved).toMatchObject({
      event: {
        eventType: 'ticket.resolved',
        ticketNumber: 'INC9d38501',
        requester: { email: 'anna.petrova@example.com', name: 'Анна Петрова', locale: 'ru' },
        businessUnit: { name: 'ООО «Север»' },
        resolvedAt: '2026-11-26T09:34:56.000Z',
        slaBreached: false,
        reopenCount: 1,
        resolutionCode: 'Solved (Permanently)',
      },
    });
    expect(closed).toMatchObject({
      event: { eventType: 'ticket.closed', resolvedAt: '2026-11-26T09:34:56.000Z' },
    });
  });
});

describe('Adapter: zendesk', () => {
  it('maps a solved ticket with minute-precision times and a language name', () => {
    const result = map('zendesk', zendeskPayload('35436', 'anna.petrova@example.com'));

    expect(result).toMatchObject({
      event: {
        eventType: 'ticket.resolved',
        ticketId: '35436',
        requester: { email: 'anna.petrova@example.com', locale: 'ru' },
        businessUnit: { id: 'FIN', name: 'Финансы' },
        team: { name: 'Payroll L2' },
        resolvedAt: '2026-11-26T09:34:00.000Z',
        slaBreached: null,
        reopenCount: null,
      },
    });
  });

  it('takes a status other than solved or closed as a reopening, whatever its case', () => {
    expect(map('zendesk', zendeskPayload('35437', 'a@b.ru', 'open'))).toMatchObject({
      event: { eventType: 'ticket.reopened' },
    });
    expect(map('zendesk', zendeskPayload('35438', 'a@b.ru', 'CLOSED'))).toMatchObject({
      event: { eventType: 'ticket.closed' },
    });
  });
});

describe('Adapter: jira', () => {
  it("reads a resolution from the changelog and maps the site's custom fields", () => {
    const result = map('jira', jiraWebhookPayload('10482', 'Anna.Petrova@example.com'));

    expect(result).toMatchObject({
      event: {
        eventType: 'ticket.resolved',
        ticketId: '10482',
        ticketNumber: 'ITSD-10482',
        requester: { email: 'anna.petrova@example.com', name: 'Анна Петрова', locale: 'en' },
        businessUnit: { id: '3', name: 'Finance Shared Services' },
        service: { id: '12', name: 'Payroll question' },
        resolvedAt: '2026-11-26T09:34:56.000Z',
        slaDueAt: '2026-11-27T15:00:00.000Z',
        slaBreached: false,
        resolutionCode: 'Done',
      },
    });
  });

  it('takes a cleared resolution as a reopening and ignores other updates', () => {
    expect(map('jira', jiraWebhookPayload('10483', 'a@b.ru', 'reopened'))).toMatchObject({
      event: { eventType: 'ticket.reopened' },
    });
    expect(map('jira', jiraWebhookPayload('10484', 'a@b.ru', 'comment'))).toMatchObject({
      kind: 'ignored',
    });
  });

  it('maps the Automation rule body, and field ids of another site from configuration', () => {
    const automation = map('jira', jiraAutomationPayload('10485', 'anna@example.com'));
    const payload = jiraWebhookPayload('10486', 'a@b.ru');
    const otherSite = map('jira', payload, { 'service.name': ['issue.fields.issuetype.name'] });

    expect(automation).toMatchObject({
      event: {
        eventType: 'ticket.resolved',
        ticketNumber: 'ITSD-10485',
        service: { name: 'Payroll question' },
      },
    });
    expect(otherSite).toMatchObject({ event: { service: { name: '[System] Service request' } } });
  });
});

describe('Source times', () => {
  it("reads offsets, minute precision and zone-less times in the source's zone", () => {
    expect(toUtcIso('2026-11-26T09:34:56.000+0000', 'UTC')).toBe('2026-11-26T09:34:56.000Z');
    expect(toUtcIso('2026-11-26T12:34:56+03:00', 'UTC')).toBe('2026-11-26T09:34:56.000Z');
    expect(toUtcIso('2026-11-26T09:34Z', 'UTC')).toBe('2026-11-26T09:34:00.000Z');
    expect(toUtcIso('2026-11-26 12:34:56', 'Europe/Moscow')).toBe('2026-11-26T09:34:56.000Z');
    // Berlin changes to summer time on 2026-03-29: the offset follows the date.
    expect(toUtcIso('2026-01-15 12:00:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
    expect(toUtcIso('2026-07-15 12:00:00', 'Europe/Berlin')).toBe('2026-07-15T10:00:00.000Z');
    expect(() => toUtcIso('yesterday', 'UTC')).toThrow(InvalidSourceTimeError);
  });
});

describe('Source signatures', () => {
  it("verifies the WebSub hex HMAC Jira sends (GitHub's published vector)", () => {
    const vector = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(() => {
      verifyJiraSignature(["It's a Secret to Everybody"], 'Hello, World!', vector);
    }).not.toThrow();
    expect(() => {
      verifyJiraSignature(['other', "It's a Secret to Everybody"], 'Hello, World!', vector);
    }).not.toThrow();
    expect(() => {
      verifyJiraSignature(["It's a Secret to Everybody"], 'Hello, World?', vector);
    }).toThrow(InvalidSignatureError);
    expect(() => {
      verifyJiraSignature(["It's a Secret to Everybody"], 'Hello, World!', undefined);
    }).toThrow(InvalidSignatureError);
  });

  it("verifies Zendesk's base64 HMAC over timestamp and body (an openssl-computed vector)", () => {
    const body = '{"ticket_id":"35436","status":"Solved"}';
    const at = '2024-04-17T17:18:10Z';
    const signature = 'xaCItSGZKlOUjhaNVzspMyNsb5F8z7khFq8kUt/O9dw=';
    const now = new Date('2024-04-17T17:20:00Z');

    expect(() => {
      verifyZendeskSignature(['zendesk-secret-for-vector'], body, at, signature, now);
    }).not.toThrow();
    expect(() => {
      verifyZendeskSignature(['zendesk-secret-for-vector'], `${body} `, at, signature, now);
    }).toThrow(InvalidSignatureError);
    expect(() => {
      verifyZendeskSignature(
        ['zendesk-secret-for-vector'],
        body,
        at,
        signature,
        new Date('2024-04-17T18:00:00Z')
      );
    }).toThrow(InvalidSignatureError);
  });

  it('accepts only a long enough, matching bearer token', () => {
    const token = 'x'.repeat(40);
    expect(verifyBearer([token], `Bearer ${token}`)).toBe(true);
    expect(verifyBearer([token], `Bearer ${token}y`)).toBe(false);
    expect(verifyBearer(['short'], 'Bearer short')).toBe(false);
    expect(verifyBearer([token], undefined)).toBe(false);
  });
});

describe('Adapters: fallbacks and unknown values', () => {
  it('reads a Jira SLA from the ongoing cycle when no cycle has completed', () => {
    const payload = jiraWebhookPayload('10490', 'a@b.ru');
    const fields = payload.issue.fields as Record<string, unknown>;
    fields.customfield_10030 = {
      ongoingCycle: { breachTime: { iso8601: '2026-11-28T10:00:00+0000' }, breached: true },
    };

    expect(map('jira', payload)).toMatchObject({
      event: { slaBreached: true, slaDueAt: '2026-11-28T10:00:00.000Z' },
    });
  });

  it('ignores a Zendesk status it does not know, instead of guessing a reopening', () => {
    expect(map('zendesk', zendeskPayload('35439', 'a@b.ru', 'Gelöst'))).toMatchObject({
      kind: 'ignored',
    });
    expect(map('zendesk', zendeskPayload('35440', 'a@b.ru', 'Pending'))).toMatchObject({
      event: { eventType: 'ticket.reopened' },
    });
  });

  it('keeps the language of a regional ServiceNow code', () => {
    const payload = servicenowPayload('abc123', 'a@b.ru');
    payload.data.caller_id.preferred_language = 'en_US';

    expect(map('servicenow', payload)).toMatchObject({ event: { requester: { locale: 'en' } } });
  });

  it('refuses at synth a misspelt time zone or an unknown field to override', () => {
    expect(() =>
      csiSettingsSchema.parse({ sources: { naumen: { timeZone: 'Europe/Moskow' } } })
    ).toThrow(/IANA/);
    expect(() =>
      csiSettingsSchema.parse({ sources: { jira: { fields: { 'requester.mail': ['x'] } } } })
    ).toThrow();
    expect(
      csiSettingsSchema.parse({ sources: { naumen: { timeZone: 'Asia/Yekaterinburg' } } }).sources
        .naumen?.timeZone
    ).toBe('Asia/Yekaterinburg');
  });
});

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { casePageSettings, caseViewOf } from '#functions/follow-up/pages/case-view.ts';
import { surveyKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { followUpItem, SURVEY_ID, surveyItem, testDeps } from '#test/helpers/ddb-fixtures.ts';

const { ddb } = mockAws({ table: 'empty' });
const deps = testDeps();
const owner = { role: 'owner', emailHash: emailKey('owner@example.com'), generation: 0 } as const;
const escalation = { role: 'escalation', emailHash: emailKey('lead@example.com') } as const;

describe('Settings: the case page', () => {
  it('is in Russian and Moscow time with no ticket links unless configured', () => {
    // Act
    const settings = casePageSettings(parseCsiSettings(undefined));

    // Assess: the SSC's language and time zone, the same settings as its mail.
    expect(settings.staffLanguage).toBe('ru');
    expect(settings.timeZone).toBe('Europe/Moscow');
    expect(settings.ticketLinks).toEqual({});
  });

  it('refuses a ticket link without {ticketId}, a non-URL and an unknown time zone', () => {
    // Act
    const parse = (settings: object) => () => parseCsiSettings(JSON.stringify(settings));

    // Assess
    expect(parse({ followUp: { ticketLinks: { naumen: 'https://sd.example.ru/sd/' } } })).toThrow(
      '{ticketId}'
    );
    expect(parse({ followUp: { ticketLinks: { jira: 'javascript:alert({ticketId})' } } })).toThrow(
      'http(s)'
    );
    expect(parse({ timeZone: 'Mars/Olympus' })).toThrow('IANA');
    expect(parse({ sscLanguage: 'de' })).toThrow();
  });
});

describe('View: caseViewOf', () => {
  const settings = casePageSettings(
    parseCsiSettings(
      JSON.stringify({
        sscLanguage: 'en',
        followUp: { ticketLinks: { naumen: 'https://sd.example.ru/sd/operator/#uuid:{ticketId}' } },
      })
    )
  );

  it("links the ticket through its source's template and names the ticket's agent", async () => {
    // Prepare
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({
      Item: surveyItem({ source: 'naumen', agentName: 'Pavel Agent' }),
    });

    // Act
    const view = await caseViewOf(
      deps,
      settings,
      followUpItem({ ticketId: 'serviceCall$123' }),
      owner,
      'tok'
    );

    // Assess
    expect(view.ticketUrl).toBe('https://sd.example.ru/sd/operator/#uuid:serviceCall%24123');
    expect(view.agentName).toBe('Pavel Agent');
    expect(view.language).toBe('en');
    expect(view.pagePath).toBe('/f/tok');
  });

  it('gives no link for a source without a template', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({
      Item: surveyItem({ source: 'jira' }),
    });

    // Act
    const view = await caseViewOf(deps, settings, followUpItem(), owner, 'tok');

    // Assess
    expect(view.ticketUrl).toBeUndefined();
  });

  it("carries the requester's address for the owner's link only", async () => {
    // Act
    const ownerView = await caseViewOf(deps, settings, followUpItem(), owner, 'tok');
    const escalationView = await caseViewOf(deps, settings, followUpItem(), escalation, 'tok');

    // Assess
    expect(ownerView.requesterEmail).toBe('anna@example.com');
    expect(escalationView.requesterEmail).toBeUndefined();
  });
});

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { prepareSurvey, type PrepareDeps } from '#functions/csi/tasks/prepare-survey.service.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { personKey, surveyKey, surveyStatusEntry } from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import type { Survey, SurveyStatus } from '#shared/data/survey.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { NOW, REQUESTER, SURVEY_ID, surveyItem, TABLE } from '#test/helpers/survey-fixture.ts';

const { ddb } = mockAws();

const PERSON_KEY = personKey(emailKey(REQUESTER));

const depsWith = (settings: Record<string, unknown> = {}): PrepareDeps => ({
  ...testDeps({ now: NOW }),
  settings: csiSettingsSchema.parse(settings),
});

/** The stored survey and the person's profile (none by default). */
const given = (survey: Partial<Survey> = {}, person?: Record<string, unknown>) => {
  const item = surveyItem(survey);
  ddb
    .on(GetCommand, { Key: surveyKey(item.surveyId) })
    .resolves({ Item: item })
    .on(GetCommand, { Key: PERSON_KEY })
    .resolves(person ? { Item: { ...PERSON_KEY, ...person } } : {});
  ddb.on(UpdateCommand).resolves({});
  return item;
};

/** The survey update that records why it is not sent. */
const expectRecorded = (
  status: 'suppressed' | 'no-contact',
  reason: string,
  surveyId = SURVEY_ID
) => {
  expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE, Key: surveyKey(surveyId) });
  const update = ddb
    .commandCalls(UpdateCommand)
    .find((call) => call.args[0].input.Key?.pk === surveyKey(surveyId).pk);
  expect(decodeUpdate(update?.args[0].input)).toMatchObject({
    set: {
      status,
      statusReason: reason,
      updatedAt: NOW.toISOString(),
      ...surveyStatusEntry(surveyId, status, NOW.toISOString()),
    },
    condition: 'status = "scheduled"',
  });
};

const surveyUpdates = () =>
  ddb
    .commandCalls(UpdateCommand)
    .filter((call) => call.args[0].input.Key?.pk === surveyKey(SURVEY_ID).pk);

describe('Service: prepareSurvey', () => {
  it('sends a scheduled survey that passes every rule, recording nothing', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'send' });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
      ConsistentRead: true,
    });
    expect(ddb).toReceiveCommandWith(GetCommand, { TableName: TABLE, Key: PERSON_KEY });
  });

  it.each<[SurveyStatus, string]>([
    ['sending', 'send'],
    ['sent', 'await-rating'],
    ['reminded', 'await-after-reminder'],
    ['rated', 'done'],
    ['expired', 'done'],
    ['cancelled', 'done'],
    ['suppressed', 'done'],
    ['no-contact', 'done'],
    ['failed', 'done'],
  ])('resumes a %s survey with the decision %s', async (status, decision) => {
    // Prepare
    given({ status });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision });
    expect(ddb).toReceiveCommandTimes(GetCommand, 1);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('marks a survey without an email no-contact, without a person lookup', async () => {
    // Prepare
    given({ requesterEmail: null });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('no-contact', 'no-email');
    expect(ddb).not.toReceiveCommandWith(GetCommand, { Key: PERSON_KEY });
  });

  it('suppresses a survey to a person who opted out', async () => {
    // Prepare
    given({}, { optedOutAt: '2024-01-10T08:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'opted-out');
  });

  it('suppresses a survey to an address that bounced', async () => {
    // Prepare
    given({}, { bouncedAt: '2024-01-10T08:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'bounced');
  });

  it('sends to a known person who neither opted out nor bounced', async () => {
    // Prepare
    given({}, { lastSurveyedAt: '2023-01-01T00:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'send' });
  });

  it('suppresses a survey whose requester is the agent', async () => {
    // Prepare
    given({ agentEmail: REQUESTER });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'requester-is-agent');
  });

  it.each(['svc-it', 'IT support'])(
    'suppresses a survey of a service excluded as %s',
    async (excluded) => {
      // Prepare
      given();

      // Act
      const result = await prepareSurvey(
        depsWith({ excludedServices: ['svc-other', excluded] }),
        SURVEY_ID
      );

      // Assess
      expect(result).toEqual({ decision: 'done' });
      expectRecorded('suppressed', 'excluded-service');
    }
  );

  it.each(['cat-access', 'Access'])(
    'suppresses a survey of a category excluded as %s',
    async (excluded) => {
      // Prepare
      given();

      // Act
      const result = await prepareSurvey(depsWith({ excludedCategories: [excluded] }), SURVEY_ID);

      // Assess
      expect(result).toEqual({ decision: 'done' });
      expectRecorded('suppressed', 'excluded-category');
    }
  );

  it('sends when the excluded services do not match and the survey has no category', async () => {
    // Prepare
    given({ category: undefined });

    // Act
    const result = await prepareSurvey(
      depsWith({ excludedServices: ['svc-other'], excludedCategories: ['Access'] }),
      SURVEY_ID
    );

    // Assess
    expect(result).toEqual({ decision: 'send' });
  });

  it('suppresses every survey at a sampling rate of 0', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith({ samplingRate: 0 }), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'sampling');
  });

  it('samples deterministically by the survey id', async () => {
    // Prepare
    const lowId = '7fffffff' + '0'.repeat(24);
    const highId = '80000001' + '0'.repeat(24);
    given({ surveyId: lowId });
    given({ surveyId: highId });
    const deps = depsWith({ samplingRate: 0.5 });

    // Act
    const low = await prepareSurvey(deps, lowId);
    const high = await prepareSurvey(deps, highId);

    // Assess
    expect(low).toEqual({ decision: 'send' });
    expect(high).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'sampling', highId);
  });

  it('suppresses a survey inside the cool-down of the person', async () => {
    // Prepare
    given({}, { lastSurveyedAt: '2024-02-28T10:00:00.000Z' });
    ddb.on(UpdateCommand, { Key: PERSON_KEY }).rejects(conditionFailed());

    // Act
    const result = await prepareSurvey(depsWith({ coolDown: 'P7D' }), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expectRecorded('suppressed', 'cool-down');
  });

  it('claims the person slot when the last survey is older than the cool-down', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith({ coolDown: 'P7D' }), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'send' });
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE, Key: PERSON_KEY });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: { lastSurveyedAt: NOW.toISOString() },
      condition:
        'attribute_not_exists(lastSurveyedAt) OR lastSurveyedAt < "2024-02-23T10:00:00.000Z"',
    });
    expect(surveyUpdates()).toHaveLength(0);
  });

  it('checks the cool-down last, so an excluded survey does not take the slot', async () => {
    // Prepare
    given();

    // Act
    await prepareSurvey(depsWith({ coolDown: 'P7D', samplingRate: 0 }), SURVEY_ID);

    // Assess
    expect(ddb).not.toReceiveCommandWith(UpdateCommand, { Key: PERSON_KEY });
    expectRecorded('suppressed', 'sampling');
  });

  it('propagates an unexpected error of the cool-down claim', async () => {
    // Prepare
    given();
    ddb.on(UpdateCommand, { Key: PERSON_KEY }).rejects(new Error('network down'));

    // Act
    const act = prepareSurvey(depsWith({ coolDown: 'P7D' }), SURVEY_ID);

    // Assess
    await expect(act).rejects.toThrow('network down');
  });

  it('ends quietly when the survey was cancelled before the reason was recorded', async () => {
    // Prepare
    given({ requesterEmail: null });
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ decision: 'done' });
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
  });

  it('propagates an unexpected error while recording the reason', async () => {
    // Prepare
    given({ requesterEmail: null });
    ddb.on(UpdateCommand).rejects(new Error('throttled'));

    // Act
    const act = prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    await expect(act).rejects.toThrow('throttled');
  });

  it('throws SurveyNotFoundError for an unknown survey', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});

    // Act
    const act = prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    await expect(act).rejects.toBeInstanceOf(SurveyNotFoundError);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });
});

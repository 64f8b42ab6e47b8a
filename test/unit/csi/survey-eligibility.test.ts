import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ineligibility } from '#functions/csi/tasks/survey-eligibility.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { personKey, surveyKey } from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import type { Survey } from '#shared/data/survey.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { NOW, REQUESTER, SURVEY_ID, surveyItem, TABLE } from '#test/helpers/survey-fixture.ts';

const { ddb } = mockAws();

const PERSON_KEY = personKey(emailKey(REQUESTER));

const depsWith = (settings: Record<string, unknown> = {}) => ({
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

/** The rules on the stored survey: undefined (mailed), or why not. */
const prepareSurvey = async (deps: ReturnType<typeof depsWith>, surveyId: string) =>
  ineligibility(deps, await deps.surveys.get(surveyId));

/** Only the person's cool-down slot is ever written by the rules; never the survey. */
const surveyUpdates = () =>
  ddb
    .commandCalls(UpdateCommand)
    .filter((call) => call.args[0].input.Key?.pk === surveyKey(SURVEY_ID).pk);

describe('Use case: ineligibility (the survey rules)', () => {
  it('sends a scheduled survey that passes every rule, recording nothing', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toBeUndefined();
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
      ConsistentRead: true,
    });
    expect(ddb).toReceiveCommandWith(GetCommand, { TableName: TABLE, Key: PERSON_KEY });
  });

  it('marks a survey without an email no-contact, without a person lookup', async () => {
    // Prepare
    given({ requesterEmail: null });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'no-contact', reason: 'no-email' });
    expect(surveyUpdates()).toHaveLength(0);
    expect(ddb).not.toReceiveCommandWith(GetCommand, { Key: PERSON_KEY });
  });

  it('suppresses a survey to a person who opted out', async () => {
    // Prepare
    given({}, { optedOutAt: '2024-01-10T08:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'suppressed', reason: 'opted-out' });
    expect(surveyUpdates()).toHaveLength(0);
  });

  it('suppresses a survey to an address that bounced', async () => {
    // Prepare
    given({}, { bouncedAt: '2024-01-10T08:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'suppressed', reason: 'bounced' });
    expect(surveyUpdates()).toHaveLength(0);
  });

  it('sends to a known person who neither opted out nor bounced', async () => {
    // Prepare
    given({}, { lastSurveyedAt: '2023-01-01T00:00:00.000Z' });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toBeUndefined();
  });

  it('suppresses a survey whose requester is the agent', async () => {
    // Prepare
    given({ agentEmail: REQUESTER });

    // Act
    const result = await prepareSurvey(depsWith(), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'suppressed', reason: 'requester-is-agent' });
    expect(surveyUpdates()).toHaveLength(0);
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
      expect(result).toEqual({ status: 'suppressed', reason: 'excluded-service' });
      expect(surveyUpdates()).toHaveLength(0);
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
      expect(result).toEqual({ status: 'suppressed', reason: 'excluded-category' });
      expect(surveyUpdates()).toHaveLength(0);
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
    expect(result).toBeUndefined();
  });

  it('suppresses every survey at a sampling rate of 0', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith({ samplingRate: 0 }), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'suppressed', reason: 'sampling' });
    expect(surveyUpdates()).toHaveLength(0);
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
    expect(low).toBeUndefined();
    expect(high).toEqual({ status: 'suppressed', reason: 'sampling' });
    expect(surveyUpdates()).toHaveLength(0);
  });

  it('suppresses a survey inside the cool-down of the person', async () => {
    // Prepare
    given({}, { lastSurveyedAt: '2024-02-28T10:00:00.000Z' });
    ddb.on(UpdateCommand, { Key: PERSON_KEY }).rejects(conditionFailed());

    // Act
    const result = await prepareSurvey(depsWith({ coolDown: 'P7D' }), SURVEY_ID);

    // Assess
    expect(result).toEqual({ status: 'suppressed', reason: 'cool-down' });
    expect(surveyUpdates()).toHaveLength(0);
  });

  it('claims the person slot when the last survey is older than the cool-down', async () => {
    // Prepare
    given();

    // Act
    const result = await prepareSurvey(depsWith({ coolDown: 'P7D' }), SURVEY_ID);

    // Assess
    expect(result).toBeUndefined();
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

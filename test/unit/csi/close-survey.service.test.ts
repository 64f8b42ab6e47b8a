import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { closeSurvey, type CloseSurveyDeps } from '#functions/csi/tasks/close-survey.service.ts';
import { surveyKey, surveyStatusEntry } from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import type { SurveyStatus } from '#shared/data/survey.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { DEFAULT_SETTINGS } from '#test/helpers/mail-fixtures.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { NOW, SURVEY_ID, surveyItem, TABLE } from '#test/helpers/survey-fixture.ts';

const { ddb } = mockAws();

const deps: CloseSurveyDeps = { ...testDeps({ now: NOW }), settings: DEFAULT_SETTINGS };
const surveyUpdate = () => decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input);

describe('Service: closeSurvey', () => {
  it('expires a survey still waiting for its rating and drops its task token', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    const result = await closeSurvey(deps, SURVEY_ID, 'expired');

    // Assess
    expect(result).toEqual({ expired: true });
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
    });
    expect(surveyUpdate()).toEqual({
      set: {
        status: 'expired',
        statusReason: 'no-rating',
        updatedAt: NOW.toISOString(),
      },
      setIfAbsent: {},
      add: {},
      // No work list of expired surveys is read: it leaves the index.
      remove: ['gsi2pk', 'gsi2sk', 'taskToken'],
      condition: 'status IN ("sent", "reminded") AND attribute_not_exists(clickLog)',
    });
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('returns the score when a rating won the race against the expiry', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: surveyItem({ status: 'rated', score: 3 }) });

    // Act
    const result = await closeSurvey(deps, SURVEY_ID, 'expired');

    // Assess
    expect(result).toEqual({ score: 3 });
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: surveyKey(SURVEY_ID),
      ConsistentRead: true,
    });
  });

  it.each<SurveyStatus>(['cancelled', 'expired', 'suppressed'])(
    'leaves a %s survey as it is',
    async (status) => {
      // Prepare
      ddb.on(UpdateCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({ Item: surveyItem({ status }) });

      // Act
      const result = await closeSurvey(deps, SURVEY_ID, 'expired');

      // Assess
      expect(result).toEqual({ expired: true });
      expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    }
  );

  it('marks a survey failed from any pending status, with the error name as reason', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await closeSurvey(deps, SURVEY_ID, 'failed', 'EmailRejectedError');

    // Assess
    expect(surveyUpdate()).toMatchObject({
      set: {
        status: 'failed',
        statusReason: 'EmailRejectedError',
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'failed', NOW.toISOString()),
      },
      remove: ['taskToken'],
      condition: 'status IN ("scheduled", "sending", "sent", "reminded")',
    });
  });

  it('records an unknown reason for a failure without one', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await closeSurvey(deps, SURVEY_ID, 'failed');

    // Assess
    expect(surveyUpdate().set).toMatchObject({ status: 'failed', statusReason: 'unknown' });
  });

  it('propagates an unexpected error of the update', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new Error('throttled'));

    // Act
    const act = closeSurvey(deps, SURVEY_ID, 'expired');

    // Assess
    await expect(act).rejects.toThrow('throttled');
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('throws SurveyNotFoundError when the survey does not exist', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({});

    // Act
    const act = closeSurvey(deps, SURVEY_ID, 'expired');

    // Assess
    await expect(act).rejects.toBeInstanceOf(SurveyNotFoundError);
  });
});

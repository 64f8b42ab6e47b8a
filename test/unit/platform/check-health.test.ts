import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  DescribeStateMachineCommand,
  SFNClient,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { checkHealth, type HealthDeps } from '#functions/platform/health/check-health.service.ts';
import { tableCheck } from '#shared/data/table-health.ts';
import { mailAccountCheck } from '#shared/mail/mail-health.ts';
import { stateMachineCheck } from '#shared/workflow/workflow-health.ts';
import { givenHealthyComponents, mockHealthClients } from '#test/helpers/aws-mocks.ts';

const clients = mockHealthClients();
const { dynamo, sfn } = clients;

const PROBE_ARN = 'arn:aws:states:eu-central-1:1:stateMachine:probe';
const deps: HealthDeps = {
  checks: {
    table: tableCheck(new DynamoDBClient({}), 'otklik-test'),
    email: mailAccountCheck(new SESv2Client({})),
    'workflow:callback-probe': stateMachineCheck(new SFNClient({}), PROBE_ARN),
  },
  timeoutMs: 500,
};

describe('Service: checkHealth', () => {
  it('reports healthy when the table is active and mail and workflows answer', async () => {
    // Prepare
    givenHealthyComponents(clients);

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(report).toEqual({
      healthy: true,
      components: [
        { name: 'table', healthy: true },
        { name: 'email', healthy: true },
        { name: 'workflow:callback-probe', healthy: true },
      ],
    });
    expect(dynamo).toReceiveCommandWith(DescribeTableCommand, { TableName: 'otklik-test' });
    expect(sfn).toReceiveCommandWith(DescribeStateMachineCommand, {
      stateMachineArn: PROBE_ARN,
    });
  });

  it('names the failing component and the error type, never its message', async () => {
    givenHealthyComponents(clients);
    dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'CREATING' } });
    sfn
      .on(DescribeStateMachineCommand)
      .rejects(new StateMachineDoesNotExist({ message: 'secret arn detail', $metadata: {} }));

    const report = await checkHealth(deps);

    expect(report.healthy).toBe(false);
    expect(report.components).toEqual([
      { name: 'table', healthy: false, reason: 'TableNotActiveError' },
      { name: 'email', healthy: true },
      { name: 'workflow:callback-probe', healthy: false, reason: 'StateMachineDoesNotExist' },
    ]);
    expect(JSON.stringify(report)).not.toContain('secret');
  });
});

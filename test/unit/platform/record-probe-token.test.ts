import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ProbeNotFoundError,
  recordProbeToken,
} from '#functions/platform/probe/record-probe-token.service.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
afterEach(() => ddb.reset());

describe('Service: recordProbeToken', () => {
  it('stores the token on the waiting probe only', async () => {
    ddb.on(UpdateCommand).resolves({});

    await recordProbeToken(client, 'otklik-test', { probeId: 'p1', taskToken: 'tok' });

    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: 'otklik-test',
      Key: { pk: 'PROBE#p1', sk: 'PROBE' },
      ConditionExpression: 'attribute_exists(pk) AND #status = :waiting',
      ExpressionAttributeValues: { ':token': 'tok', ':waiting': 'waiting' },
    });
  });

  it('throws ProbeNotFoundError when no probe waits', async () => {
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));

    await expect(
      recordProbeToken(client, 'otklik-test', { probeId: 'p1', taskToken: 'tok' })
    ).rejects.toBeInstanceOf(ProbeNotFoundError);
  });
});

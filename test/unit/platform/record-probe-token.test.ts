import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ProbeNotFoundError,
  recordProbeToken,
} from '#functions/platform/probe/record-probe-token.service.ts';
import { decodeUpdate, testStores } from '#test/helpers/ddb-fixtures.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const stores = testStores('otklik-test');
afterEach(() => ddb.reset());

describe('Service: recordProbeToken', () => {
  it('stores the token on the waiting probe only', async () => {
    ddb.on(UpdateCommand).resolves({});

    await recordProbeToken(stores, { probeId: 'p1', taskToken: 'tok' });

    // The probe workflow's ASL writes this key too: it must not change.
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: 'otklik-test',
      Key: { pk: 'PROBE#p1', sk: 'PROBE' },
    });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: { taskToken: 'tok' },
      condition: 'attribute_exists(pk) AND status = "waiting"',
    });
  });

  it('throws ProbeNotFoundError when no probe waits', async () => {
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));

    await expect(
      recordProbeToken(stores, { probeId: 'p1', taskToken: 'tok' })
    ).rejects.toBeInstanceOf(ProbeNotFoundError);
  });
});

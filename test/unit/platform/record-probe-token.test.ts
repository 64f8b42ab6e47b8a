import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  ProbeNotFoundError,
  recordProbeToken,
} from '#functions/platform/probe/record-probe-token.service.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testStores } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const stores = testStores('otklik-test');

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

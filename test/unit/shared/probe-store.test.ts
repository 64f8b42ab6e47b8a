import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { probeStore } from '#shared/data/probe-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const probes = probeStore({ db: documentClient(), tableName: TABLE });

describe('Store: probes', () => {
  it('parks a task token on a waiting probe only, under the key the probe ASL writes', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const parked = await probes.parkTaskToken('p-1', 'tok');
    const missing = await probes.parkTaskToken('p-1', 'tok');

    // Assess
    expect([parked, missing]).toEqual([true, false]);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: { pk: 'PROBE#p-1', sk: 'PROBE' } });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: { taskToken: 'tok' },
      condition: 'attribute_exists(pk) AND status = "waiting"',
    });
  });
});

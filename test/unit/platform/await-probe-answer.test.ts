import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as AwaitProbeAnswer from '#functions/platform/probe/await-probe-answer.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';

const { ddb } = mockAws();
let handler: typeof AwaitProbeAnswer.handler;
const context = { functionName: 'await-probe-answer', awsRequestId: 'r1' } as unknown as Context;

beforeAll(async () => {
  vi.stubEnv('STAGE', 'test');
  vi.stubEnv('TABLE_NAME', 'otklik-test');
  ({ handler } = await import('#functions/platform/probe/await-probe-answer.ts'));
});

describe('Handler: await-probe-answer', () => {
  it('stores the token of a valid task input', async () => {
    ddb.on(UpdateCommand).resolves({});

    await handler({ probeId: 'p-1', taskToken: 'token' }, context);

    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
  });

  it('rejects task input that does not match the schema, writing nothing', async () => {
    await expect(
      handler({ probeId: 'bad id with spaces', taskToken: '' }, context)
    ).rejects.toThrow();
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });
});

import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const dynamo = mockClient(DynamoDBClient);
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

const event = {
  rawPath: '/health',
  headers: {},
  requestContext: { http: { method: 'GET' } },
} as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'get-health', awsRequestId: 'r1' } as unknown as Context;

beforeAll(async () => {
  vi.stubEnv('STAGE', 'test');
  vi.stubEnv('TABLE_NAME', 'otklik-test');
  vi.stubEnv(
    'CALLBACK_PROBE_STATE_MACHINE_ARN',
    'arn:aws:states:eu-central-1:1:stateMachine:probe'
  );
  ({ handler } = await import('#functions/platform/health/get-health.ts'));
});
afterEach(() => {
  dynamo.reset();
  ses.reset();
  sfn.reset();
});

describe('Handler: get-health', () => {
  it('answers 200 with security headers when every component answers', async () => {
    dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
    ses.on(GetAccountCommand).resolves({});
    sfn.on(DescribeStateMachineCommand).resolves({});

    const response = await handler(event, context);

    expect(response).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({ status: 'ok' });
    const headers = Object.entries((response as { headers: Record<string, string> }).headers);
    expect(headers.find(([name]) => name.toLowerCase() === 'x-content-type-options')?.[1]).toBe(
      'nosniff'
    );
  });

  it('answers 503 when a component fails', async () => {
    dynamo.on(DescribeTableCommand).rejects(new Error('down'));
    ses.on(GetAccountCommand).resolves({});
    sfn.on(DescribeStateMachineCommand).resolves({});

    const response = await handler(event, context);

    expect(response).toMatchObject({ statusCode: 503 });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({ status: 'degraded' });
  });
});

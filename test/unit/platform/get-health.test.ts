import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { givenHealthyComponents, mockHealthClients } from '#test/helpers/aws-mocks.ts';

const clients = mockHealthClients();
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
  vi.stubEnv('SOURCE_CREDENTIALS_ID', 'otklik/test/source-credentials');
  vi.stubEnv(
    'CALLBACK_PROBE_STATE_MACHINE_ARN',
    'arn:aws:states:eu-central-1:1:stateMachine:probe'
  );
  ({ handler } = await import('#functions/platform/health/get-health.ts'));
});

describe('Handler: get-health', () => {
  it('answers 200 with security headers when every component answers', async () => {
    givenHealthyComponents(clients);

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
    givenHealthyComponents(clients);
    clients.dynamo.on(DescribeTableCommand).rejects(new Error('down'));

    const response = await handler(event, context);

    expect(response).toMatchObject({ statusCode: 503 });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({ status: 'degraded' });
  });

  it('names the one source whose credentials entry is malformed, the others healthy', async () => {
    givenHealthyComponents(clients);
    clients.secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        naumen: { secrets: ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'] },
        jira: { secrets: 'not-a-list' },
      }),
    });

    const response = await handler(event, context);

    expect(response).toMatchObject({ statusCode: 503 });
    const { components } = JSON.parse((response as { body: string }).body) as {
      components: { name: string; healthy: boolean; reason?: string }[];
    };
    expect(components.filter((c) => c.name.startsWith('source:'))).toEqual([
      { name: 'source:naumen', healthy: true },
      { name: 'source:jira', healthy: false, reason: 'SourceDisabledError' },
      { name: 'source:zendesk', healthy: true },
      { name: 'source:servicenow', healthy: true },
    ]);
    expect((response as { body: string }).body).not.toContain('not-a-list');
  });
});

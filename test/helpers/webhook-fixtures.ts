import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { clearCaches } from '@aws-lambda-powertools/parameters';
import { mockClient } from 'aws-sdk-client-mock';
import { answerBatchGetsFromQueries } from './aws-mocks.ts';
import { conditionFailed } from './sdk-errors.ts';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { httpEvent, stubHandlerEnv, stubSettings, type HttpResult } from './http-event.ts';

/**
 * Shared scaffolding of the webhook handler tests (receive-generic-webhook and
 * receive-source-webhook; not a test file itself): the mocked SDK clients, signed
 * deliveries and the assertions every rejection makes.
 */
export const SOURCE_CREDENTIALS_ID = 'otklik/test/source-credentials';

/**
 * The variables of both webhook handlers; call in `beforeAll`, before importing one. The
 * handler tests are about the request, so by default the survey starts at once (no send
 * delay); the delay's schedule is tested on the use case (ingest-ticket-event.service.test.ts).
 */
export const stubWebhookEnv = (csiSettings: unknown = { sendDelay: 'PT0S' }): void => {
  stubHandlerEnv();
  vi.stubEnv('SOURCE_CREDENTIALS_ID', SOURCE_CREDENTIALS_ID);
  stubSettings(csiSettings);
};

/**
 * The SDK clients a webhook handler uses, mocked with aws-sdk-client-mock; reset after each
 * test. The secret (`secretString`) is answered afresh for each test: Powertools caches it
 * for five minutes, so its cache is cleared too.
 */
export const mockWebhookClients = (secretString: () => string) => {
  const mocks = {
    ddb: mockClient(DynamoDBDocumentClient),
    sfn: mockClient(SFNClient),
    secrets: mockClient(SecretsManagerClient),
  };
  beforeEach(() => {
    clearCaches();
    answerBatchGetsFromQueries(mocks.ddb);
    mocks.secrets.on(GetSecretValueCommand).resolves({ SecretString: secretString() });
  });
  afterEach(() => {
    mocks.ddb.reset();
    mocks.sfn.reset();
    mocks.secrets.reset();
  });
  return mocks;
};
export type WebhookMocks = ReturnType<typeof mockWebhookClients>;

/** The table and the workflow take what they are given: a new survey, started. */
export const acceptWrites = ({ ddb, sfn }: WebhookMocks): void => {
  ddb.on(PutCommand).resolves({});
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });
};

/** The items of the PutItem requests sent, in order (the delivery records, the survey). */
export const putItems = ({ ddb }: WebhookMocks): Record<string, unknown>[] =>
  ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item ?? {});

/** A conditional put refused because the item exists, handing it back (ALL_OLD, wire format). */
export const existsAlready = (item: Record<string, unknown>) =>
  Object.assign(conditionFailed(), { Item: marshall(item) });

/** A rejection happens before anything is written or started. */
export const expectNothingWritten = ({ ddb, sfn }: WebhookMocks): void => {
  expect(ddb).not.toReceiveAnyCommand();
  expect(sfn).not.toReceiveAnyCommand();
};

/** Standard Webhooks headers signing `body` with `secret` at `at`. */
export const standardWebhookHeaders = (
  body: string,
  { secret, at = new Date(), id = 'msg_2mVPLVsGr5M1Ob7n7Bp1sYpIuxN' }: StandardWebhookSigning
): Record<string, string> => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(id, at, body),
});
interface StandardWebhookSigning {
  readonly secret: string;
  readonly at?: Date;
  readonly id?: string;
}

/** A POST to a webhook route as API Gateway passes it (JSON unless told otherwise). */
export const webhookRequest = (
  route: 'generic' | { readonly source: string },
  body: string,
  headers: Record<string, string>,
  { isBase64Encoded = false, contentType = 'application/json' } = {}
) => {
  const path = route === 'generic' ? 'generic' : route.source;
  return httpEvent({
    method: 'POST',
    routeKey: route === 'generic' ? 'POST /v1/webhooks/generic' : 'POST /v1/webhooks/{source}',
    rawPath: `/v1/webhooks/${path}`,
    headers: { 'content-type': contentType, ...headers },
    ...(route === 'generic' ? {} : { pathParameters: { source: path } }),
    body,
    isBase64Encoded,
  });
};

/** The answer's JSON body. */
export const answerOf = (response: HttpResult): unknown => JSON.parse(response.body);

/** The paths a 400 answer names, sorted. */
export const issuePaths = (response: HttpResult): string[] => {
  const answer = answerOf(response);
  const errors =
    typeof answer === 'object' && answer !== null && 'errors' in answer ? answer.errors : [];
  return (Array.isArray(errors) ? errors : []).map((error: { path: string }) => error.path).sort();
};

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RecordMailReceipt from '#functions/deliverability/record-mail-receipt.ts';
import { recordMailReceipt } from '#functions/deliverability/record-mail-receipt.service.ts';
import { sesSendEventSchema } from '#functions/deliverability/ses-event.schema.ts';
import { mailReceiptKey } from '#shared/data/keys.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { NOW } from '#test/helpers/survey-fixture.ts';

const { ddb } = mockAws({ table: 'empty' });
let lambdaHandler: typeof RecordMailReceipt.lambdaHandler;

beforeAll(async () => {
  vi.stubEnv('STAGE', 'test');
  vi.stubEnv('TABLE_NAME', 'otklik-test');
  ({ lambdaHandler } = await import('#functions/deliverability/record-mail-receipt.ts'));
});

/** An SES Send event on EventBridge, as the configuration set publishes it (trimmed). */
const sendEvent = (tags: Record<string, string[]> = { 'otklik-attempt': ['attempt-1'] }) => ({
  version: '0',
  id: 'e-1',
  source: 'aws.ses',
  'detail-type': 'Email Sent',
  detail: {
    eventType: 'Send',
    mail: {
      messageId: 'message-1',
      timestamp: '2024-03-01T10:00:00.000Z',
      source: 'csi@example.com',
      destination: ['anna@example.com'],
      tags: { 'ses:configuration-set': ['otklik-dev'], ...tags },
    },
    send: {},
  },
});

describe('Service: recordMailReceipt', () => {
  it('records the receipt of the tagged attempt with the message id', async () => {
    // Act
    const recorded = await recordMailReceipt(
      testDeps({ now: NOW }),
      sesSendEventSchema.parse(sendEvent())
    );

    // Assess
    expect(recorded).toBe('attempt-1');
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        ...mailReceiptKey('attempt-1'),
        outcome: 'sent',
        messageId: 'message-1',
        expiresAt: Math.floor(NOW.getTime() / 1000) + 86400,
      }),
    });
  });

  it('records nothing for a mail without an attempt tag (a case mail)', async () => {
    const recorded = await recordMailReceipt(
      testDeps({ now: NOW }),
      sesSendEventSchema.parse(sendEvent({}))
    );

    expect(recorded).toBeUndefined();
    expect(ddb).not.toReceiveCommand(PutCommand);
  });
});

describe('Handler: record-mail-receipt', () => {
  it('drops an event that is no SES Send event, writing nothing', async () => {
    await lambdaHandler({ source: 'aws.ses', detail: { eventType: 'Bounce' } });
    await lambdaHandler('not an event');

    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('drops an attempt tag of another shape', async () => {
    await lambdaHandler(sendEvent({ 'otklik-attempt': ['a b<script>'] }));

    expect(ddb).not.toReceiveCommand(PutCommand);
  });
});

describe('Store: mail receipts', () => {
  it('reads a receipt back, and none for an item of another shape', async () => {
    const stores = testDeps({ now: NOW });
    ddb.on(GetCommand, { Key: mailReceiptKey('a') }).resolves({
      Item: { ...mailReceiptKey('a'), outcome: 'sent', messageId: 'm', at: 'x' },
    });
    ddb.on(GetCommand, { Key: mailReceiptKey('b') }).resolves({ Item: { outcome: 'sent' } });

    expect(await stores.mailReceipts.find('a')).toEqual({
      outcome: 'sent',
      messageId: 'm',
      at: 'x',
    });
    expect(await stores.mailReceipts.find('b')).toBeUndefined();
  });

  it('never writes a refusal over a Send receipt', async () => {
    await testDeps({ now: NOW }).mailReceipts.recordRefused('a', NOW);

    expect(ddb).toReceiveCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(#pk)',
    });
  });
});

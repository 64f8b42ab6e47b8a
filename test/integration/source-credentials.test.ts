import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime.ts';
import {
  jiraWebhookPayload,
  naumenPayload,
  servicenowPayload,
  zendeskPayload,
} from '../fixtures/source-payloads.ts';
import { freePort } from '../helpers/free-port.ts';
import { SOURCE_SECRETS } from './integration-credentials.ts';
import { INTEGRATION_CSI_SETTINGS } from './integration-settings.ts';

/**
 * A runtime of its own (the suite's has all four sources connected) whose credentials
 * secret has one malformed entry, Jira's: Jira's deliveries are refused with a 503 that
 * says why, /health names the source, and the other three ticket systems go on.
 */
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    host: '127.0.0.1',
    apiPort: 0,
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    sfnPort: 0,
    dataDir: undefined,
    region: 'eu-central-1',
    webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    adminToken: 'source-credentials-admin-token-0123',
    sourceCredentials: JSON.stringify({
      naumen: { secrets: [SOURCE_SECRETS.naumen] },
      servicenow: { secrets: [SOURCE_SECRETS.servicenow] },
      // A bearer token pasted where the list of signing secrets belongs.
      jira: { secrets: SOURCE_SECRETS.jira, bearerTokens: [SOURCE_SECRETS.bearerToken] },
      zendesk: { secrets: [SOURCE_SECRETS.zendesk] },
    }),
    schedules: false,
    csiSettings: JSON.stringify(INTEGRATION_CSI_SETTINGS),
    log: () => undefined,
  });
});

afterAll(async () => {
  await runtime.stop();
});

const standardSigned = (secret: string, body: string) => {
  const id = randomUUID();
  const at = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
};

const deliver = async (source: string, body: string, headers: Record<string, string>) => {
  const response = await fetch(`${runtime.urls.api}/v1/webhooks/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('Intake: one malformed source credential', () => {
  it('leaves the other three sources working, and refuses only its own with a 503 saying why', async () => {
    const id = randomUUID().slice(0, 8);
    const email = `creds-${id}@example.com`;
    const naumen = JSON.stringify(naumenPayload(`n${id}`, email));
    const servicenow = JSON.stringify(servicenowPayload(`s${id}`, email));
    const zendeskBody = JSON.stringify(zendeskPayload(`z${id}`, email));
    const zendeskAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const jiraBody = JSON.stringify(jiraWebhookPayload(`j${id}`, email));

    const answers = {
      naumen: await deliver('naumen', naumen, standardSigned(SOURCE_SECRETS.naumen, naumen)),
      servicenow: await deliver(
        'servicenow',
        servicenow,
        standardSigned(SOURCE_SECRETS.servicenow, servicenow)
      ),
      zendesk: await deliver('zendesk', zendeskBody, {
        'x-zendesk-webhook-invocation-id': randomUUID(),
        'x-zendesk-webhook-signature-timestamp': zendeskAt,
        'x-zendesk-webhook-signature': createHmac('sha256', SOURCE_SECRETS.zendesk)
          .update(zendeskAt + zendeskBody)
          .digest('base64'),
      }),
      jira: await deliver('jira', jiraBody, {
        'x-atlassian-webhook-identifier': randomUUID(),
        'x-hub-signature': `sha256=${createHmac('sha256', SOURCE_SECRETS.jira).update(jiraBody).digest('hex')}`,
      }),
    };

    expect(answers.naumen.status).toBe(202);
    expect(answers.servicenow.status).toBe(202);
    expect(answers.zendesk.status).toBe(202);
    expect(answers.jira).toEqual({
      status: 503,
      body: {
        message: 'the jira source is disabled: its credentials are being fixed; retry later',
      },
    });
  });

  it('names the disabled source in /health, the others healthy, without any secret value', async () => {
    const response = await fetch(`${runtime.urls.api}/health`);
    const text = await response.text();
    const report = JSON.parse(text) as { components: { name: string; healthy: boolean }[] };

    expect(response.status).toBe(503);
    expect(report.components.filter((c) => c.name.startsWith('source:'))).toEqual([
      { name: 'source:naumen', healthy: true },
      { name: 'source:jira', healthy: false, reason: 'SourceDisabledError' },
      { name: 'source:zendesk', healthy: true },
      { name: 'source:servicenow', healthy: true },
    ]);
    expect(text).not.toContain(SOURCE_SECRETS.jira);
  });
});

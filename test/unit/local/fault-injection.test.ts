import { describe, expect, it, vi } from 'vitest';
import { localEnvSchema } from '#local/config.ts';
import { FaultPlan } from '#local/faults/fault-plan.ts';
import { faultSettingsSchema } from '#local/faults/fault-settings.ts';
import { seededRandom } from '#local/faults/seeded-random.ts';
import { sesEventDispatcher } from '#local/ses-event-targets.ts';
import { sendEventOf } from '#local/ses-events.ts';
import type { FunctionDefinition } from '#lib/definitions/function-definition.ts';

const draws = (faults: object, seed: number, n: number) => {
  const plan = new FaultPlan(
    faultSettingsSchema.parse({ ses: faults }).ses ?? {
      throttle: 0,
      '5xx': 0,
      reset: 0,
      latencyRate: 1,
    },
    seededRandom(seed)
  );
  return Array.from({ length: n }, () => plan.next());
};

describe('Local runtime: fault injection (OTKLIK_FAULTS)', () => {
  it('is off unless set', () => {
    expect(localEnvSchema.parse({}).OTKLIK_FAULTS).toBeUndefined();
  });

  it('stops the start with the field and the reason for a bad setting', () => {
    const typo = localEnvSchema.safeParse({ OTKLIK_FAULTS: '{"ses":{"throtle":0.3}}' });
    const tooMuch = localEnvSchema.safeParse({
      OTKLIK_FAULTS: '{"ses":{"throttle":0.8,"5xx":0.5}}',
    });
    const notJson = localEnvSchema.safeParse({ OTKLIK_FAULTS: '{ses' });
    expect(typo.error?.issues[0]?.path).toEqual(['OTKLIK_FAULTS', 'ses']);
    expect(tooMuch.error?.issues[0]?.message).toMatch(/must not exceed 1/);
    expect(notJson.error?.issues[0]?.message).toBe('is not JSON');
  });

  it('draws the same faults for the same seed, in about the shares set', () => {
    // Prepare
    const faults = {
      throttle: 0.3,
      '5xx': 0.1,
      reset: 0.05,
      latencyMs: [100, 200],
      latencyRate: 0.5,
    };

    // Act
    const first = draws(faults, 42, 2_000);
    const again = draws(faults, 42, 2_000);

    // Assess
    expect(again).toEqual(first);
    const share = (kind: string) => first.filter((d) => d.kind === kind).length / first.length;
    expect(share('throttle')).toBeCloseTo(0.3, 1);
    expect(share('5xx')).toBeCloseTo(0.1, 1);
    expect(share('reset')).toBeCloseTo(0.05, 1);
    const delays = first.flatMap((d) => (d.kind === 'forward' && d.delayMs > 0 ? [d.delayMs] : []));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(200);
  });
});

describe('Local runtime: SES Send events', () => {
  const request = JSON.stringify({
    FromEmailAddress: 'otklik@local.test',
    ConfigurationSetName: 'otklik-local',
    Destination: { ToAddresses: ['anna@example.com'] },
    EmailTags: [{ Name: 'otklik-attempt', Value: 'att_123' }],
  });

  it('builds the EventBridge event of an accepted SendEmail call, tags as SES gives them', () => {
    const event = sendEventOf(
      request,
      '{"MessageId":"m-1"}',
      { region: 'eu-central-1', account: '000000000000' },
      new Date('2026-12-01T10:00:00Z')
    );
    expect(event).toMatchObject({
      source: 'aws.ses',
      'detail-type': 'Email Sent',
      detail: {
        eventType: 'Send',
        mail: {
          messageId: 'm-1',
          timestamp: '2026-12-01T10:00:00.000Z',
          destination: ['anna@example.com'],
          tags: { 'otklik-attempt': ['att_123'], 'ses:configuration-set': ['otklik-local'] },
        },
      },
    });
  });

  it('builds none for an answer without a message id', () => {
    expect(
      sendEventOf(request, '{"message":"Bad Request"}', { region: 'r', account: 'a' })
    ).toBeUndefined();
  });

  it('invokes every function whose sesEvents lists the type, and only those', async () => {
    // Prepare
    const definitions = [
      { id: 'RecordMailReceipt', sesEvents: ['SEND'] },
      { id: 'RecordBounce', sesEvents: ['BOUNCE'] },
      { id: 'Other' },
    ] as unknown as FunctionDefinition[];
    const invoke = vi.fn().mockResolvedValue({});
    const event = sendEventOf(request, '{"MessageId":"m-1"}', { region: 'r', account: 'a' });
    if (!event) throw new Error('no event');

    // Act
    await sesEventDispatcher(definitions, invoke, () => undefined)('SEND', event);

    // Assess
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('RecordMailReceipt', event);
  });
});

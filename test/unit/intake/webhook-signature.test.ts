import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import {
  InvalidSignatureError,
  verifyStandardWebhook,
} from '#functions/intake/webhook-signature.ts';
import { fakeTimers } from '#test/helpers/clock.ts';

// The official Standard Webhooks test vector.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

/** A second, unrelated secret (base64 of 32 bytes), as during a rotation. */
const OTHER_SECRET = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;

const headers = (overrides: Record<string, string | undefined> = {}) => ({
  'webhook-id': MSG_ID,
  'webhook-timestamp': String(TIMESTAMP),
  'webhook-signature': SIGNATURE,
  ...overrides,
});

fakeTimers(TIMESTAMP * 1000);

describe('Service: verifyStandardWebhook', () => {
  it('accepts the official test vector and returns the webhook id and the signed content', () => {
    // Act
    const result = verifyStandardWebhook([SECRET], PAYLOAD, headers());

    // Assess
    expect(result).toEqual({
      webhookId: MSG_ID,
      signedContent: `${MSG_ID}.${String(TIMESTAMP)}.${PAYLOAD}`,
    });
  });

  it('accepts the secret without its whsec_ prefix', () => {
    // Act
    const result = verifyStandardWebhook([SECRET.slice('whsec_'.length)], PAYLOAD, headers());

    // Assess
    expect(result.webhookId).toBe(MSG_ID);
  });

  it('accepts several space-separated signatures when one of them matches', () => {
    // Prepare
    const signatures = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      'v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      SIGNATURE,
    ].join(' ');

    // Act
    const result = verifyStandardWebhook(
      [SECRET],
      PAYLOAD,
      headers({ 'webhook-signature': signatures })
    );

    // Assess
    expect(result.webhookId).toBe(MSG_ID);
  });

  it('rejects several signatures when none of them matches', () => {
    // Prepare
    const signatures = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      // The right digest under a version the library does not check.
      'v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    ].join(' ');

    // Act
    const verify = () =>
      verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-signature': signatures }));

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('tries each secret during a rotation: the first is wrong, the second matches', () => {
    // Act
    const result = verifyStandardWebhook([OTHER_SECRET, SECRET], PAYLOAD, headers());

    // Assess
    expect(result.webhookId).toBe(MSG_ID);
  });

  it('still accepts the old secret while the new one is listed first', () => {
    // Act
    const result = verifyStandardWebhook([SECRET, OTHER_SECRET], PAYLOAD, headers());

    // Assess
    expect(result.webhookId).toBe(MSG_ID);
  });

  it('rejects a delivery signed with none of the active secrets', () => {
    // Act
    const verify = () => verifyStandardWebhook([OTHER_SECRET], PAYLOAD, headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
    expect(verify).toThrow('no signature matched');
  });

  it.each(['not json {', ''])(
    'verifies a signed body that is not JSON (%j), leaving it to the handler',
    (body) => {
      // Prepare
      const signature = new Webhook(SECRET).sign(MSG_ID, new Date(TIMESTAMP * 1000), body);

      // Act
      const result = verifyStandardWebhook(
        [SECRET],
        body,
        headers({ 'webhook-signature': signature })
      );

      // Assess
      expect(result.webhookId).toBe(MSG_ID);
    }
  );

  it('rejects a body that differs from the signed one', () => {
    // Act
    const verify = () => verifyStandardWebhook([SECRET], '{"test": 2432232315}', headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('rejects a body that differs only in whitespace', () => {
    // Act
    const verify = () => verifyStandardWebhook([SECRET], '{"test":2432232314}', headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('rejects a signature replayed under another webhook id', () => {
    // Act
    const verify = () =>
      verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-id': 'msg_other' }));

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('accepts a timestamp exactly five minutes old', () => {
    // Prepare
    vi.setSystemTime((TIMESTAMP + 300) * 1000);

    // Act
    const result = verifyStandardWebhook([SECRET], PAYLOAD, headers());

    // Assess
    expect(result.webhookId).toBe(MSG_ID);
  });

  it('rejects a timestamp more than five minutes old', () => {
    // Prepare
    vi.setSystemTime((TIMESTAMP + 301) * 1000);

    // Act
    const verify = () => verifyStandardWebhook([SECRET], PAYLOAD, headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('rejects a timestamp more than five minutes in the future', () => {
    // Prepare
    vi.setSystemTime((TIMESTAMP - 301) * 1000);

    // Act
    const verify = () => verifyStandardWebhook([SECRET], PAYLOAD, headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('rejects a timestamp that is not a number', () => {
    // Act
    const verify = () =>
      verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-timestamp': 'yesterday' }));

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it.each(['1614265330.9', '1614265330abc', ' 1614265330', '+1614265330', '1614265330e0', ''])(
    'rejects a webhook-timestamp that is not whole seconds in digits only (%j)',
    (timestamp) => {
      // Act
      const verify = () =>
        verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-timestamp': timestamp }));

      // Assess
      expect(verify).toThrow(InvalidSignatureError);
    }
  );

  it('rejects a webhook-timestamp of more than 12 digits', () => {
    // Act
    const verify = () =>
      verifyStandardWebhook(
        [SECRET],
        PAYLOAD,
        headers({ 'webhook-timestamp': `0${String(TIMESTAMP).padStart(12, '0')}` })
      );

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'rejects a delivery without the %s header',
    (name) => {
      // Act
      const verify = () => verifyStandardWebhook([SECRET], PAYLOAD, headers({ [name]: undefined }));

      // Assess
      expect(verify).toThrow(InvalidSignatureError);
      expect(verify).toThrow('missing webhook headers');
    }
  );

  it('rejects an empty signature header', () => {
    // Act
    const verify = () =>
      verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-signature': '' }));

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('rejects every delivery when no secret is active', () => {
    // Act
    const verify = () => verifyStandardWebhook([], PAYLOAD, headers());

    // Assess
    expect(verify).toThrow(InvalidSignatureError);
  });

  it('names its error so that the handler can answer 401', () => {
    // Act
    let caught: unknown;
    try {
      verifyStandardWebhook([SECRET], PAYLOAD, headers({ 'webhook-signature': undefined }));
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(InvalidSignatureError);
    expect((caught as Error).name).toBe('InvalidSignatureError');
  });
});

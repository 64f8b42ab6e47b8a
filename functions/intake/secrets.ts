import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigurationError } from '#shared/env.ts';

/**
 * The active webhook secrets: a Secrets Manager secret holding one or two `whsec_…`
 * values separated by spaces (two while rotating). Read through Powertools Parameters,
 * cached for five minutes, so a rotation reaches every container within that time.
 */
export const webhookSecrets = async (secretId: string): Promise<string[]> => {
  const value = await getSecret(secretId, { maxAge: 300 });
  if (typeof value !== 'string') throw new ConfigurationError('webhook secret is not a string');
  // Values with or without the `whsec_` prefix: the library strips it and decodes the base64.
  const secrets = value.split(/\s+/).filter((s) => /^(whsec_)?[A-Za-z0-9+/=]{24,}$/.test(s));
  if (secrets.length === 0) throw new ConfigurationError('webhook secret holds no usable value');
  return secrets;
};

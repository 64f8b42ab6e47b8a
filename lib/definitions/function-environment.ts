import type { FunctionDefinition } from './functions.ts';
import { constantCase, type ResourceRefs } from './workflows.ts';

/**
 * The environment variables a function gets, from what its definition declares. The CDK
 * stack sets exactly these on the Lambda function; the local runtime sets their union in
 * its process. functions/shared/env.ts validates them at cold start.
 */
export const functionEnvironment = (
  fn: FunctionDefinition,
  refs: ResourceRefs & { readonly stage: string }
): Record<string, string> => {
  const env: Record<string, string> = {
    STAGE: refs.stage,
    POWERTOOLS_SERVICE_NAME: 'otklik',
    POWERTOOLS_METRICS_NAMESPACE: 'Otklik',
  };
  if (fn.table) env.TABLE_NAME = refs.tableName;
  if (fn.email) {
    env.SENDER_ADDRESS = refs.senderAddress;
    env.CONFIGURATION_SET_NAME = refs.configurationSetName;
  }
  if (fn.links) env.PUBLIC_BASE_URL = refs.publicBaseUrl;
  if (fn.settings) env.CSI_SETTINGS = refs.csiSettings;
  if (fn.webhookSecret) env.WEBHOOK_SECRET_ID = refs.webhookSecretId;
  if (fn.sourceCredentials) env.SOURCE_CREDENTIALS_ID = refs.sourceCredentialsId;
  const workflows = new Set([
    ...(fn.workflows?.start ?? []),
    ...(fn.workflows?.read ?? []),
    ...(fn.workflows?.answer ?? []),
    ...(fn.workflows?.inspect ?? []),
  ]);
  for (const id of workflows)
    env[`${constantCase(id)}_STATE_MACHINE_ARN`] = refs.stateMachineArn(id);
  return env;
};

import type { FunctionId } from './functions.ts';

/**
 * The Step Functions state machines. Each ASL file is data with `${Placeholder}` slots; the
 * CDK stack and the local runtime fill them through `workflowSubstitutions`, so every
 * placeholder has exactly one source of values.
 */
export interface WorkflowDefinition {
  /** PascalCase id: construct id, `${<Id>StateMachineArn}`, `<ID>_STATE_MACHINE_ARN`. */
  readonly id: string;
  /** ASL file, relative to the repository root. */
  readonly file: string;
  readonly description: string;
  /** Functions its Task states invoke. */
  readonly functions: readonly FunctionId[];
  /** Direct DynamoDB integrations on the main table. */
  readonly table?: 'read' | 'readwrite';
  /** Direct SES v2 integration (aws-sdk:sesv2:sendEmail). */
  readonly email?: boolean;
  /** Other workflows it starts (states:startExecution). */
  readonly startsWorkflows?: readonly string[];
}

export const workflowDefinitions = [
  {
    id: 'CallbackProbe',
    file: 'state-machines/callback-probe.asl.json',
    description:
      'Proves the callback plumbing end to end: record, wait on a task token, mark answered or timed out',
    functions: ['AwaitProbeAnswer'],
    table: 'readwrite',
  },
  {
    id: 'CsiSurvey',
    file: 'state-machines/csi-survey.asl.json',
    description:
      'One ticket resolution: eligibility, delay, mail, rating with one reminder, expiry, follow-up',
    functions: ['PrepareSurvey', 'SendSurveyEmail', 'AwaitRating', 'CloseSurvey', 'OpenFollowUp'],
  },
  {
    id: 'FollowUpCase',
    file: 'state-machines/follow-up-case.asl.json',
    description: 'One low rating: owner notified, SLA, escalation, resolution, closing mail',
    functions: [
      'NotifyFollowUpOwner',
      'AwaitFollowUpResolution',
      'EscalateFollowUp',
      'SendClosingEmail',
    ],
  },
] as const satisfies readonly WorkflowDefinition[];

export type WorkflowId = (typeof workflowDefinitions)[number]['id'];

/** What a deployment target (CDK or the local runtime) knows about its resources. */
export interface ResourceRefs {
  readonly tableName: string;
  readonly functionArn: (id: FunctionId) => string;
  readonly stateMachineArn: (id: string) => string;
  readonly senderAddress: string;
  readonly configurationSetName: string;
  /** https origin of the links in mail. */
  readonly publicBaseUrl: string;
  /** The CSI settings document (JSON). */
  readonly csiSettings: string;
  /** Name (or ARN) of the webhook signing secret in Secrets Manager. */
  readonly webhookSecretId: string;
  /** Name (or ARN) of the ticket systems' credentials secret. */
  readonly sourceCredentialsId: string;
}

/**
 * The `${Placeholder}` values for a workflow's ASL file.
 * @param workflow the workflow
 * @param refs the target's resource names and ARNs
 */
export const workflowSubstitutions = (
  workflow: WorkflowDefinition,
  refs: ResourceRefs
): Record<string, string> => {
  const substitutions: Record<string, string> = {};
  if (workflow.table) substitutions.TableName = refs.tableName;
  if (workflow.email) {
    substitutions.SenderAddress = refs.senderAddress;
    substitutions.ConfigurationSetName = refs.configurationSetName;
  }
  for (const fn of workflow.functions) substitutions[`${fn}FunctionArn`] = refs.functionArn(fn);
  for (const wf of workflow.startsWorkflows ?? []) {
    substitutions[`${wf}StateMachineArn`] = refs.stateMachineArn(wf);
  }
  return substitutions;
};

/** `CallbackProbe` → `callback-probe`: state machine and function physical-name parts. */
export const kebabCase = (id: string): string =>
  id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** `CallbackProbe` → `CALLBACK_PROBE`: environment variable name parts. */
export const constantCase = (id: string): string => kebabCase(id).replace(/-/g, '_').toUpperCase();

/**
 * The catalogue of Lambda functions. The CDK stack builds one AppFunction per entry and
 * grants exactly the access declared here; the local runtime runs the same entry modules
 * in-process with the same environment (see function-environment.ts).
 */
export interface FunctionDefinition {
  /** PascalCase id: construct id, ASL placeholder `${<Id>FunctionArn}`, local registry key. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Access to the main table. */
  readonly table?: 'read' | 'readwrite';
  /** Sends mail through SES v2, and reads the account's sending status. */
  readonly email?: boolean;
  /** Workflows (by id) it starts, describes or completes task tokens of. */
  readonly workflows?: {
    readonly start?: readonly string[];
    readonly read?: readonly string[];
    readonly answer?: readonly string[];
  };
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
}

export const functionDefinitions = [
  {
    id: 'GetHealth',
    entry: 'functions/health/get-health.ts',
    description:
      'GET /health: reports whether the table, the mail service and each workflow answer',
    table: 'read',
    email: true,
    workflows: { read: ['CallbackProbe'] },
  },
  {
    id: 'SelfCheck',
    entry: 'functions/health/self-check.ts',
    description: 'Scheduled: runs the health check and publishes a metric per unhealthy component',
    table: 'read',
    email: true,
    workflows: { read: ['CallbackProbe'] },
  },
  {
    id: 'AwaitProbeAnswer',
    entry: 'functions/probe/await-probe-answer.ts',
    description: 'Callback task of the probe workflow: stores the task token on the probe record',
    table: 'readwrite',
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionId = (typeof functionDefinitions)[number]['id'];

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
  /** Builds links for mail: gets PUBLIC_BASE_URL. */
  readonly links?: boolean;
  /** Reads the CSI settings (CSI_SETTINGS). */
  readonly settings?: boolean;
  /** Reads the webhook signing secrets (WEBHOOK_SECRET_ID). */
  readonly webhookSecret?: boolean;
  /** Reads the ticket systems' credentials (SOURCE_CREDENTIALS_ID). */
  readonly sourceCredentials?: boolean;
  /** Workflows (by id) it starts, describes or completes task tokens of. */
  readonly workflows?: {
    readonly start?: readonly string[];
    readonly read?: readonly string[];
    readonly answer?: readonly string[];
    /** Reads its executions (DescribeExecution). */
    readonly inspect?: readonly string[];
  };
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
}

export const functionDefinitions = [
  {
    id: 'GetHealth',
    entry: 'functions/platform/health/get-health.ts',
    description:
      'GET /health: reports whether the table, the mail service and each workflow answer',
    table: 'read',
    email: true,
    workflows: { read: ['CallbackProbe', 'CsiSurvey', 'FollowUpCase'] },
  },
  {
    id: 'SelfCheck',
    entry: 'functions/platform/health/self-check.ts',
    description: 'Scheduled: runs the health check and publishes a metric per unhealthy component',
    table: 'read',
    email: true,
    workflows: { read: ['CallbackProbe', 'CsiSurvey', 'FollowUpCase'] },
  },
  {
    id: 'AwaitProbeAnswer',
    entry: 'functions/platform/probe/await-probe-answer.ts',
    description: 'Callback task of the probe workflow: stores the task token on the probe record',
    table: 'readwrite',
  },
  {
    id: 'ReceiveGenericWebhook',
    entry: 'functions/intake/receive-generic-webhook.ts',
    description: 'POST /v1/webhooks/generic: verified canonical ticket events to surveys',
    table: 'readwrite',
    settings: true,
    webhookSecret: true,
    workflows: { start: ['CsiSurvey'], answer: ['CsiSurvey'] },
  },
  {
    id: 'ReceiveSourceWebhook',
    entry: 'functions/intake/receive-source-webhook.ts',
    description:
      'POST /v1/webhooks/{source}: Naumen, Jira, Zendesk and ServiceNow events to surveys',
    table: 'readwrite',
    settings: true,
    sourceCredentials: true,
    workflows: { start: ['CsiSurvey'], answer: ['CsiSurvey'] },
  },
  {
    id: 'PrepareSurvey',
    entry: 'functions/csi/tasks/prepare-survey.ts',
    description: 'CSI task: eligibility (no-contact, suppressed) and the route to take',
    table: 'readwrite',
    settings: true,
  },
  {
    id: 'SendSurveyEmail',
    entry: 'functions/csi/tasks/send-survey-email.ts',
    description: 'CSI task: the invitation or the reminder mail, with fresh link tokens',
    table: 'readwrite',
    email: true,
    links: true,
  },
  {
    id: 'AwaitRating',
    entry: 'functions/csi/tasks/await-rating.ts',
    description: 'CSI callback task: parks the task token on the survey, or answers at once',
    table: 'readwrite',
    workflows: { answer: ['CsiSurvey'] },
  },
  {
    id: 'CloseSurvey',
    entry: 'functions/csi/tasks/close-survey.ts',
    description: 'CSI task: expires or fails a survey that no rating closed',
    table: 'readwrite',
  },
  {
    id: 'OpenFollowUp',
    entry: 'functions/csi/tasks/open-follow-up.ts',
    description: 'CSI task: opens the follow-up case of a low rating and starts its workflow',
    table: 'readwrite',
    settings: true,
    workflows: { start: ['FollowUpCase'] },
  },
  {
    id: 'ShowRatingPage',
    entry: 'functions/csi/pages/show-rating-page.ts',
    description:
      'GET/HEAD /r/{token}: the rating form; a GET is an unconfirmed click, never a rating',
    table: 'readwrite',
    settings: true,
  },
  {
    id: 'SubmitRating',
    entry: 'functions/csi/pages/submit-rating.ts',
    description: 'POST /r/{token}: records or changes a rating and releases the workflow',
    table: 'readwrite',
    settings: true,
    workflows: { answer: ['CsiSurvey'], start: ['FollowUpCase'] },
  },
  {
    id: 'ShowOptOutPage',
    entry: 'functions/csi/pages/show-opt-out-page.ts',
    description: 'GET /u/{token}: the opt-out confirmation page',
    table: 'read',
    settings: true,
  },
  {
    id: 'ConfirmOptOut',
    entry: 'functions/csi/pages/confirm-opt-out.ts',
    description: 'POST /u/{token}: records the opt-out (form or RFC 8058 one-click)',
    table: 'readwrite',
    settings: true,
  },
  {
    id: 'NotifyFollowUpOwner',
    entry: 'functions/follow-up/tasks/notify-owner.ts',
    description: 'Follow-up task: mails the owner the case link',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
  },
  {
    id: 'AwaitFollowUpResolution',
    entry: 'functions/follow-up/tasks/await-resolution.ts',
    description: 'Follow-up callback task: parks the task token on the case, or answers at once',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
    workflows: { answer: ['FollowUpCase'] },
  },
  {
    id: 'EscalateFollowUp',
    entry: 'functions/follow-up/tasks/escalate-follow-up.ts',
    description: 'Follow-up task: marks the case overdue and mails the escalation contact',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
  },
  {
    id: 'SendClosingEmail',
    entry: 'functions/follow-up/tasks/send-closing-email.ts',
    description: 'Follow-up task: the requester\'s "what we did" mail',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
  },
  {
    id: 'ShowCasePage',
    entry: 'functions/follow-up/pages/show-case-page.ts',
    description: 'GET /f/{token}: the case page of the owner',
    table: 'read',
    email: true,
    links: true,
    settings: true,
  },
  {
    id: 'SubmitCasePage',
    entry: 'functions/follow-up/pages/submit-case-page.ts',
    description: 'POST /f/{token}: records root cause and action and resolves the case',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
    workflows: { answer: ['FollowUpCase'] },
  },
  {
    id: 'ListSurveys',
    entry: 'functions/csi/api/list-surveys.ts',
    description: "GET /v1/surveys?ticketId=: a ticket's surveys",
    table: 'read',
  },
  {
    id: 'GetCsiMetrics',
    entry: 'functions/reporting/api/get-csi-metrics.ts',
    description: 'GET /v1/metrics/csi: CSI for a period from the daily aggregates',
    table: 'read',
  },
  {
    id: 'ListFollowUps',
    entry: 'functions/follow-up/api/list-follow-ups.ts',
    description: 'GET /v1/follow-ups?status=: cases by status',
    table: 'read',
  },
  {
    id: 'GetFollowUp',
    entry: 'functions/follow-up/api/get-follow-up.ts',
    description: 'GET /v1/follow-ups/{id}: one case',
    table: 'read',
  },
  {
    id: 'AssignFollowUp',
    entry: 'functions/follow-up/api/assign-follow-up.ts',
    description: 'POST /v1/follow-ups/{id}/assign: hands a case to another owner',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
  },
  {
    id: 'ResolveFollowUp',
    entry: 'functions/follow-up/api/resolve-follow-up.ts',
    description: 'POST /v1/follow-ups/{id}/resolve: resolves a case from the admin API',
    table: 'readwrite',
    email: true,
    links: true,
    settings: true,
    workflows: { answer: ['FollowUpCase'] },
  },
  {
    id: 'ReconcileWorkflows',
    entry: 'functions/platform/reconcile/reconcile-workflows.ts',
    description:
      'Scheduled: restarts the workflow of every pending survey or case that has none running',
    table: 'read',
    settings: true,
    timeoutSeconds: 300,
    workflows: { start: ['CsiSurvey', 'FollowUpCase'], inspect: ['CsiSurvey', 'FollowUpCase'] },
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionId = (typeof functionDefinitions)[number]['id'];

/**
 * What the catalogue says about one Lambda function. The CDK stack builds one AppFunction
 * per entry and grants exactly the access declared here; the local runtime runs the same
 * entry module in-process with the same environment (see function-environment.ts).
 *
 * The type parameters are the id unions of the catalogue (lib/definitions/index.ts); their
 * `string` defaults serve code that takes any definition (the local runtime, test doubles).
 */
export interface FunctionDefinition<
  Id extends string = string,
  WorkflowId extends string = string,
> {
  /** PascalCase id: construct id, ASL placeholder `${<Id>FunctionArn}`, local registry key. */
  readonly id: Id;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Access to the main table. */
  readonly table?: 'read' | 'readwrite';
  /** Sends mail through SES v2 (SENDER_ADDRESS, CONFIGURATION_SET_NAME, ses:SendEmail). */
  readonly email?: boolean;
  /** Reads the account's sending status (ses:GetAccount), as the health check does. */
  readonly mailStatus?: boolean;
  /** Builds links for mail: gets PUBLIC_BASE_URL. */
  readonly links?: boolean;
  /**
   * Reads the CSI settings at each invocation (SETTINGS_SOURCE): from AppConfig on AWS
   * (appconfig:StartConfigurationSession and GetLatestConfiguration on the one profile),
   * from the watched settings file locally.
   */
  readonly settings?: boolean;
  /** Reads the webhook signing secrets (WEBHOOK_SECRET_ID). */
  readonly webhookSecret?: boolean;
  /** Reads the ticket systems' credentials (SOURCE_CREDENTIALS_ID). */
  readonly sourceCredentials?: boolean;
  /**
   * Signs people in or checks who is signed in (docs/sign-in.md): the OIDC issuer, the web
   * client, the API audience, the claims that carry role and units, and the session
   * lifetime (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_AUDIENCE, OIDC_ROLES_CLAIM, OIDC_UNITS_CLAIM,
   * SESSION_HOURS). Sets variables only: the issuer is reached over the internet.
   */
  readonly oidc?: boolean;
  /** Workflows (by id) it starts, describes or completes task tokens of. */
  readonly workflows?: {
    readonly start?: readonly WorkflowId[];
    readonly read?: readonly WorkflowId[];
    readonly answer?: readonly WorkflowId[];
    /** Reads its executions (DescribeExecution). */
    readonly inspect?: readonly WorkflowId[];
  };
  /**
   * Starts workflows late through EventBridge Scheduler one-time schedules
   * (SCHEDULER_ROLE_ARN, SCHEDULE_GROUP_NAME, scheduler:CreateSchedule, iam:PassRole).
   */
  readonly scheduler?: { readonly start: readonly WorkflowId[] };
  /** SES events (of the configuration set, through EventBridge) it is invoked with. */
  readonly sesEvents?: readonly SesEventType[];
  /** How the handler uses its environment beyond what the flags above set. */
  readonly environment?: EnvironmentUse;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
}

/** The SES event types a function can be invoked with (SES v2 event destination names). */
export type SesEventType = 'SEND' | 'DELIVERY' | 'BOUNCE' | 'COMPLAINT' | 'REJECT';

/** The variables the flags of a definition set (function-environment.ts). */
export type ApplicationVariable =
  | 'STAGE'
  | 'TABLE_NAME'
  | 'SENDER_ADDRESS'
  | 'CONFIGURATION_SET_NAME'
  | 'PUBLIC_BASE_URL'
  | 'SETTINGS_SOURCE'
  | 'WEBHOOK_SECRET_ID'
  | 'SOURCE_CREDENTIALS_ID'
  | 'OIDC_ISSUER'
  | 'OIDC_CLIENT_ID'
  | 'OIDC_AUDIENCE'
  | 'OIDC_ROLES_CLAIM'
  | 'OIDC_UNITS_CLAIM'
  | 'SESSION_HOURS'
  | 'SCHEDULER_ROLE_ARN'
  | 'SCHEDULE_GROUP_NAME'
  | 'ROUTE_ACCESS'
  | `${string}_STATE_MACHINE_ARN`;

/**
 * Declared deviations from "the handler reads exactly what its flags set", which
 * test/unit/contract/handler-environment.test.ts holds every handler to.
 */
export interface EnvironmentUse {
  /**
   * Tuning variables the handler reads when present and defaults otherwise. Nothing sets
   * them on AWS; the local runtime passes them on from its own environment when set.
   */
  readonly optional?: readonly string[];
  /**
   * Variables the flags set that the handler does not read, each with the reason they
   * stay (usually: the flag also grants access the function needs).
   */
  readonly unread?: Readonly<Partial<Record<ApplicationVariable, string>>>;
}

/**
 * What a deployment target (CDK or the local runtime) knows about its resources: the
 * values behind function environments and ASL placeholders.
 */
export interface ResourceRefs<
  FunctionId extends string = string,
  WorkflowId extends string = string,
> {
  readonly tableName: string;
  readonly functionArn: (id: FunctionId) => string;
  readonly stateMachineArn: (id: WorkflowId) => string;
  readonly senderAddress: string;
  readonly configurationSetName: string;
  /** https origin of the links in mail. */
  readonly publicBaseUrl: string;
  /**
   * Where the functions read the CSI settings (SETTINGS_SOURCE,
   * functions/shared/settings/settings-from-env.ts): `appconfig:<app>/<env>/<profile>` on
   * AWS, `file:<path>` locally. A location, not the document: the routing table is no
   * longer bound by Lambda's 4 KB of environment.
   */
  readonly settingsSource: string;
  /** Name (or ARN) of the webhook signing secret in Secrets Manager. */
  readonly webhookSecretId: string;
  /** Name (or ARN) of the ticket systems' credentials secret. */
  readonly sourceCredentialsId: string;
  /**
   * The role EventBridge Scheduler starts workflows as, and the group of its one-time
   * schedules: needed by functions that declare `scheduler` (optional for targets that
   * build no such function, such as the ASL tests' substitutions).
   */
  readonly schedulerRoleArn?: string;
  readonly scheduleGroupName?: string;
  /**
   * Who signs people and machine clients in (docs/sign-in-aws.md): the OIDC issuer, the
   * public client otklik is registered as there, where its tokens carry the role and the
   * units, and how long a session lasts. Needed by functions that declare `oidc`.
   */
  readonly oidc?: OidcRefs;
}

export interface OidcRefs {
  /** Exactly the `iss` of its tokens: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly rolesClaim: string;
  readonly unitsClaim: string;
  readonly sessionHours: number;
}

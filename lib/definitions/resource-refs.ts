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
   * Sign-in (docs/sign-in.md): needed by functions that declare `oidc` (optional for targets
   * that build none, such as the ASL tests' substitutions).
   */
  readonly oidc?: OidcRefs;
}

/** The OIDC issuer people sign in with and how its tokens say who they are. */
export interface OidcRefs {
  /** The issuer's URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** The web client (public: no secret, PKCE) that the sign-in routes use. */
  readonly clientId: string;
  /**
   * The `aud` a machine client's bearer JWT must name; the web client's id when absent
   * (OIDC_AUDIENCE).
   */
  readonly audience?: string;
  /** The claim holding the role (group names are role ids), e.g. `cognito:groups`. */
  readonly rolesClaim: string;
  /** The claim holding a unit viewer's business-unit ids, e.g. `custom:units`. */
  readonly unitsClaim: string;
  /** How long a browser session lasts. */
  readonly sessionHours: number;
}

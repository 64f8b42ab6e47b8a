import type { RouteAccess } from '#shared/kernel/access-rules.ts';
import { routeAccess } from './access.ts';
import type { FunctionDefinition } from './function-definition.ts';
import { routeDefinitions } from './index.ts';
import { constantCase } from './names.ts';
import type { ResourceRefs } from './resource-refs.ts';
import type { RouteDefinition } from './route-definition.ts';

/** API Gateway's route key of a route: `METHOD /path`, what the access table is keyed by. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

/**
 * The access rules of the admin routes a function serves, and of those only (a function
 * learns nothing of other routes' rules): undefined for a function that serves none.
 * @throws when an admin route has no rule: it must never be served without one
 */
export const routeAccessOf = (
  functionId: string,
  routes: readonly RouteDefinition[] = routeDefinitions,
  rules: Readonly<Record<string, RouteAccess>> = routeAccess
): Record<string, RouteAccess> | undefined => {
  const own = routes.filter((route) => route.functionId === functionId && route.auth === 'admin');
  if (own.length === 0) return undefined;
  return Object.fromEntries(
    own.map((route) => {
      const key = routeKeyOf(route);
      const rule = rules[key];
      if (!rule)
        throw new Error(`admin route ${key} has no access rule (lib/definitions/access.ts)`);
      return [key, rule];
    })
  );
};

/**
 * The environment variables a function gets, from what its definition declares. The CDK
 * stack sets exactly these on the Lambda function; the local runtime sets them while it
 * imports that function's handler (local/lambda/scoped-environment.ts), because handlers
 * read their environment at module scope, once per cold start (functions/shared/env.ts).
 */
export const functionEnvironment = <FunctionId extends string, WorkflowId extends string>(
  fn: FunctionDefinition<string, WorkflowId>,
  refs: ResourceRefs<FunctionId, WorkflowId> & { readonly stage: string }
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
  if (fn.settings) env.SETTINGS_SOURCE = refs.settingsSource;
  if (fn.webhookSecret) env.WEBHOOK_SECRET_ID = refs.webhookSecretId;
  // The access guard's rules (functions/shared/access/): set for the functions that serve
  // admin routes, from the route table, so no definition can forget or mistype them.
  const rules = routeAccessOf(fn.id);
  if (rules) env.ROUTE_ACCESS = JSON.stringify(rules);
  if (fn.sourceCredentials) env.SOURCE_CREDENTIALS_ID = refs.sourceCredentialsId;
  if (fn.scheduler) {
    if (refs.schedulerRoleArn === undefined || refs.scheduleGroupName === undefined)
      throw new Error(`${fn.id} declares scheduler, but no scheduler role or group is known`);
    env.SCHEDULER_ROLE_ARN = refs.schedulerRoleArn;
    env.SCHEDULE_GROUP_NAME = refs.scheduleGroupName;
  }
  if (fn.oidc) {
    if (refs.oidc === undefined)
      throw new Error(`${fn.id} declares oidc, but no OIDC issuer is known`);
    env.OIDC_ISSUER = refs.oidc.issuer;
    env.OIDC_CLIENT_ID = refs.oidc.clientId;
    env.OIDC_AUDIENCE = refs.oidc.audience ?? refs.oidc.clientId;
    env.OIDC_ROLES_CLAIM = refs.oidc.rolesClaim;
    env.OIDC_UNITS_CLAIM = refs.oidc.unitsClaim;
    env.SESSION_HOURS = String(refs.oidc.sessionHours);
  }
  // Answering a task needs only the grant: a task token names its execution, so a function
  // that only answers gets no ARN.
  const workflows = new Set([
    ...(fn.workflows?.start ?? []),
    ...(fn.workflows?.read ?? []),
    ...(fn.workflows?.inspect ?? []),
  ]);
  for (const id of workflows)
    env[`${constantCase(id)}_STATE_MACHINE_ARN`] = refs.stateMachineArn(id);
  return env;
};

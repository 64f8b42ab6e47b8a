import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '#lib/build-app.ts';

/**
 * Scaffolding of the CDK tests (not a test file itself). No asset bundling: templates and
 * cdk-nag do not depend on the bundles, and `npm run synth` (part of npm test) bundles
 * every function for real.
 */
export const noBundling = { 'aws:cdk:bundling-stacks': [] };
export const devContext = { stage: 'dev', senderAddress: 'csi@example.com', ...noBundling };

/** A fresh app for `context`, built as lib/app.ts builds it. */
export const appFor = (context: Record<string, unknown> = devContext) => {
  const app = new App({ context });
  return { app, ...buildApp(app) };
};

export const templatesFor = (context: Record<string, unknown> = devContext) => {
  const built = appFor(context);
  return {
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
  };
};

/** Runs `run` with process variables set, and puts them back as they were. */
export const withProcessEnv = <T>(variables: Record<string, string>, run: () => T): T => {
  const saved = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, variables);
  try {
    return run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
};

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/**
 * Who holds a policy statement allowing `action` (on a resource whose JSON contains
 * `onResource`, when given): function ids and workflow ids, read off the policies'
 * logical ids (`<Id>FunctionServiceRoleDefaultPolicy…`, `<Id>StateMachineRoleDefaultPolicy…`),
 * and `Scheduler` for the role EventBridge Scheduler starts workflows as.
 */
export const holdersOf = (template: Template, action: string, onResource?: string): string[] => {
  const holders = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(
    ([logicalId, policy]) => {
      const statements: Statement[] = policy.Properties.PolicyDocument.Statement;
      const holds = statements.some(
        (s) =>
          [s.Action].flat().includes(action) &&
          (onResource === undefined || JSON.stringify(s.Resource).includes(onResource))
      );
      return holds ? [ownerOf(logicalId)] : [];
    }
  );
  return holders.sort();
};

const ownerOf = (policyLogicalId: string): string => {
  const owner =
    /^(\w+?)(?:FunctionServiceRole|StateMachineRole)DefaultPolicy[0-9A-F]{8}$/.exec(
      policyLogicalId
    )?.[1] ?? /^(Scheduler)RoleDefaultPolicy[0-9A-F]{8}$/.exec(policyLogicalId)?.[1];
  if (!owner) throw new Error(`a policy of neither a function nor a workflow: ${policyLogicalId}`);
  return owner;
};

/** The logical ids of every resource of a type, sorted. */
export const logicalIdsOf = (template: Template, type: string): string[] =>
  Object.keys(template.findResources(type)).sort();

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import { csi } from '#lib/definitions/csi.ts';
import { deliverability } from '#lib/definitions/deliverability.ts';
import { followUp } from '#lib/definitions/follow-up.ts';
import { functionEnvironment } from '#lib/definitions/function-environment.ts';
import {
  functionDefinitions,
  routeDefinitions,
  scheduleDefinitions,
  workflowDefinitions,
} from '#lib/definitions/index.ts';
import { intake } from '#lib/definitions/intake.ts';
import { constantCase, kebabCase, pascalCase } from '#lib/definitions/names.ts';
import { platform } from '#lib/definitions/platform.ts';
import { reporting } from '#lib/definitions/reporting.ts';
import { fakeRefs } from '../../helpers/fake-refs.ts';

const contexts = {
  intake,
  csi,
  deliverability,
  'follow-up': followUp,
  reporting,
  platform,
};

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('Definitions: the catalogue', () => {
  it('joins every context, each of its definitions once', () => {
    const all = Object.values(contexts);
    expect(functionDefinitions).toHaveLength(all.reduce((n, c) => n + c.functions.length, 0));
    expect(routeDefinitions).toHaveLength(all.reduce((n, c) => n + c.routes.length, 0));
    expect(workflowDefinitions).toHaveLength(all.reduce((n, c) => n + c.workflows.length, 0));
    expect(scheduleDefinitions).toHaveLength(all.reduce((n, c) => n + c.schedules.length, 0));
  });

  it('gives every function, workflow, schedule and route a unique id', () => {
    expect(duplicates(functionDefinitions.map((f) => f.id))).toEqual([]);
    expect(duplicates(workflowDefinitions.map((w) => w.id))).toEqual([]);
    expect(duplicates(scheduleDefinitions.map((s) => s.id))).toEqual([]);
    expect(duplicates(routeDefinitions.map((r) => `${r.method} ${r.path}`))).toEqual([]);
  });

  it("keeps each context's handlers in its own room of functions/", () => {
    for (const [name, context] of Object.entries(contexts)) {
      for (const fn of context.functions) expect(fn.entry, fn.id).toMatch(`functions/${name}/`);
    }
  });

  it('points every entry and ASL file at a file that exists', () => {
    for (const fn of functionDefinitions)
      expect(existsSync(fromRoot(fn.entry)), fn.entry).toBe(true);
    for (const wf of workflowDefinitions) expect(existsSync(fromRoot(wf.file)), wf.file).toBe(true);
  });
});

describe('Definitions: function environment', () => {
  const find = (id: string) => {
    const found = functionDefinitions.find((f) => f.id === id);
    if (!found) throw new Error(`no definition ${id}`);
    return found;
  };

  it('gives a function exactly what its definition declares', () => {
    expect(functionEnvironment(find('AwaitProbeAnswer'), fakeRefs)).toEqual({
      STAGE: 'test',
      POWERTOOLS_SERVICE_NAME: 'otklik',
      POWERTOOLS_METRICS_NAMESPACE: 'Otklik',
      TABLE_NAME: 'otklik-test',
    });
    expect(functionEnvironment(find('GetHealth'), fakeRefs)).toMatchObject({
      CALLBACK_PROBE_STATE_MACHINE_ARN:
        'arn:aws:states:eu-central-1:123456789012:stateMachine:otklik-test-CallbackProbe',
    });
    // The health check reads the sending status (a grant) and sends no mail: no sender.
    expect(functionEnvironment(find('GetHealth'), fakeRefs)).not.toHaveProperty('SENDER_ADDRESS');
    // Answering a workflow needs only the grant: the task token names its execution.
    expect(Object.keys(functionEnvironment(find('MailReminder'), fakeRefs))).not.toContain(
      'CSI_SURVEY_STATE_MACHINE_ARN'
    );
  });

  it('sets no optional variable: those keep their defaults unless an operator sets them', () => {
    const reconcile = find('ReconcileWorkflows');
    expect(reconcile.environment?.optional).toEqual(['RECONCILE_GRACE_SECONDS']);
    expect(functionEnvironment(reconcile, fakeRefs)).not.toHaveProperty('RECONCILE_GRACE_SECONDS');
  });
});

describe('Definitions: names', () => {
  it('derives names from PascalCase and kebab-case ids', () => {
    expect(kebabCase('CsiSurvey')).toBe('csi-survey');
    expect(constantCase('CallbackProbe')).toBe('CALLBACK_PROBE');
    expect(pascalCase('csi-reconcile')).toBe('CsiReconcile');
  });
});

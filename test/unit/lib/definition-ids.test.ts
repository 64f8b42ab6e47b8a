import { describe, expect, it } from 'vitest';
import type { ContextDefinitions } from '#lib/definitions/context-definitions.ts';
import type {
  CatalogueFunction,
  CatalogueRoute,
  CatalogueSchedule,
  CatalogueWorkflow,
} from '#lib/definitions/index.ts';

/*
 * Type-level tests: `tsc --noEmit` (npm run typecheck) checks this file, and fails on an
 * unused `@ts-expect-error`, so each misspelled id below must stay a compile error. Each
 * is a context file's shape (as lib/definitions/csi.ts is written), joined into the
 * catalogue's types the way lib/definitions/index.ts joins them, next to the same shape
 * spelled right, which must compile: the error is the misspelling and nothing else.
 */
const right = {
  functions: [
    {
      id: 'ShowCasePage',
      entry: 'functions/follow-up/pages/show-case-page.ts',
      description: 'the case page',
      workflows: { start: ['CsiSurvey'], read: ['FollowUpCase'], answer: ['CallbackProbe'] },
    },
  ],
  routes: [{ method: 'GET', path: '/f/{token}', functionId: 'ShowCasePage', auth: 'public' }],
  workflows: [
    {
      id: 'CsiSurvey',
      file: 'state-machines/csi-survey.asl.json',
      description: 'the survey',
      functions: ['MailInvitation'],
      startsWorkflows: ['FollowUpCase'],
    },
  ],
  schedules: [
    {
      id: 'nightly',
      expression: 'rate(1 day)',
      description: 'a schedule',
      target: { kind: 'workflow', workflowId: 'CallbackProbe', input: {} },
    },
  ],
} as const satisfies ContextDefinitions;

const misspelledStart = {
  ...right.functions[0],
  workflows: { start: ['CsiSurvy'] },
} as const;
const misspelledAnswer = { ...right.functions[0], workflows: { answer: ['FollowUpCas'] } } as const;
const misspelledRoute = { ...right.routes[0], functionId: 'ShowCasePag' } as const;
const misspelledTask = { ...right.workflows[0], functions: ['MailInvitatio'] } as const;
const misspelledStarted = { ...right.workflows[0], startsWorkflows: ['FollowUp'] } as const;
const misspelledSchedule = {
  ...right.schedules[0],
  target: { kind: 'function', functionId: 'SelfChek' },
} as const;

describe('Definitions: references name defined ids (checked by tsc)', () => {
  it('accepts the ids the contexts define', () => {
    const functions: readonly CatalogueFunction[] = right.functions;
    const routes: readonly CatalogueRoute[] = right.routes;
    const workflows: readonly CatalogueWorkflow[] = right.workflows;
    const schedules: readonly CatalogueSchedule[] = right.schedules;

    expect([functions, routes, workflows, schedules].map((list) => list.length)).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it("rejects a misspelled workflow id in a function's workflows", () => {
    // @ts-expect-error 'CsiSurvy' is no WorkflowId
    const start: readonly CatalogueFunction[] = [misspelledStart];
    // @ts-expect-error 'FollowUpCas' is no WorkflowId
    const answer: readonly CatalogueFunction[] = [misspelledAnswer];

    expect([start, answer]).toHaveLength(2);
  });

  it("rejects a misspelled function id in a route, a workflow's tasks or a schedule", () => {
    // @ts-expect-error 'ShowCasePag' is no FunctionId
    const route: readonly CatalogueRoute[] = [misspelledRoute];
    // @ts-expect-error 'MailInvitatio' is no FunctionId
    const task: readonly CatalogueWorkflow[] = [misspelledTask];
    // @ts-expect-error 'SelfChek' is no FunctionId
    const schedule: readonly CatalogueSchedule[] = [misspelledSchedule];

    expect([route, task, schedule]).toHaveLength(3);
  });

  it('rejects a misspelled workflow id among the workflows a workflow starts', () => {
    // @ts-expect-error 'FollowUp' is no WorkflowId
    const started: readonly CatalogueWorkflow[] = [misspelledStarted];

    expect(started).toHaveLength(1);
  });
});

import { readdirSync } from 'node:fs';
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import {
  workflowDefinitions,
  workflowSubstitutions,
  type ResourceRefs,
} from '#lib/definitions/workflows.ts';
import {
  isJsonObject,
  placeholdersIn,
  substitute,
} from '#local/stepfunctions/definition-loader.ts';
import { allStates, readAslText } from '../helpers/asl.ts';

/**
 * Offline checks of every ASL file: the contract the CDK stack and the local runtime
 * both rely on. (The CDK suite checks the synthesized DefinitionSubstitutions too.)
 */
const refs = (target: string): ResourceRefs => ({
  tableName: `${target}-table`,
  functionArn: (id) => `arn:aws:lambda:eu-central-1:000000000000:function:${target}-${id}`,
  stateMachineArn: (id) => `arn:aws:states:eu-central-1:000000000000:stateMachine:${target}-${id}`,
  senderAddress: 'sender@example.com',
  configurationSetName: `${target}-mail`,
  publicBaseUrl: 'https://feedback.example.com',
  settingsSource: 'file:/nonexistent/settings.json',
  webhookSecretId: 'secret',
  sourceCredentialsId: 'sources',
});

describe('State machines: ASL files', () => {
  it('has a workflow definition for every ASL file and a file for every definition', () => {
    const files = readdirSync(fromRoot('state-machines')).filter((f) => f.endsWith('.asl.json'));
    expect(files.map((f) => `state-machines/${f}`).sort()).toEqual(
      workflowDefinitions.map((w) => w.file).sort()
    );
  });

  describe.each(workflowDefinitions.map((w) => [w.id, w] as const))('%s', (_id, workflow) => {
    const text = readAslText(workflow.file);
    const definition: unknown = JSON.parse(
      substitute(text, workflowSubstitutions(workflow, refs('local')))
    );
    if (!isJsonObject(definition)) throw new Error('not a definition');
    const states = allStates(definition);

    it('passes asl-validator', () => {
      const result = validator(definition);
      expect(result.errors).toEqual([]);
      expect(result.isValid).toBe(true);
    });

    it('has a substitution for every ${Placeholder}, and no substitution without a placeholder', () => {
      const placeholders = placeholdersIn(text).sort();
      expect(placeholders.length).toBeGreaterThan(0);
      expect(Object.keys(workflowSubstitutions(workflow, refs('aws'))).sort()).toEqual(
        placeholders
      );
    });

    it('names only existing states in Next, Default, Choices and Catch', () => {
      for (const { name, state, siblings } of states) {
        const targets = [
          state.Next,
          state.Default,
          ...(Array.isArray(state.Choices)
            ? state.Choices.filter(isJsonObject).map((c) => c.Next)
            : []),
          ...(Array.isArray(state.Catch)
            ? state.Catch.filter(isJsonObject).map((c) => c.Next)
            : []),
        ].filter((t): t is string => typeof t === 'string');
        for (const target of targets)
          expect(Object.keys(siblings), `${name} → ${target}`).toContain(target);
      }
    });

    it('gives every Task a Retry with jitter and a Catch', () => {
      const tasks = states.filter((s) => s.state.Type === 'Task');
      expect(tasks.length).toBeGreaterThan(0);
      for (const { name, state } of tasks) {
        expect(Array.isArray(state.Retry) && state.Retry.length > 0, `${name} Retry`).toBe(true);
        expect(Array.isArray(state.Catch) && state.Catch.length > 0, `${name} Catch`).toBe(true);
        const retriers = Array.isArray(state.Retry) ? state.Retry.filter(isJsonObject) : [];
        for (const retrier of retriers)
          expect(retrier.JitterStrategy, `${name} jitter`).toBe('FULL');
      }
    });

    it('gives every callback task a timeout', () => {
      for (const { name, state } of states.filter(
        (s) =>
          typeof s.state.Resource === 'string' && s.state.Resource.endsWith('.waitForTaskToken')
      )) {
        expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, `${name} timeout`).toBeDefined();
      }
    });
  });
});

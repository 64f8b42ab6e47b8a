import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import { functionEnvironment } from '#lib/definitions/function-environment.ts';
import { functionDefinitions } from '#lib/definitions/index.ts';
import { kebabCase } from '#lib/definitions/names.ts';
import { fakeRefs } from '../../helpers/fake-refs.ts';
import { recordEnvReads } from './env-reads.ts';
import { environmentVerdict } from './environment-verdict.ts';
import { isRuntimeVariable, runtimePlaceholders } from './runtime-variables.ts';

/*
 * The contract between a definition and its handler module. Handlers read their
 * environment at module scope, at cold start (functions/shared/env.ts), so importing the
 * module, fresh, with exactly what the stack would set (its definition's variables plus
 * the runtime's), shows every variable it reads. The rule is in environment-verdict.ts.
 */
describe('Contract: a handler reads exactly the environment its definition declares', () => {
  it.each(functionDefinitions.map((definition) => [definition.id, definition] as const))(
    '%s',
    async (id, definition) => {
      vi.resetModules();
      const declared = functionEnvironment(definition, fakeRefs);
      const url = pathToFileURL(fromRoot(definition.entry)).href;

      const { reads, error } = await recordEnvReads(
        { ...runtimePlaceholders(`otklik-test-${kebabCase(id)}`), ...declared },
        () => import(/* @vite-ignore */ url)
      );

      expect(environmentVerdict(definition, declared, reads, error)).toEqual({
        loadError: undefined,
        undeclared: [],
        unread: [],
        markedUnreadButRead: [],
        markedUnreadButNotSet: [],
        optionalButNotRead: [],
      });
    }
  );

  it('names no application variable like a runtime one, which the contract ignores', () => {
    for (const definition of functionDefinitions) {
      const names = [
        ...Object.keys(functionEnvironment(definition, fakeRefs)),
        ...(definition.environment?.optional ?? []),
      ];
      // POWERTOOLS_* is declared on purpose: Powertools' own configuration, set by the stack.
      const hidden = names.filter((n) => isRuntimeVariable(n) && !n.startsWith('POWERTOOLS_'));
      expect(hidden, definition.id).toEqual([]);
    }
  });
});

describe('Contract: recordEnvReads', () => {
  it('tells a lookup from an enumeration, and puts process.env back', async () => {
    const real = process.env;

    const { reads } = await recordEnvReads({ A: '1', B: '2', C: '3' }, () => {
      const seen = Object.entries(process.env).length;
      return Promise.resolve([process.env.A, 'C' in process.env, process.env.MISSING, seen]);
    });

    expect([...reads.lookedUp].sort()).toEqual(['A', 'C', 'MISSING']);
    expect([...reads.enumerated]).toEqual(['B']);
    expect(process.env).toBe(real);
  });

  it('returns the error of a module that fails to load', async () => {
    const { error } = await recordEnvReads({}, () => Promise.reject(new Error('boom')));

    expect(error).toEqual(new Error('boom'));
  });
});

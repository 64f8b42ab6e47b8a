import { inspect } from 'node:util';
import type { FunctionDefinition } from '#lib/definitions/function-definition.ts';
import type { EnvReads } from './env-reads.ts';
import { isRuntimeVariable } from './runtime-variables.ts';

/** Every way a handler's reads can break its definition's contract; all empty when kept. */
export interface EnvironmentVerdict {
  /** The module did not load (its error's name and message). */
  readonly loadError: string | undefined;
  /** Application variables it looked up that the definition does not declare. */
  readonly undeclared: readonly string[];
  /** Declared variables it never saw, not marked `environment.unread`: over-granted. */
  readonly unread: readonly string[];
  /** Marked `environment.unread`, yet looked up: the mark is stale. */
  readonly markedUnreadButRead: readonly string[];
  /** Marked `environment.unread`, yet no flag of the definition sets them. */
  readonly markedUnreadButNotSet: readonly string[];
  /** Declared `environment.optional`, yet never looked up. */
  readonly optionalButNotRead: readonly string[];
}

const describeError = (error: unknown): string | undefined => {
  if (error === undefined) return undefined;
  return error instanceof Error ? `${error.name}: ${error.message}` : inspect(error);
};

/**
 * The contract of test/unit/contract/handler-environment.test.ts: at import (cold start),
 * a handler looks up only the variables its definition declares (set by its flags, or
 * declared optional), besides runtime variables, and it reads every variable its flags
 * set unless the definition marks it unread, with a reason. A variable seen only in an
 * enumeration of process.env counts as read, but not as looked up.
 */
export const environmentVerdict = (
  definition: FunctionDefinition,
  declared: Readonly<Record<string, string>>,
  reads: EnvReads,
  error: unknown
): EnvironmentVerdict => {
  const optional = definition.environment?.optional ?? [];
  const marked = Object.keys(definition.environment?.unread ?? {});
  const application = (names: Iterable<string>) =>
    [...names].filter((name) => !isRuntimeVariable(name)).sort();
  const seen = (name: string) => reads.lookedUp.has(name) || reads.enumerated.has(name);
  return {
    loadError: describeError(error),
    undeclared: application(reads.lookedUp).filter(
      (name) => !(name in declared) && !optional.includes(name)
    ),
    unread: application(Object.keys(declared)).filter(
      (name) => !seen(name) && !marked.includes(name)
    ),
    markedUnreadButRead: marked.filter((name) => reads.lookedUp.has(name)).sort(),
    markedUnreadButNotSet: marked.filter((name) => !(name in declared)).sort(),
    optionalButNotRead: optional.filter((name) => !reads.lookedUp.has(name)).sort(),
  };
};

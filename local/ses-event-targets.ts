import type { FunctionDefinition, SesEventType } from '#lib/definitions/function-definition.ts';
import type { SesSendEvent } from './ses-events.ts';

/**
 * The local stand-in for the configuration set's EventBridge destination and its rules: an
 * SES event goes to every function of the catalogue whose `sesEvents` names its type, each
 * invoked on its own and not awaited (EventBridge invokes asynchronously; a failed
 * invocation is logged, never retried into the SES answer).
 */
export const sesEventDispatcher =
  (
    definitions: readonly FunctionDefinition[],
    invoke: (functionId: string, event: unknown) => Promise<unknown>,
    log: (line: string) => void
  ) =>
  (type: SesEventType, event: SesSendEvent): void => {
    for (const definition of definitions) {
      if (!definition.sesEvents?.includes(type)) continue;
      invoke(definition.id, event).catch((error: unknown) => {
        log(
          `SES ${type} event to ${definition.id} failed: ${error instanceof Error ? error.name : 'error'}`
        );
      });
    }
  };

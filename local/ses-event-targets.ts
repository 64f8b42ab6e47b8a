import type { FunctionDefinition, SesEventType } from '#lib/definitions/function-definition.ts';

/**
 * The local stand-in for the configuration set's EventBridge destination and its rules: an
 * SES event goes to every function of the catalogue whose `sesEvents` names its type, each
 * invoked on its own (EventBridge invokes asynchronously; a failed invocation is logged,
 * never retried into the SES answer). Resolves when every invocation has settled, so the
 * journal (local/ses-event-journal.ts) can mark the event delivered; nobody waits on it.
 */
export const sesEventDispatcher =
  (
    definitions: readonly FunctionDefinition[],
    invoke: (functionId: string, event: unknown) => Promise<unknown>,
    log: (line: string) => void
  ) =>
  async (type: SesEventType, event: { readonly id: string }): Promise<void> => {
    const invocations = definitions
      .filter((definition) => definition.sesEvents?.includes(type))
      .map((definition) =>
        invoke(definition.id, event).catch((error: unknown) => {
          log(
            `SES ${type} event to ${definition.id} failed: ${error instanceof Error ? error.name : 'error'}`
          );
        })
      );
    await Promise.all(invocations);
  };

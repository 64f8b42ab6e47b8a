/**
 * Reasons shared by several definitions for a variable their flags set and their handler
 * does not read (FunctionDefinition.environment.unread).
 */
export const ANSWERS_BY_TOKEN =
  'set by workflows.answer, which is for the SendTask* grant: a task token names its execution, so the handler needs no ARN';

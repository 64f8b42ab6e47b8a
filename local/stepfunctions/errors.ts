/**
 * Step Functions API errors, by the `__type` names the AWS JSON protocol sends; the SDK
 * turns each into an exception class of the same name (e.g. ExecutionAlreadyExists).
 */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400
  ) {
    super(message);
    this.name = code;
  }
}

export const executionAlreadyExists = (arn: string) =>
  new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
export const executionDoesNotExist = (arn: string) =>
  new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const stateMachineDoesNotExist = (arn: string) =>
  new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const invalidName = (name: string) =>
  new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
export const invalidExecutionInput = (detail: string) =>
  new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
export const invalidOutput = (detail: string) =>
  new SfnApiError('InvalidOutput', `Invalid Output: '${detail}'`);
export const invalidToken = () => new SfnApiError('InvalidToken', 'Invalid Token');
export const taskTimedOut = () =>
  new SfnApiError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
export const validationError = (detail: string) => new SfnApiError('ValidationException', detail);
export const unknownOperation = (operation: string) =>
  new SfnApiError('UnknownOperationException', `operation not supported locally: ${operation}`);

/**
 * An error named by the service that raised it (a Lambda's errorType, an integration's
 * error code), since Step Functions' Retry and Catch, and API Gateway, match on the name.
 */
export class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

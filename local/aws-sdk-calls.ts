import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as sesv2 from '@aws-sdk/client-sesv2';
import * as sfn from '@aws-sdk/client-sfn';
import { isJsonObject, type Json, type JsonObject } from './stepfunctions/definition-loader.ts';

/** A service a Task may call through `arn:aws:states:::aws-sdk:<service>:<action>`. */
interface SdkService {
  readonly module: Record<string, unknown>;
  readonly client: { send: (command: never) => Promise<unknown> };
}

export class UnsupportedSdkCallError extends Error {
  override name = 'UnsupportedSdkCallError';
}

const isCommandClass = (value: unknown): value is new (input: JsonObject) => never =>
  typeof value === 'function';

/**
 * Runs AWS SDK integrations against the local endpoints: the action's Command class
 * from the service's SDK package, with the Task's PascalCase parameters as its input
 * (the same shape Step Functions passes on AWS). Clients are made once, on first use,
 * after the runtime has set the endpoint variables.
 */
export const createSdkCaller = () => {
  const services = new Map<string, SdkService>();
  const serviceFor = (name: string): SdkService => {
    let service = services.get(name);
    if (!service) {
      if (name === 'dynamodb')
        service = { module: dynamodb, client: new dynamodb.DynamoDBClient({}) };
      else if (name === 'sesv2') service = { module: sesv2, client: new sesv2.SESv2Client({}) };
      else if (name === 'sfn') service = { module: sfn, client: new sfn.SFNClient({}) };
      else throw new UnsupportedSdkCallError(`the local runtime has no SDK for ${name}`);
      services.set(name, service);
    }
    return service;
  };
  return async (serviceName: string, action: string, parameters: JsonObject): Promise<Json> => {
    const service = serviceFor(serviceName);
    const Command = service.module[`${action.charAt(0).toUpperCase()}${action.slice(1)}Command`];
    if (!isCommandClass(Command))
      throw new UnsupportedSdkCallError(`${serviceName} has no action ${action}`);
    const output = await service.client.send(new Command(parameters));
    const json: unknown = JSON.parse(JSON.stringify(output));
    if (!isJsonObject(json)) return {};
    delete json.$metadata;
    return json;
  };
};

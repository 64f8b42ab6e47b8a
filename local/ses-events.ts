import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The EventBridge event SES publishes for a configuration set's Send event (detail-type
 * "Email Sent"), built from a SendEmail call SES v2 local accepted: the shape the
 * `sesEvents: ['SEND']` functions are invoked with on AWS. Only what SES would know is in
 * it: the message id, the sender, the recipients and the tags (as SES gives them: each
 * tag name mapped to a list of values, with the configuration set as `ses:configuration-set`).
 */
const sendEmailRequestSchema = z.looseObject({
  FromEmailAddress: z.string().optional(),
  ConfigurationSetName: z.string().optional(),
  Destination: z
    .looseObject({
      ToAddresses: z.array(z.string()).optional(),
      CcAddresses: z.array(z.string()).optional(),
      BccAddresses: z.array(z.string()).optional(),
    })
    .optional(),
  EmailTags: z.array(z.looseObject({ Name: z.string(), Value: z.string() })).optional(),
});
const sendEmailResponseSchema = z.looseObject({ MessageId: z.string().min(1) });

export interface SesEventContext {
  readonly region: string;
  readonly account: string;
}

export interface SesSendEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Email Sent';
  readonly source: 'aws.ses';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: {
    readonly eventType: 'Send';
    readonly mail: {
      readonly timestamp: string;
      readonly messageId: string;
      readonly source: string;
      readonly sendingAccountId: string;
      readonly destination: string[];
      readonly headersTruncated: false;
      readonly tags: Record<string, string[]>;
    };
    readonly send: Record<string, never>;
  };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The Send event of an accepted SendEmail call, or undefined when the call was not one. */
export const sendEventOf = (
  requestBody: string,
  responseBody: string,
  context: SesEventContext,
  at: Date = new Date()
): SesSendEvent | undefined => {
  const request = sendEmailRequestSchema.safeParse(parseJson(requestBody));
  const response = sendEmailResponseSchema.safeParse(parseJson(responseBody));
  if (!request.success || !response.success) return undefined;
  const tags: Record<string, string[]> = {};
  for (const tag of request.data.EmailTags ?? []) (tags[tag.Name] ??= []).push(tag.Value);
  const configurationSet = request.data.ConfigurationSetName;
  if (configurationSet) tags['ses:configuration-set'] = [configurationSet];
  const destination = request.data.Destination;
  const time = at.toISOString();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Email Sent',
    source: 'aws.ses',
    account: context.account,
    time,
    region: context.region,
    resources: configurationSet
      ? [`arn:aws:ses:${context.region}:${context.account}:configuration-set/${configurationSet}`]
      : [],
    detail: {
      eventType: 'Send',
      mail: {
        timestamp: time,
        messageId: response.data.MessageId,
        source: request.data.FromEmailAddress ?? '',
        sendingAccountId: context.account,
        destination: [
          ...(destination?.ToAddresses ?? []),
          ...(destination?.CcAddresses ?? []),
          ...(destination?.BccAddresses ?? []),
        ],
        headersTruncated: false,
        tags,
      },
      send: {},
    },
  };
};

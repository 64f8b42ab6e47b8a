import { SFNClient } from '@aws-sdk/client-sfn';

/** Module-scope Step Functions client; endpoint from AWS_ENDPOINT_URL_SFN when set. */
export const sfnClient = new SFNClient({});

import { SESv2Client } from '@aws-sdk/client-sesv2';

/** Module-scope SES v2 client; endpoint from AWS_ENDPOINT_URL_SESV2 when set. */
export const sesClient = new SESv2Client({});

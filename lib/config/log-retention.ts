import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The shortest CloudWatch retention that keeps logs at least `days` days. */
export const retentionFor = (days: number): RetentionDays => {
  const allowed = Object.values(RetentionDays).filter(
    (v): v is RetentionDays => typeof v === 'number'
  );
  // RetentionDays is a numeric enum: its members compare as the day counts they are.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison
  const match = allowed.filter((v) => v >= days).sort((a, b) => a - b)[0];
  return match ?? RetentionDays.INFINITE;
};

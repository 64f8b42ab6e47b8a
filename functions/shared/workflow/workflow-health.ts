import { DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** A health check of one workflow: its state machine exists (a read-only call). */
export const stateMachineCheck =
  (sfn: SFNClient, stateMachineArn: string) =>
  async (abortSignal: AbortSignal): Promise<void> => {
    await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }), { abortSignal });
  };

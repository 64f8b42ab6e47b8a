import { z } from 'zod';
import { readEnv } from '../env.ts';
import { sfnClient } from './sfn-client.ts';
import { stepFunctionsPort, type WorkflowPort } from './workflow-port.ts';

/** Cold-start wiring of the workflow port: only functions that declared a workflow import it. */
export const workflowPortFromEnv = (): WorkflowPort => stepFunctionsPort(sfnClient);

/** The ARN of a workflow the function declared (`<ID>_STATE_MACHINE_ARN`); fails at cold start when absent. */
export const stateMachineArnFromEnv = (
  variable: 'CSI_SURVEY_STATE_MACHINE_ARN' | 'FOLLOW_UP_CASE_STATE_MACHINE_ARN'
): string => readEnv(z.object({ [variable]: z.string().min(1) }))[variable] ?? '';

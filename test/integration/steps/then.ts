import { pollUntil } from '../../helpers/poll.ts';
import {
  itemOf,
  mailsTo,
  surveyOf,
  surveysOf,
  waitForMails,
  waitForSurveyStatus,
  type StoredMail,
} from '../loop-helpers.ts';
import {
  executionExists,
  surveyExecutionArn,
  waitForExecutionEnd,
  waitForIdleWorkflows,
  waitForStateEntered,
} from '../workflow-helpers.ts';

/**
 * The outcomes the integration cases wait for. Each polls until the outcome is there and
 * returns it, for the test to assert on; none sleeps, none asserts by itself.
 */

/** Waits for the first mail to `email`, and returns it. */
export const aMailArrives = async (email: string): Promise<StoredMail> => {
  const [mail] = await waitForMails(email);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
};

/** Waits until `email` has received `count` mails, and returns them all. */
export const mailsArrive = (email: string, count: number) => waitForMails(email, count);

/** Waits until a case owner has been mailed about the ticket, and returns those mails. */
export const theOwnerIsMailed = (ownerEmail: string, ticketId: string) =>
  pollUntil(
    async () => {
      const mails = (await mailsTo(ownerEmail)).filter((m) => m.subject.includes(ticketId));
      return mails.length > 0 ? mails : undefined;
    },
    { intervalMs: 100, what: `a mail to ${ownerEmail} about ${ticketId}` }
  );

/** Waits until the survey of the ticket has `status`, and returns it. */
export const theSurveyIs = (ticketId: string, status: string) =>
  waitForSurveyStatus(ticketId, status);

/** Waits until the (first) survey of the ticket has a case opened, and returns the survey. */
export const aCaseIsOpened = (ticketId: string) =>
  pollUntil(
    async () => {
      const [survey] = await surveysOf(ticketId);
      return survey?.followUpId ? survey : undefined;
    },
    { intervalMs: 100, what: `a case for the survey of ${ticketId}` }
  );

/** Waits until the survey's task token is parked on its item (its workflow awaits the rating). */
export const theSurveyParksItsTaskToken = (surveyId: string) =>
  pollUntil(
    async () => {
      const item = await itemOf(`SURVEY#${surveyId}`, 'SURVEY');
      return typeof item?.taskToken === 'string' ? item : undefined;
    },
    { intervalMs: 100, what: `the task token of survey ${surveyId}` }
  );

/**
 * Waits until the workflow of the ticket's survey waits for the rating: its invitation step
 * is behind it, so every mail that step could send (a repeat included) has been sent.
 */
export const theSurveyWaitsForItsRating = async (ticketId: string) => {
  const { surveyId } = await surveyOf(ticketId);
  await waitForStateEntered(surveyExecutionArn(surveyId), 'MailInvitationAndAwaitRating');
  // The invitation task mails and parks in one state: SES's acceptance is recorded last.
  return pollUntil(
    async () => {
      // The token is parked on the survey's task item, beside it (data-model.md).
      const [item, task] = await Promise.all([
        itemOf(`SURVEY#${surveyId}`, 'SURVEY'),
        itemOf(`SURVEY#${surveyId}`, 'TASK'),
      ]);
      return typeof item?.messageId === 'string' && typeof task?.taskToken === 'string'
        ? item
        : undefined;
    },
    { intervalMs: 100, what: `the invitation of survey ${surveyId} to be recorded` }
  );
};

/** Waits until the workflow of the ticket's survey has ended: it sends nothing any more. */
export const theSurveyWorkflowHasEnded = async (ticketId: string) => {
  const survey = await surveyOf(ticketId);
  // The workflow starts at the survey's sendAt (its schedule fires then, unless a reopening
  // deleted it): the one wait here that is a time, not an outcome; past it, a workflow that
  // has not started never will.
  const item = await itemOf(`SURVEY#${survey.surveyId}`, 'SURVEY');
  const sendAt = Date.parse(String(item?.sendAt ?? ''));
  const startedBy = Number.isNaN(sendAt) ? 0 : sendAt + 1500 - Date.now();
  if (startedBy > 0) await new Promise((resolve) => setTimeout(resolve, startedBy));
  const arn = surveyExecutionArn(survey.surveyId);
  return (await executionExists(arn)) ? waitForExecutionEnd(arn) : undefined;
};

/** Waits until an execution has ended, and describes it. */
export const theExecutionEnds = (executionArn: string) => waitForExecutionEnd(executionArn);

/**
 * Waits until every workflow of the runtime is idle (ended, or waiting for a person): no
 * step is in flight that could still mail someone or write to the table.
 */
export const theWorkflowsAreIdle = () => waitForIdleWorkflows();

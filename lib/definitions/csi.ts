import type { ContextDefinitions } from './context-definitions.ts';

/** CSI (functions/csi/): the survey workflow, its mail, the rating and opt-out pages. */
export const csi = {
  functions: [
    {
      id: 'PrepareSurvey',
      entry: 'functions/csi/tasks/prepare-survey.ts',
      description: 'CSI task: eligibility (no-contact, suppressed) and the route to take',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'SendSurveyEmail',
      entry: 'functions/csi/tasks/send-survey-email.ts',
      description: 'CSI task: the invitation or the reminder mail, with fresh link tokens',
      table: 'readwrite',
      email: true,
      links: true,
    },
    {
      id: 'AwaitRating',
      entry: 'functions/csi/tasks/await-rating.ts',
      description: 'CSI callback task: parks the task token on the survey, or answers at once',
      table: 'readwrite',
      workflows: { answer: ['CsiSurvey'] },
    },
    {
      id: 'CloseSurvey',
      entry: 'functions/csi/tasks/close-survey.ts',
      description: 'CSI task: expires or fails a survey that no rating closed',
      table: 'readwrite',
    },
    {
      id: 'OpenFollowUp',
      entry: 'functions/csi/tasks/open-follow-up.ts',
      description: 'CSI task: opens the follow-up case of a low rating and starts its workflow',
      table: 'readwrite',
      settings: true,
      workflows: { start: ['FollowUpCase'] },
    },
    {
      id: 'ShowRatingPage',
      entry: 'functions/csi/pages/show-rating-page.ts',
      description:
        'GET/HEAD /r/{token}: the rating form; a GET is an unconfirmed click, never a rating',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'SubmitRating',
      entry: 'functions/csi/pages/submit-rating.ts',
      description: 'POST /r/{token}: records or changes a rating and releases the workflow',
      table: 'readwrite',
      settings: true,
      workflows: { answer: ['CsiSurvey'], start: ['FollowUpCase'] },
    },
    {
      id: 'ShowOptOutPage',
      entry: 'functions/csi/pages/show-opt-out-page.ts',
      description: 'GET /u/{token}: the opt-out confirmation page',
      table: 'read',
      settings: true,
    },
    {
      id: 'ConfirmOptOut',
      entry: 'functions/csi/pages/confirm-opt-out.ts',
      description: 'POST /u/{token}: records the opt-out (form or RFC 8058 one-click)',
      table: 'readwrite',
      settings: true,
    },
    {
      id: 'ListSurveys',
      entry: 'functions/csi/api/list-surveys.ts',
      description: "GET /v1/surveys?ticketId=: a ticket's surveys",
      table: 'read',
    },
  ],
  routes: [
    { method: 'GET', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
    { method: 'HEAD', path: '/r/{token}', functionId: 'ShowRatingPage', auth: 'public' },
    { method: 'POST', path: '/r/{token}', functionId: 'SubmitRating', auth: 'public' },
    { method: 'GET', path: '/u/{token}', functionId: 'ShowOptOutPage', auth: 'public' },
    { method: 'POST', path: '/u/{token}', functionId: 'ConfirmOptOut', auth: 'public' },
    { method: 'GET', path: '/v1/surveys', functionId: 'ListSurveys', auth: 'admin' },
  ],
  workflows: [
    {
      id: 'CsiSurvey',
      file: 'state-machines/csi-survey.asl.json',
      description:
        'One ticket resolution: eligibility, delay, mail, rating with one reminder, expiry, follow-up',
      functions: ['PrepareSurvey', 'SendSurveyEmail', 'AwaitRating', 'CloseSurvey', 'OpenFollowUp'],
    },
  ],
  schedules: [],
} as const satisfies ContextDefinitions;

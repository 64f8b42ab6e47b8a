/**
 * The CSI settings of the shared reliability runtime: the mail 1 s after the webhook, and a
 * window short enough that R5 sees a link expire (reminder after 20 s, closed 10 s later).
 */
export const RELIABILITY_CSI_SETTINGS = {
  sendDelay: 'PT1S',
  reminderAfter: 'PT20S',
  expireAfterReminder: 'PT10S',
  followUp: {
    sla: 'PT10M',
    maxAge: 'PT30M',
    defaultOwner: { email: 'quality@test.example', name: 'Quality team' },
    defaultEscalation: { email: 'lead@test.example', name: 'Head of quality' },
  },
};

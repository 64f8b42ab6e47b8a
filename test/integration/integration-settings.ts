/** The CSI settings of the integration runtime: short timers, and a routing rule to check. */
export const INTEGRATION_CSI_SETTINGS = {
  sendDelay: 'PT2S',
  reminderAfter: 'PT40S',
  expireAfterReminder: 'PT20S',
  // The scanner heuristics on the suite's short timers: a person's click a few seconds after
  // the mail, settled when the reminder is due (inferred-rating.test.ts).
  rating: { notBefore: 'PT2S', afterHead: 'PT2S', burstWindow: 'PT3S', quietPeriod: 'PT5S' },
  followUp: {
    sla: 'PT60S',
    maxAge: 'PT5M',
    defaultOwner: { email: 'quality@test.example', name: 'Quality team' },
    defaultEscalation: { email: 'lead@test.example', name: 'Head of quality' },
    routes: [
      {
        businessUnit: 'HR',
        owner: { email: 'hr-quality@test.example', name: 'HR quality' },
        escalation: { email: 'hr-director@test.example', name: 'HR director' },
      },
    ],
  },
};

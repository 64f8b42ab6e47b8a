/** The ticket systems' credentials of the integration runtime (known to the tests, to sign). */
export const SOURCE_SECRETS = {
  naumen: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  servicenow: 'whsec_aGVsbG8tc2VydmljZW5vdy1zZWNyZXQtMzI=',
  jira: 'it-jira-webhook-secret-0123456789abcdef',
  zendesk: 'dGhlLXplbmRlc2stc2lnbmluZy1zZWNyZXQtZm9yLXRlc3Rz',
  bearerToken: 'jira-automation-bearer-token-0123456789abcdefghij',
};

export const sourceCredentialsJson = JSON.stringify({
  naumen: { secrets: [SOURCE_SECRETS.naumen], bearerTokens: [] },
  servicenow: { secrets: [SOURCE_SECRETS.servicenow], bearerTokens: [] },
  jira: { secrets: [SOURCE_SECRETS.jira], bearerTokens: [SOURCE_SECRETS.bearerToken] },
  zendesk: { secrets: [SOURCE_SECRETS.zendesk], bearerTokens: [] },
});

/** The survey does not exist; task handlers throw it and the ASL fails the execution. */
export class SurveyNotFoundError extends Error {
  override name = 'SurveyNotFoundError';
}

/** The case does not exist: 404 on the admin API and the case page. */
export class FollowUpNotFoundError extends Error {
  override name = 'FollowUpNotFoundError';
}

/**
 * The value of SETTINGS_SOURCE (read by settings-from-env.ts): `appconfig:<application>/
 * <environment>/<profile>` on AWS, `file:<absolute path>` in the local runtime. Its own
 * file, free of the adapters, so the CDK app and the local runtime can write it.
 */
export const settingsSourceValue = (
  where: { application: string; environment: string; profile: string } | { path: string }
): string =>
  'path' in where
    ? `file:${where.path}`
    : `appconfig:${where.application}/${where.environment}/${where.profile}`;

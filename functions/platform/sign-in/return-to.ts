/** Where a person goes after signing in when the link said nowhere. */
export const DEFAULT_RETURN_TO = '/console';

const ORIGIN = 'https://otklik.invalid';

/**
 * The page to return to after sign-in, or undefined when it is refused: only a path of this
 * site (`/` then neither `/` nor `\`, which browsers read as another host), without control
 * characters or backslashes anywhere, so that the sign-in link cannot send anyone to a
 * look-alike site (an open redirect).
 */
export const safeReturnTo = (value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return DEFAULT_RETURN_TO;
  if (value.length > 2000 || !value.startsWith('/')) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  // Belt and braces: whatever a URL parser makes of it stays on this origin.
  return new URL(value, ORIGIN).origin === ORIGIN ? value : undefined;
};

/** Control characters, CR and LF among them: in a header they could start another one. */
const CONTROLS = /\p{Cc}+/gu;

/**
 * A header's value on one line: whatever reached it (a ticket number stored before the
 * intake stripped controls, a setting) never adds a header; runs become one space.
 */
export const oneLine = (value: string): string => value.replace(CONTROLS, ' ').trim();

/**
 * The From header with a display name: `=?UTF-8?B?…?= <address>` (RFC 2047), so a Cyrillic
 * name, quotes, commas or angle brackets in the setting can neither break the address list
 * nor add a header. No name (or one of only controls): the bare address.
 */
export const fromHeader = (address: string, name: string | undefined): string => {
  const display = name === undefined ? '' : oneLine(name);
  if (display === '') return address;
  return `=?UTF-8?B?${Buffer.from(display, 'utf8').toString('base64')}?= <${address}>`;
};

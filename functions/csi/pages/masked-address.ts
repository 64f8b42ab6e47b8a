/**
 * An address as the opt-out page shows it: enough for its owner to recognise («i***@example.com»),
 * not enough for someone who found the link to learn it. The first letter of the mailbox and
 * the whole domain (the person knows their employer's domain; a stranger learns little from it).
 */
export const maskedAddress = (email: string): string => {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${trimmed.slice(0, 1)}***${trimmed.slice(at)}`;
};

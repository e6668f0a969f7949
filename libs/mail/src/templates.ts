/** Plain text + HTML for each email the worker sends. Links go under APP_URL. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function layout(title: string, paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n');
  const button = link
    ? `<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>\n<p>${escape(link.href)}</p>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>\n${body}\n${button}\n</body></html>`;
}

export function tokenLink(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl.endsWith('/') ? appUrl : `${appUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

export function welcomeMail(name: string, tenantName: string): RenderedMail {
  const lines = [`Hello ${name},`, `Welcome! Your workspace "${tenantName}" is ready.`];
  return { subject: `Welcome to ${tenantName}`, text: lines.join('\n\n'), html: layout('Welcome', lines) };
}

export function verifyEmailMail(name: string, link: string): RenderedMail {
  const lines = [`Hello ${name},`, 'Please confirm your email address. The link works once and expires in 24 hours.'];
  return {
    subject: 'Confirm your email address',
    text: `${lines.join('\n\n')}\n\n${link}`,
    html: layout('Confirm your email address', lines, { href: link, label: 'Confirm my email address' }),
  };
}

export function passwordResetMail(name: string, link: string): RenderedMail {
  const lines = [
    `Hello ${name},`,
    'Someone asked to reset your password. The link works once and expires in 1 hour. If it was not you, ignore this email.',
  ];
  return {
    subject: 'Reset your password',
    text: `${lines.join('\n\n')}\n\n${link}`,
    html: layout('Reset your password', lines, { href: link, label: 'Choose a new password' }),
  };
}

export function invitationMail(
  inviterName: string,
  tenantName: string,
  role: string,
  link: string,
  expiresAt: Date,
): RenderedMail {
  const lines = [
    `Hello,`,
    `${inviterName} invited you to join "${tenantName}" as ${role.toLowerCase()}.`,
    `The link works once and expires on ${expiresAt.toUTCString()}. If you did not expect this, ignore this email.`,
  ];
  return {
    subject: `${inviterName} invited you to ${tenantName}`,
    text: `${lines.join('\n\n')}\n\n${link}`,
    html: layout(`Join ${tenantName}`, lines, { href: link, label: 'Accept the invitation' }),
  };
}

/** Escapes a string for an XML attribute value or text node (& < > " '). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Text safe inside an XML comment: no "--" and no trailing "-". */
export function xmlCommentText(s: string): string {
  return s.replace(/--/g, '- -').replace(/-$/, '- ');
}

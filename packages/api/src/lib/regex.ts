/** Escapes every character that has a meaning in a regular expression, for literal substring search. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

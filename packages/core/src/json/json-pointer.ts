/**
 * Appends one reference token to a JSON Pointer (RFC 6901), escaping `~` and `/`.
 *
 * @example
 * appendPointer('/data', 3); // '/data/3'
 * appendPointer('', 'a/b');  // '/a~1b'
 */
export function appendPointer(pointer: string, token: string | number): string {
  const text = String(token);
  return `${pointer}/${text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text}`;
}

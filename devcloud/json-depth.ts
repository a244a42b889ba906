/**
 * How deep a call's JSON may nest before devcloud refuses it unparsed. CloudBase bounds a call
 * only by its packet size (6 MB sync), so there is no platform figure to copy; what costs is
 * every recursive walk of the value afterwards (the structured clone into the function instance,
 * zod, JSON.stringify, the database's encoder). At a few thousand levels the clone overflows the
 * stack and used to leave the instance waiting out its timeout. Our deepest contract payload nests
 * a handful of levels, and CloudBase's database (MongoDB) stores at most 100, so 64 refuses
 * nothing a client sends while keeping every walk cheap.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether raw JSON text nests deeper than `max` objects/arrays. One pass over the characters,
 * counting brackets outside strings, with no recursion and constant memory: the check costs the
 * same whatever shape an attacker sends, and stops at the first level too deep. Malformed text is
 * left for JSON.parse to refuse.
 */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++; // the escaped character cannot end the string
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

// The RFC 3339 date-time that ajv-formats accepts: `T`, `t` or a space between date and time, a fraction of
// any length, `Z`, `z`, `+hh`, `+hhmm` or `+hh:mm`. `Date.parse` does not take all of these (and is slower).
const DATE_TIME = /^\d{4}-\d\d-\d\d[Tt\s]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)$/;

// `Date.UTC` reads the years 0 to 99 as 1900 to 1999; 400 Gregorian years later every date falls on the same
// day of the cycle, so the date is computed there and moved back by exactly that much.
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** Minutes east of UTC of the zone that starts at `start`: `Z`, `+hh`, `+hhmm`, `+hh:mm`. */
function offsetMinutes(text: string, start: number): number {
  const sign = text[start];
  if (sign !== '+' && sign !== '-') return 0;
  const minutesAt = text[start + 3] === ':' ? start + 4 : start + 3;
  const minutes = digits(text, start + 1, 2) * 60 + (minutesAt < text.length ? digits(text, minutesAt, 2) : 0);
  return sign === '-' ? -minutes : minutes;
}

/**
 * Parses an RFC 3339 date-time (already checked by the `date-time` format) into a `Date`, to the
 * millisecond (a longer fraction is truncated; a leap second becomes the next second). `undefined` when the
 * text is not one.
 */
export function parseDateTime(text: string): Date | undefined {
  if (!DATE_TIME.test(text)) return undefined;
  let end = 19;
  let milliseconds = 0;
  if (text[19] === '.') {
    end = 20;
    while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    const fraction = Math.min(end - 20, 3);
    milliseconds = digits(text, 20, fraction) * 10 ** (3 - fraction);
  }
  const time =
    Date.UTC(
      digits(text, 0, 4) + 400,
      digits(text, 5, 2) - 1,
      digits(text, 8, 2),
      digits(text, 11, 2),
      digits(text, 14, 2) - offsetMinutes(text, end),
      digits(text, 17, 2),
      milliseconds,
    ) - FOUR_CENTURIES_MS;
  return Number.isNaN(time) ? undefined : new Date(time);
}

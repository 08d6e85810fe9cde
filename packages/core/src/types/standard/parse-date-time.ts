// The RFC 3339 date-time that ajv-formats accepts: `T`, `t` or a space between date and time, a fraction of
// any length, `Z`, `z`, `+hh`, `+hhmm` or `+hh:mm`. `Date.parse` does not take all of these.
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt\s](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/;

/**
 * Parses an RFC 3339 date-time (already checked by the `date-time` format) into a `Date`, to the
 * millisecond (a longer fraction is truncated; a leap second becomes the next second). `undefined` when the
 * text is not one.
 */
export function parseDateTime(text: string): Date | undefined {
  const parts = DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = parts;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute) - offset, Number(second), Number(fraction.slice(0, 3).padEnd(3, '0')));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

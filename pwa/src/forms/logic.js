// JSON Logic with Campo's date operations: the twin of backend/campo/formdefs/logic.py.
//
// Dates travel as ISO strings ("2026-11-22"). Every operation answers null when an input is
// missing or not a valid date, and never throws, so a rule over incomplete answers is simply not
// decided. The conformance vectors (forms/coe/vectors/) hold both sides to the same results.
// Dates are handled as plain year/month/day numbers: no Date object, so no time zone can move them.
import jsonLogic from "../../vendor/json-logic.js";

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLength(year, month) {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

// Days since 0001-01-01 (day 1), as Python's date.toordinal().
function toOrdinal({ year, month, day }) {
  const y = year - 1;
  let days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  for (let m = 1; m < month; m += 1) days += monthLength(year, m);
  return days + day;
}

function fromOrdinal(ordinal) {
  if (!Number.isFinite(ordinal) || ordinal < 1 || ordinal > 3652059) return null;
  // 3652059 is 9999-12-31, Python's date.max.
  let year = Math.max(1, Math.floor(ordinal / 365.2425));
  while (toOrdinal({ year: year + 1, month: 1, day: 1 }) <= ordinal) year += 1;
  while (toOrdinal({ year, month: 1, day: 1 }) > ordinal) year -= 1;
  let rest = ordinal - toOrdinal({ year, month: 1, day: 1 });
  let month = 1;
  while (rest >= monthLength(year, month)) {
    rest -= monthLength(year, month);
    month += 1;
  }
  return { year, month, day: rest + 1 };
}

function validDay(year, month, day) {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= monthLength(year, month)
  );
}

// Python 3.11's date.fromisoformat on a 10-character string: YYYY-MM-DD or the ISO week date
// YYYY-Www-D.
export function asDate(value) {
  if (typeof value !== "string" || value.length !== 10) return null;
  let match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number);
    return validDay(year, month, day) ? { year, month, day } : null;
  }
  match = /^([0-9]{4})-W([0-9]{2})-([0-9])$/.exec(value);
  if (match) {
    const [year, week, weekday] = match.slice(1).map(Number);
    if (year < MIN_YEAR || week < 1 || weekday < 1 || weekday > 7) return null;
    const jan4 = toOrdinal({ year, month: 1, day: 4 });
    // Python: date(y, 1, 4).weekday() (Monday = 0); 0001-01-01 (ordinal 1) was a Monday.
    const mondayOfWeek1 = jan4 - ((jan4 - 1) % 7);
    const lastWeek = (() => {
      const dec28 = toOrdinal({ year, month: 12, day: 28 });
      const monday = dec28 - ((dec28 - 1) % 7);
      return (monday - mondayOfWeek1) / 7 + 1;
    })();
    if (week > lastWeek) return null;
    return fromOrdinal(mondayOfWeek1 + (week - 1) * 7 + (weekday - 1));
  }
  return null;
}

function asInt(value) {
  if (typeof value !== "number" || !Number.isInteger(value)) return null;
  return value;
}

function iso(day) {
  if (!day) return null;
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

// day moved by whole months, clamped to a shorter month's end (Jan 31 + 1 = Feb 28/29);
// null when the result leaves the years 1..9999 (Python raises there).
export function shiftMonths(day, months) {
  const index = day.month - 1 + months;
  const year = day.year + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return { year, month, day: Math.min(day.day, monthLength(year, month)) };
}

function compare(a, b) {
  return toOrdinal(a) - toOrdinal(b);
}

function guard(operation) {
  return function guarded(...args) {
    try {
      return operation(...args);
    } catch {
      return null;
    }
  };
}

export function addMonths(day, months) {
  const start = asDate(day);
  const count = asInt(months);
  if (start === null || count === null) return null;
  return iso(shiftMonths(start, count));
}

export function addDays(day, days) {
  const start = asDate(day);
  const count = asInt(days);
  if (start === null || count === null) return null;
  return iso(fromOrdinal(toOrdinal(start) + count));
}

// Whole months from first to second: the largest n with first + n months <= second.
export function monthsBetween(first, second) {
  const start = asDate(first);
  const end = asDate(second);
  if (start === null || end === null) return null;
  let months = (end.year - start.year) * 12 + end.month - start.month;
  for (;;) {
    const shifted = shiftMonths(start, months);
    if (shifted === null) return null;
    if (compare(shifted, end) <= 0) break;
    months -= 1;
  }
  for (;;) {
    const next = shiftMonths(start, months + 1);
    if (next === null) return null;
    if (compare(next, end) > 0) break;
    months += 1;
  }
  return months;
}

export function daysBetween(first, second) {
  const start = asDate(first);
  const end = asDate(second);
  if (start === null || end === null) return null;
  return toOrdinal(end) - toOrdinal(start);
}

// Age in whole years on day (a 29 February birthday is reached on 28 February in common years).
export function ageOn(birth, day) {
  const born = asDate(birth);
  const on = asDate(day);
  if (born === null || on === null) return null;
  if (compare(on, born) < 0) return -1;
  const months = monthsBetween(birth, day);
  return months === null ? null : Math.floor(months / 12);
}

export function dayBeforeBirthday(birth, years) {
  const born = asDate(birth);
  const count = asInt(years);
  if (born === null || count === null) return null;
  const birthday = shiftMonths(born, 12 * count);
  if (birthday === null) return null;
  return iso(fromOrdinal(toOrdinal(birthday) - 1));
}

function dates(values) {
  return values.map(asDate).filter((day) => day !== null);
}

export function earliest(...values) {
  const days = dates(values);
  if (!days.length) return null;
  return iso(days.reduce((a, b) => (compare(b, a) < 0 ? b : a)));
}

export function latest(...values) {
  const days = dates(values);
  if (!days.length) return null;
  return iso(days.reduce((a, b) => (compare(b, a) > 0 ? b : a)));
}

// Python's str.isspace() characters (str.split() and str.strip() use them).
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_SPACES = new RegExp(`[${PY_SPACE}]+`, "gu");
const PY_EDGES = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "gu");

// Python's str.strip().
export function pyStrip(text) {
  return text.replace(PY_EDGES, "");
}

// campo.lib.text.fold: lower-cased, unaccented, single-spaced ("Núñez  Peña" -> "nunez pena").
export function fold(text) {
  if (!text) return "";
  const bare = text.normalize("NFKD").replace(/\p{Mn}/gu, "");
  const folded = bare.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
  return folded.split(PY_SPACES).filter(Boolean).join(" ");
}

export function sameText(first, second) {
  if (typeof first !== "string" || typeof second !== "string") return false;
  const left = fold(first);
  const right = fold(second);
  return Boolean(left) && left === right;
}

export const CUSTOM_OPERATIONS = {
  add_months: guard(addMonths),
  add_days: guard(addDays),
  months_between: guard(monthsBetween),
  days_between: guard(daysBetween),
  age_on: guard(ageOn),
  day_before_birthday: guard(dayBeforeBirthday),
  earliest: guard(earliest),
  latest: guard(latest),
  same_text: guard((a, b) => sameText(a, b) || false),
};

for (const [name, operation] of Object.entries(CUSTOM_OPERATIONS)) {
  jsonLogic.add_operation(name, operation);
}

export class ExpressionError extends Error {}

// Evaluate a JSON Logic expression over data; throw ExpressionError if it cannot be.
export function evaluate(expression, data) {
  try {
    return jsonLogic.apply(expression, data);
  } catch (error) {
    throw new ExpressionError(String(error && error.message ? error.message : error));
  }
}

// JSON Logic's truthiness (an empty list is false), as json-logic-js defines it.
export function truthy(value) {
  return jsonLogic.truthy(value);
}

// Checking answers against a form definition: the twin of backend/campo/formdefs/answers.py.
//
// Drafts are checked for shape and types only (a draft may be incomplete); a submission is also
// checked for every required, relevant answer. Text is trimmed and blank text counts as missing,
// here and on the server alike.
import { ExpressionError, evaluate, pyStrip, truthy } from "./logic.js";

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// Stable codes; the app words them in ../problems.js.
export const UNKNOWN = "field.unknown";
export const REQUIRED = "field.required";
export const NOT_TEXT = "field.not_text";
export const TOO_LONG = "field.too_long";
export const BAD_FORMAT = "field.bad_format";
export const NOT_DATE = "field.not_date";
export const NOT_BOOLEAN = "field.not_boolean";
export const NOT_IN_LIST = "field.not_in_list";
export const NOT_OBJECT = "section.not_object";
export const NOT_LIST = "section.not_list";
export const TOO_FEW = "section.too_few";
export const TOO_MANY = "section.too_many";

export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function has(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

const patterns = new Map();
function fullMatch(pattern, text) {
  if (!patterns.has(pattern)) patterns.set(pattern, new RegExp(`^(?:${pattern})$`, "u"));
  return patterns.get(pattern).test(text);
}

// A definition document (GET /api/v1/forms/coe -> definition) indexed for checking.
export function buildForm(document) {
  const sections = document.sections.map((section) => ({
    key: section.key,
    label: section.label,
    help: section.help,
    repeat: section.repeat ? [section.repeat.min, section.repeat.max] : null,
    fields: section.fields.map((spec) => ({
      section: section.key,
      key: spec.key,
      type: spec.type,
      spec,
      required: has(spec, "required") ? spec.required : false,
      relevant: has(spec, "relevant") ? spec.relevant : true,
    })),
    spec: section,
  }));
  const codes = {};
  for (const [name, list] of Object.entries(document.code_lists)) {
    codes[name] = list.map((entry) => entry.code);
  }
  return {
    formId: document.form_id,
    version: document.version,
    document,
    sections,
    codes,
    rules: document.rules,
    derived: document.derived,
    section(key) {
      return sections.find((section) => section.key === key) || null;
    },
  };
}

function fieldOf(section, key) {
  return section.fields.find((field) => field.key === key) || null;
}

function blank(value) {
  return value === null || value === undefined || (typeof value === "string" && !pyStrip(value));
}

// Python's len() counts code points.
function length(text) {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}

export function typeProblem(field, value, codes) {
  const spec = field.spec;
  if (field.type === "text" || field.type === "textarea") {
    if (typeof value !== "string") return NOT_TEXT;
    const text = pyStrip(value);
    if (length(text) > spec.max_length) return TOO_LONG;
    if (has(spec, "pattern") && !fullMatch(spec.pattern, text)) return BAD_FORMAT;
  } else if (field.type === "date") {
    if (typeof value !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return NOT_DATE;
    const [year, month, day] = value.split("-").map(Number);
    const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28];
    const monthDays = [...days, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]) {
      return NOT_DATE;
    }
    if (year < MIN_YEAR || year > MAX_YEAR) return NOT_DATE;
  } else if (field.type === "boolean") {
    if (typeof value !== "boolean") return NOT_BOOLEAN;
  } else if (field.type === "choice") {
    if (!(typeof value === "string" && codes[spec.codes].includes(value))) return NOT_IN_LIST;
  }
  return null;
}

// The answers with text trimmed and blank text as null (what rules and relevance see).
export function normalized(answers) {
  function clean(value) {
    if (isObject(value)) {
      const result = {};
      for (const [key, item] of Object.entries(value)) result[key] = clean(item);
      return result;
    }
    if (Array.isArray(value)) return value.map(clean);
    if (typeof value === "string") return pyStrip(value) || null;
    return value === undefined ? null : value;
  }
  return isObject(answers) ? clean(answers) : {};
}

// The data every expression is evaluated over.
export function context(answers, today, options = {}) {
  const { child, index = 0, derived, childDerived, childrenDerived } = options;
  const data = {
    answers,
    today,
    derived: derived || {},
    children_derived: childrenDerived || [],
  };
  if (child !== undefined && child !== null) {
    data.child = child;
    data.child_index = index;
    data.child_derived = childDerived || {};
  }
  return data;
}

export function holds(expression, data) {
  try {
    return truthy(evaluate(expression, data));
  } catch (error) {
    if (error instanceof ExpressionError) return true; // a broken condition must not hide a field
    throw error;
  }
}

// Every problem with answers; with complete also every missing required answer.
// A problem is {path: "children.0.birth_date", code: "field.required"}.
export function validateAnswers(form, answers, { today, complete }) {
  if (!isObject(answers)) return [{ path: "answers", code: NOT_OBJECT }];
  const problems = [];
  const known = new Set(form.sections.map((section) => section.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push({ path: key, code: UNKNOWN });
  }
  const view = normalized(answers);
  for (const section of form.sections) {
    const value = has(answers, section.key) ? answers[section.key] : null;
    if (section.repeat === null) {
      problems.push(...checkGroup(form, section, value, view, today, complete, {}));
    } else {
      problems.push(...checkRepeat(form, section, value, view, today, complete));
    }
  }
  return problems;
}

function checkGroup(form, section, value, view, today, complete, { prefix, child, index = 0 }) {
  const where = prefix || section.key;
  const group = value === null || value === undefined ? {} : value;
  if (!isObject(group)) return [{ path: where, code: NOT_OBJECT }];
  const problems = [];
  for (const key of Object.keys(group)) {
    if (fieldOf(section, key) === null) problems.push({ path: `${where}.${key}`, code: UNKNOWN });
  }
  const data = context(view, today, { child, index });
  for (const field of section.fields) {
    const answer = has(group, field.key) ? group[field.key] : null;
    if (blank(answer)) {
      if (complete && holds(field.relevant, data) && holds(field.required, data)) {
        problems.push({ path: `${where}.${field.key}`, code: REQUIRED });
      }
      continue;
    }
    const code = typeProblem(field, answer, form.codes);
    if (code !== null) problems.push({ path: `${where}.${field.key}`, code });
  }
  return problems;
}

function checkRepeat(form, section, value, view, today, complete) {
  const entries = value === null || value === undefined ? [] : value;
  if (!Array.isArray(entries)) return [{ path: section.key, code: NOT_LIST }];
  const [minimum, maximum] = section.repeat;
  const problems = [];
  if (entries.length > maximum) return [{ path: section.key, code: TOO_MANY }];
  if (complete && entries.length < minimum) problems.push({ path: section.key, code: TOO_FEW });
  const views = Array.isArray(view[section.key]) ? view[section.key] : [];
  entries.forEach((entry, index) => {
    let childView = index < views.length ? views[index] : {};
    childView = isObject(childView) ? childView : {};
    problems.push(
      ...checkGroup(form, section, entry, view, today, complete, {
        prefix: `${section.key}.${index}`,
        child: childView,
        index,
      }),
    );
  });
  return problems;
}

// Each answered group (a section, or one child) with the data its expressions see.
function groups(form, view, today) {
  const found = [];
  for (const section of form.sections) {
    const value = has(view, section.key) ? view[section.key] : null;
    if (section.repeat === null) {
      if (isObject(value)) found.push([section, value, context(view, today)]);
    } else if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        if (isObject(entry)) found.push([section, entry, context(view, today, { child: entry, index })]);
      });
    }
  }
  return found;
}

// What the rules judge: the normalized answers without the ones the form would not keep.
// An answer that does not fit its field counts as missing; then every answer that is not
// relevant is removed (set to null), in the definition's order.
export function relevantView(form, answers, { today }) {
  const view = normalized(answers);
  for (const [section, group] of groups(form, view, today)) {
    for (const field of section.fields) {
      const value = has(group, field.key) ? group[field.key] : null;
      if (value !== null && typeProblem(field, value, form.codes)) group[field.key] = null;
    }
  }
  for (const [section, group, data] of groups(form, view, today)) {
    for (const field of section.fields) {
      if (has(group, field.key) && !holds(field.relevant, data)) group[field.key] = null;
    }
  }
  return view;
}

// Is this field asked at all, given the answers so far? (what the wizard shows)
export function isRelevant(field, view, today, { child, index } = {}) {
  return holds(field.relevant, context(view, today, { child, index }));
}

export function isRequired(field, view, today, { child, index } = {}) {
  return holds(field.required, context(view, today, { child, index }));
}

// A COE on the tablet: the draft being filled in, its evaluation, and the words for problems.
import { t, pick } from "./i18n.js";
import { isObject } from "./forms/answers.js";
import { evaluateAnswers } from "./forms/evaluate.js";
import { stateToday } from "./reference.js";

export const SIGNER_ROLES = ["interviewee", "recruiter"];

function defaults(section) {
  const values = {};
  for (const field of section.fields) {
    if (field.spec.default !== undefined) values[field.key] = field.spec.default;
  }
  return values;
}

export function newChild(form) {
  return defaults(form.section("children"));
}

// A new draft, with its client-made id from the first moment: the same id goes to the server.
export function newDraft(form, { owner, language }) {
  const answers = {};
  for (const section of form.sections) {
    if (!section.fields.length) continue;
    answers[section.key] = section.repeat ? [newChild(form)] : defaults(section);
  }
  if (answers.interview) answers.interview.interview_date = stateToday();
  const now = Date.now();
  return {
    id: crypto.randomUUID(),
    owner,
    created_at: now,
    updated_at: now,
    form_version: form.version,
    language,
    answers,
    signatures: {},
    matches: {},
    base_version: null,
    server_version: null,
    origin: "new",
    step: 0,
  };
}

export function evaluateDraft(form, draft, { complete = false } = {}) {
  return evaluateAnswers(form, draft.answers, { today: stateToday(), complete });
}

// Drop what the form would not keep before sending: empty strings become absent.
// A draft made from the server's copy of a COE (a returned one, or the server's side of a
// conflict): the recruiter goes on from the server's version.
export function draftFromServer(form, coe, owner, origin) {
  const draft = newDraft(form, { owner, language: coe.language });
  return Object.assign(draft, {
    id: coe.id,
    answers: coe.answers,
    form_version: coe.form_version,
    base_version: coe.version,
    server_version: coe.version,
    origin,
    decision_reasons: coe.decision_reasons || [],
    decision_reason_labels: coe.decision_reason_labels || [],
    decision_comment: coe.decision_comment || null,
  });
}

// A COE's status on the server, in words, and the badge style that goes with it.
export function statusWords(status) {
  const words = {
    draft: [t("Saved on the server, not submitted"), "waiting"],
    submitted: [t("Submitted: waiting for review"), "info"],
    approved: [t("Approved"), "success"],
    returned: [t("Returned for correction"), "warning"],
    rejected: [t("Not approved"), "danger"],
  };
  return words[status] || [status, "info"];
}

export function answersToSend(answers) {
  function clean(value) {
    if (Array.isArray(value)) return value.map(clean);
    if (isObject(value)) {
      const out = {};
      for (const [key, item] of Object.entries(value)) {
        if (item === null || item === undefined) continue;
        if (typeof item === "string" && !item.trim()) continue;
        out[key] = clean(item);
      }
      return out;
    }
    return value;
  }
  return clean(answers);
}

export function familyName(answers) {
  const family = (answers && answers.family) || {};
  const parent = [family.parent1_first_name, family.parent1_last_name].filter(Boolean).join(" ");
  const other = [family.parent2_first_name, family.parent2_last_name].filter(Boolean).join(" ");
  return parent || other || t("Family without a name yet");
}

export function childNames(answers) {
  const children = Array.isArray(answers && answers.children) ? answers.children : [];
  return children
    .map((child) => [child.first_name, child.last_name1].filter(Boolean).join(" "))
    .filter(Boolean);
}

export function childLabel(child, index) {
  const name = [child && child.first_name, child && child.last_name1].filter(Boolean).join(" ");
  return name || t("Child %(number)s", { number: index + 1 });
}

const FIELD_MESSAGES = {
  "field.required": () => t("This answer is required."),
  "field.not_text": () => t("This answer must be text."),
  "field.too_long": () => t("This answer is too long."),
  "field.bad_format": () => t("This answer is not in the expected format."),
  "field.not_date": () => t("This is not a valid date."),
  "field.not_boolean": () => t("Choose yes or no."),
  "field.not_in_list": () => t("Choose one of the options."),
  "field.unknown": () => t("This answer is not part of the form."),
  "section.too_few": () => t("Add at least one child."),
  "section.too_many": () => t("There are too many entries here."),
  "section.not_object": () => t("This part of the certificate could not be read."),
  "section.not_list": () => t("This part of the certificate could not be read."),
  "signature.required": () => t("This signature is missing."),
  "signature.empty": () => t("The signature is empty. Please sign again."),
  "signature.malformed": () => t("The signature could not be read. Please sign again."),
  "signature.too_large": () => t("The signature has too many strokes. Please clear it and sign again."),
  "signature.out_of_bounds": () => t("The signature goes off the pad. Please sign again."),
  "signature.time_backwards": () => t("The signature could not be read. Please sign again."),
  "signature.dot": () => t("That is only a dot. Please sign with your full signature."),
  "signature.line": () => t("That is only a straight line. Please sign with your full signature."),
};

export function problemMessage(code, fallback) {
  const words = FIELD_MESSAGES[code];
  return words ? words() : fallback || code;
}

// A field path ("children.1.birth_date") in words: "Child 2 · Birth date".
export function pathLabel(form, path, answers) {
  const parts = path.split(".");
  const section = form.section(parts[0]);
  if (!section) {
    if (parts[0] === "signatures") {
      return parts[1] === "recruiter" ? t("Recruiter's signature") : t("Interviewee's signature");
    }
    return path;
  }
  if (section.repeat) {
    if (parts.length < 2) return pick(section.label);
    const index = Number(parts[1]);
    const child = ((answers && answers.children) || [])[index];
    const field = parts[2] && section.fields.find((f) => f.key === parts[2]);
    return [childLabel(child, index), field ? pick(field.spec.label) : ""].filter(Boolean).join(" · ");
  }
  const field = parts[1] && section.fields.find((f) => f.key === parts[1]);
  return [pick(section.label), field ? pick(field.spec.label) : ""].filter(Boolean).join(" · ");
}

// Just the field's own label ("Birth date"), for lists already grouped by step.
export function fieldLabel(form, path) {
  const parts = path.split(".");
  if (parts[0] === "signatures") {
    return parts[1] === "recruiter" ? t("Recruiter's signature") : t("Interviewee's signature");
  }
  const section = form.section(parts[0]);
  if (!section) return path;
  const key = section.repeat ? parts[2] : parts[1];
  const field = key && section.fields.find((f) => f.key === key);
  return field ? pick(field.spec.label) : pick(section.label);
}

// A rule's message from the definition, in the current language.
export function ruleMessage(form, code) {
  const rule = form.rules.find((r) => r.code === code);
  return rule ? pick(rule.message) : code;
}

// Which step a path belongs to (see wizard steps): the section key and the child index.
export function pathStep(path) {
  const parts = path.split(".");
  return { section: parts[0], child: parts[0] === "children" && parts[1] ? Number(parts[1]) : null };
}

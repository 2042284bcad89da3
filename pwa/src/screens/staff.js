// Pieces shared by the reviewers' and regional staff's screens: status words, attention flags,
// answers shown read-only with the form's labels, and the message when the server is not there.
// These screens read the server directly: review needs the server's state, not the tablet's.
import { ApiError, LoginNeeded, NetworkError } from "../api.js";
import { formatDate, pick, t } from "../i18n.js";
import { h, icon } from "../ui.js";

export function statusWords(status) {
  return (
    {
      draft: [t("Draft"), "waiting"],
      submitted: [t("Waiting for review"), "info"],
      approved: [t("Approved"), "success"],
      returned: [t("Returned for correction"), "warning"],
      rejected: [t("Not approved"), "danger"],
    }[status] || [status, "info"]
  );
}

export function statusBadge(status) {
  const [text, kind] = statusWords(status);
  return h("span", { class: `badge badge-${kind}`, dataset: { status } }, text);
}

// The server's flags, already in the reader's language; "attention" ones stand out.
export function flagList(flags, { compact = false } = {}) {
  if (!flags || !flags.length) return compact ? h("span", { class: "muted small" }, t("Nothing flagged")) : null;
  return h(
    "ul",
    { class: `flags ${compact ? "flags-compact" : ""}` },
    flags.map((flag) =>
      h(
        "li",
        { class: `flag flag-${flag.severity}`, dataset: { code: flag.code } },
        icon(flag.severity === "attention" ? "alert" : "check"),
        h("span", {}, flag.label),
      ),
    ),
  );
}

// Why a screen could not load, in words, with what to do.
export function loadFailure(error) {
  let text = t("The server could not be reached. This screen needs a connection.");
  if (error instanceof LoginNeeded) text = t("Your sign-in has expired. Sign in again to continue.");
  else if (error instanceof ApiError && error.status === 404) text = t("This certificate was not found in your region.");
  else if (error instanceof ApiError) text = error.message;
  else if (!(error instanceof NetworkError)) text = String((error && error.message) || error);
  return h("div", { class: "banner banner-warning inline", role: "alert" }, icon("off"), h("span", {}, text));
}

function optionLabel(form, field, value) {
  const options = (form.document.code_lists || {})[field.spec.codes] || [];
  const found = options.find((option) => option.code === value);
  return found ? pick(found.label) : String(value);
}

// One answer as a person reads it: yes/no, the code's label, a formatted date, or the text.
export function answerText(form, field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("Yes") : t("No");
  if (field.spec.codes) return optionLabel(form, field, value);
  if (field.type === "date") return formatDate(value);
  return String(value);
}

function answerList(form, section, values, changed) {
  const rows = section.fields
    .filter((field) => values[field.key] !== undefined && values[field.key] !== null && values[field.key] !== "")
    .map((field) =>
      h(
        "div",
        { class: `answer ${changed && changed.has(field.key) ? "answer-changed" : ""}` },
        h("dt", {}, pick(field.spec.label)),
        h("dd", {}, answerText(form, field, values[field.key])),
      ),
    );
  return rows.length ? h("dl", { class: "answers" }, rows) : h("p", { class: "muted" }, t("No answers in this part."));
}

// Every answer of a COE, section by section and child by child, read-only.
export function answersView(form, answers) {
  const parts = [];
  for (const section of form.sections) {
    if (!section.fields.length) continue;
    if (section.repeat) {
      (answers[section.key] || []).forEach((child, index) => {
        const name = [child.first_name, child.last_name1, child.last_name2].filter(Boolean).join(" ");
        parts.push(
          h(
            "section",
            { class: "answers-part", "aria-label": name || t("Child %(number)s", { number: index + 1 }) },
            h("h4", {}, t("Child %(number)s", { number: index + 1 }), name ? `: ${name}` : ""),
            answerList(form, section, child),
          ),
        );
      });
    } else {
      parts.push(h("section", { class: "answers-part" }, h("h4", {}, pick(section.label)), answerList(form, section, answers[section.key] || {})));
    }
  }
  return h("div", { class: "answers-view" }, parts);
}

export function when(iso) {
  return iso ? formatDate(iso) : "—";
}

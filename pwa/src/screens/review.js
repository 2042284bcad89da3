// The supervisor's work: the queue of submitted certificates (oldest first, with what needs
// attention flagged by the server), and one certificate read-only as it was signed, with the
// rule results, signatures and duplicate candidates, and the decision: approve (the reviewer
// signs on the glass), return (reasons and a comment) or reject. A state admin may reopen.
import { ApiError, call, publicGet } from "../api.js";
import { signaturePad } from "../components/signature.js";
import { formatDate, formatDateTime, pick, t } from "../i18n.js";
import { formVersion } from "../reference.js";
import { h, icon, toast } from "../ui.js";
import { downloadList } from "./regional.js";
import { answersView, flagList, loadFailure, statusBadge, when } from "./staff.js";

// The decision being prepared, kept across re-renders (a language switch loses nothing).
const pending = { id: null, decision: null, reasons: new Set(), comment: "", strokes: null, reopen: "" };
let pad = null;

function resetPending(id) {
  Object.assign(pending, { id, decision: null, reasons: new Set(), comment: "", strokes: null, reopen: "" });
}

// -- the queue ----------------------------------------------------------------------------

function queueRow(row) {
  const waited = row.days_waiting ?? 0;
  return h(
    "li",
    { class: "record queue-row", dataset: { id: row.id } },
    h(
      "div",
      { class: "record-main" },
      h("a", { class: "record-title", href: `#/review/${row.id}` }, row.family_name || t("Family")),
      h("div", { class: "record-meta" }, row.child_names.join(", ") || "—"),
      h(
        "div",
        { class: "record-meta" },
        t("By %(name)s", { name: row.recruiter_name || "—" }),
        " · ",
        t("Submitted %(date)s", { date: formatDate(row.submitted_at) }),
      ),
      flagList(row.flags, { compact: true }),
    ),
    h(
      "div",
      { class: "record-side" },
      h("span", { class: `waited ${waited > 14 ? "waited-long" : waited > 7 ? "waited-mid" : ""}` }, t("%(days)s days waiting", { days: waited })),
      h("a", { class: "button secondary small", href: `#/review/${row.id}` }, t("Review")),
    ),
  );
}

async function renderQueue(main) {
  main.dataset.title = t("Review queue");
  main.append(h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("Review queue")), h("p", { class: "lead" }, t("Certificates waiting for your decision, the oldest first.")))));
  let rows;
  let total = 0;
  try {
    const response = await call("GET", "/api/v1/review/queue?page_size=100");
    rows = response.body;
    total = JSON.parse(response.headers.get("X-Pagination") || "{}").total ?? rows.length;
  } catch (error) {
    main.append(loadFailure(error));
    return;
  }
  const attention = rows.filter((row) => row.flags.some((flag) => flag.severity === "attention")).length;
  main.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "queue-title" },
      h(
        "div",
        { class: "card-head" },
        h("h2", { id: "queue-title" }, t("Waiting for review"), " ", h("span", { class: "count", id: "queue-count" }, String(total))),
        attention ? h("span", { class: "badge badge-warning" }, t("Needing attention: %(count)s", { count: attention })) : null,
        h("button", { type: "button", class: "button secondary small", id: "queue-csv", onclick: () => downloadList("status=submitted&sort=submitted") }, t("Download CSV")),
      ),
      rows.length ? h("ul", { class: "records", id: "queue-list" }, rows.map(queueRow)) : h("p", { class: "empty" }, t("Nothing is waiting for review.")),
    ),
  );
}

// -- one certificate ------------------------------------------------------------------------

function ruleSection(view) {
  const failed = view.rules.filter((rule) => rule.outcome === "fail" || rule.outcome === "error");
  const passed = view.rules.filter((rule) => rule.outcome === "pass").length;
  const item = (rule) =>
    h(
      "li",
      { class: `rule ${rule.severity === "error" ? "rule-error" : "rule-warning"}`, dataset: { code: rule.code } },
      h("span", { class: "rule-kind" }, rule.severity === "error" ? t("Fails") : t("Check")),
      h("span", { class: "rule-text" }, rule.child !== null && rule.child !== undefined ? h("strong", {}, t("Child %(number)s", { number: rule.child + 1 }), ": ") : null, rule.message),
    );
  return h(
    "section",
    { class: "card inner", "aria-labelledby": "rules-title", id: "rules" },
    h("h3", { id: "rules-title" }, t("Eligibility rules")),
    failed.length ? h("ul", { class: "rules" }, failed.map(item)) : h("p", { class: "feedback-fine" }, icon("check"), t("No rule fails or asks for a check.")),
    h("p", { class: "muted small" }, t("Rules that pass: %(count)s", { count: passed })),
  );
}

function commentsSection(view, form) {
  if (!view.comments_required.length) return null;
  const section = form.section("comments");
  const label = (key) => {
    const field = section && section.fields.find((f) => f.key === key);
    return field ? pick(field.spec.label) : key;
  };
  const comments = view.coe.answers.comments || {};
  return h(
    "section",
    { class: "card inner", "aria-labelledby": "comments-title", id: "required-comments" },
    h("h3", { id: "comments-title" }, t("Comments the rules require")),
    h(
      "ul",
      { class: "rules" },
      view.comments_required.map((need) =>
        h(
          "li",
          { class: `rule ${need.given ? "" : "rule-error"}`, dataset: { key: need.key } },
          h("span", { class: "rule-kind" }, need.given ? t("Written") : t("Missing")),
          h("span", { class: "rule-text" }, h("strong", {}, label(need.key)), need.given ? [": ", comments[need.key]] : null),
        ),
      ),
    ),
  );
}

function childrenSection(view) {
  const rows = view.children.map((child) => {
    const open = child.candidates.filter((c) => c.band === "likely" || c.band === "possible");
    let duplicate = h("span", { class: "muted" }, t("No likely match"));
    if (child.match_decision === "linked") duplicate = h("span", { class: "badge badge-success" }, t("Linked to a known child"));
    else if (child.match_decision === "new") duplicate = h("span", { class: "badge badge-success" }, t("Confirmed as a new child"));
    else if (open.length) duplicate = h("span", { class: "badge badge-warning" }, t("Possible matches: %(count)s", { count: open.length }));
    return h(
      "tr",
      { dataset: { position: String(child.position) } },
      h(
        "th",
        { scope: "row" },
        child.name || t("Child %(number)s", { number: child.position + 1 }),
        h("div", { class: "muted small" }, t("Born %(date)s", { date: formatDate(child.birth_date) || "—" })),
        child.statewide_number ? h("div", { class: "muted small" }, child.statewide_number) : null,
      ),
      h("td", {}, formatDate(child.eligibility_end_date) || "—"),
      h("td", {}, duplicate, child.candidates.length ? h("div", {}, h("a", { class: "button ghost small", href: `#/duplicates/${view.coe.id}/${child.position}` }, t("Compare"))) : null),
    );
  });
  return h(
    "section",
    { class: "card inner", "aria-labelledby": "children-title", id: "children" },
    h("h3", { id: "children-title" }, t("Children and duplicate check")),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Children and duplicate check") },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Child")), h("th", { scope: "col" }, t("End of eligibility")), h("th", { scope: "col" }, t("Duplicate check")))),
        h("tbody", {}, rows),
      ),
    ),
  );
}

function signaturesSection(view) {
  const words = { interviewee: t("Interviewee"), recruiter: t("Recruiter"), reviewer: t("Reviewer") };
  return h(
    "section",
    { class: "card inner", "aria-labelledby": "signatures-title", id: "signatures" },
    h("h3", { id: "signatures-title" }, t("Signatures")),
    h(
      "ul",
      { class: "rules" },
      view.signatures.map((s) =>
        h(
          "li",
          { class: `rule ${s.current ? "" : "rule-error"}`, dataset: { role: s.role, current: String(s.current) } },
          h("span", { class: "rule-kind" }, words[s.role] || s.role),
          h("span", { class: "rule-text" }, h("strong", {}, s.signer_name || "—"), h("span", { class: "muted small signed-at" }, formatDateTime(s.signed_at))),
          h("span", { class: `badge ${s.current ? "badge-success" : "badge-danger"}` }, s.current ? t("Matches the answers") : t("No longer matches")),
        ),
      ),
    ),
  );
}

function decisionSummary(view) {
  const coe = view.coe;
  if (!["approved", "returned", "rejected"].includes(coe.status)) return null;
  return h(
    "section",
    { class: "card inner decision-done", id: "decision-done" },
    h("h3", {}, t("Decision")),
    h("p", {}, statusBadge(coe.status), " ", t("By %(name)s", { name: view.decided_by_name || "—" }), " · ", formatDateTime(coe.decided_at)),
    (coe.decision_reason_labels || []).length ? h("ul", { class: "reason-list" }, coe.decision_reason_labels.map((r) => h("li", {}, r.label))) : null,
    coe.decision_comment ? h("blockquote", { class: "comment" }, coe.decision_comment) : null,
  );
}

async function send(view, body, context, successText) {
  try {
    await call("POST", `/api/v1/coes/${view.coe.id}/review`, body);
  } catch (error) {
    let text = error instanceof ApiError ? error.message : t("The server could not be reached. Nothing was decided; try again.");
    if (error instanceof ApiError && error.code === "coe.duplicates_unresolved") text = t("A child may already be known. Compare and link or confirm each one first.");
    toast(text, { kind: "warning", timeout: 7000 });
    return;
  }
  resetPending(null);
  toast(successText, { kind: "success" });
  context.navigate("#/review");
}

// A refusal said on the tablet goes away as soon as the reviewer changes something.
function clearError() {
  const error = document.getElementById("decision-error");
  if (error) error.textContent = "";
}

function reasonPicker(reasons, decision) {
  return h(
    "fieldset",
    { class: "reasons" },
    h("legend", { class: "field-label" }, decision === "reject" ? t("Why is it not eligible?") : t("What must be corrected?")),
    h(
      "div",
      { class: "reason-grid" },
      reasons.map((reason) =>
        h(
          "label",
          { class: "choice" },
          h("input", {
            type: "checkbox",
            name: "reason",
            value: reason.code,
            id: `reason-${reason.code}`,
            checked: pending.reasons.has(reason.code),
            onchange: (event) => {
              if (event.target.checked) pending.reasons.add(reason.code);
              else pending.reasons.delete(reason.code);
              clearError();
            },
          }),
          h("span", {}, reason.label),
        ),
      ),
    ),
  );
}

function decisionPanel(view, reasons, context) {
  if (!view.can_decide) {
    const own = view.coe.status === "submitted" && context.session && view.coe.recruiter_id === context.session.user.id;
    return own ? h("section", { class: "card decision", id: "decision-own" }, h("p", { class: "notice" }, t("You wrote this certificate, so another reviewer decides it."))) : null;
  }
  const body = h("div", { class: "decision-body" });
  const choose = (decision) => {
    pending.decision = decision;
    context.rerender({ keepPlace: true });
  };
  const choices = [
    ["approve", t("Approve"), "success"],
    ["return", t("Return for correction"), "warning"],
    ["reject", t("Reject: not eligible"), "danger"],
  ];
  const picker = h(
    "div",
    { class: "decision-choices", role: "group", "aria-label": t("Decision") },
    choices.map(([value, text, kind]) =>
      h("button", { type: "button", id: `decide-${value}`, class: `decision-choice decision-${kind}`, "aria-pressed": String(pending.decision === value), onclick: () => choose(value) }, text),
    ),
  );
  if (pending.decision === "approve") {
    const statement = view.reviewer_statement || {};
    pad = signaturePad({
      id: "signature-reviewer",
      label: t("Reviewer's signature"),
      existing: pending.strokes,
      onSigned: (signature) => {
        pending.strokes = signature;
        const button = document.getElementById("approve");
        if (button) button.disabled = !signature;
      },
      onCleared: () => {
        pending.strokes = null;
        const button = document.getElementById("approve");
        if (button) button.disabled = true;
      },
    });
    body.append(
      h("h4", {}, statement.title || t("Reviewer's signature")),
      h("p", { class: "statement" }, statement.text || ""),
      pad.element,
      h(
        "button",
        {
          type: "button",
          class: "button primary large",
          id: "approve",
          disabled: !pending.strokes,
          onclick: () => send(view, { decision: "approve", reviewer_strokes: pending.strokes.strokes }, context, t("Approved and signed.")),
        },
        icon("check"),
        t("Approve and sign"),
      ),
    );
  } else if (pending.decision === "return" || pending.decision === "reject") {
    pad = null;
    const decision = pending.decision;
    const comment = h("textarea", {
      id: "decision-comment",
      rows: 3,
      maxlength: 2000,
      oninput: (event) => {
        pending.comment = event.target.value;
        clearError();
      },
    });
    comment.value = pending.comment;
    const error = h("p", { class: "form-error", id: "decision-error", role: "alert" });
    body.append(
      reasonPicker(reasons, decision),
      h("label", { class: "field-label", for: "decision-comment" }, decision === "return" ? t("Comment for the recruiter") : t("Comment")),
      h("p", { class: "field-help" }, t("Required with “Other”. The recruiter reads it in the app.")),
      comment,
      error,
      h(
        "button",
        {
          type: "button",
          class: `button ${decision === "reject" ? "danger" : "primary"} large`,
          id: decision === "return" ? "return" : "reject",
          onclick: () => {
            const chosen = [...pending.reasons];
            if (!chosen.length || (chosen.includes("other") && !pending.comment.trim())) {
              error.textContent = t("Please give at least one reason, and a comment for “Other”.");
              return;
            }
            const words = decision === "return" ? t("Returned to the recruiter.") : t("Rejected.");
            send(view, { decision, reasons: chosen, comment: pending.comment.trim() || null }, context, words);
          },
        },
        decision === "return" ? t("Return to the recruiter") : t("Reject the certificate"),
      ),
    );
  } else {
    pad = null;
    body.append(h("p", { class: "muted" }, t("Choose a decision. Approving asks for your signature.")));
  }
  return h("section", { class: "card decision", "aria-labelledby": "decision-title", id: "decision" }, h("h2", { id: "decision-title" }, t("Your decision")), picker, body);
}

function reopenPanel(view, context) {
  if (!view.can_reopen) return null;
  const reason = h("textarea", { id: "reopen-reason", rows: 3, maxlength: 2000, oninput: (event) => (pending.reopen = event.target.value) });
  reason.value = pending.reopen;
  const error = h("p", { class: "form-error", role: "alert" });
  const reopen = async () => {
    if (!pending.reopen.trim()) {
      error.textContent = t("Please say why this certificate is reopened.");
      return;
    }
    try {
      await call("POST", `/api/v1/coes/${view.coe.id}/reopen`, { reason: pending.reopen.trim() });
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : t("The server could not be reached. Try again.");
      return;
    }
    resetPending(view.coe.id);
    toast(t("Reopened: the certificate is back in the review queue."), { kind: "success" });
    context.rerender();
  };
  return h(
    "section",
    { class: "card decision", id: "reopen" },
    h("h2", {}, t("Reopen this decision")),
    h("p", { class: "muted" }, t("The certificate goes back to the review queue. Numbers already issued are kept. This is recorded in the audit trail.")),
    h("label", { class: "field-label", for: "reopen-reason" }, t("Why is it reopened?")),
    reason,
    error,
    h("button", { type: "button", class: "button secondary", id: "reopen-button", onclick: reopen }, t("Reopen")),
  );
}

async function renderOne(main, context, id) {
  if (pending.id !== id) resetPending(id);
  let view;
  let reasons;
  try {
    [view, reasons] = await Promise.all([call("GET", `/api/v1/review/coes/${id}`).then((r) => r.body), publicGet("/api/v1/review-reasons").then((r) => r.body)]);
  } catch (error) {
    main.dataset.title = t("Review");
    main.append(h("a", { class: "back-link", href: "#/review" }, icon("back"), t("Review queue")), loadFailure(error));
    return;
  }
  const coe = view.coe;
  const form = await formVersion(coe.form_version);
  const family = coe.answers.family || {};
  const title = [family.parent1_first_name, family.parent1_last_name].filter(Boolean).join(" ") || t("Family");
  main.dataset.title = t("Review: %(family)s", { family: title });
  const parts = [
    h("a", { class: "back-link", href: "#/review" }, icon("back"), t("Review queue")),
    h(
      "div",
      { class: "page-head" },
      h(
        "div",
        {},
        h("h1", { id: "review-title" }, title),
        h("p", { class: "lead" }, t("By %(name)s", { name: view.recruiter_name || "—" }), " · ", t("Submitted %(date)s", { date: when(coe.submitted_at) }), " · ", t("Version %(version)s", { version: coe.version })),
      ),
      statusBadge(coe.status),
    ),
    view.flags.length ? h("section", { class: "card attention", "aria-labelledby": "flags-title", id: "flags" }, h("h2", { id: "flags-title" }, t("Needs your attention")), flagList(view.flags)) : null,
    h(
      "div",
      { class: "review-grid" },
      h(
        "div",
        { class: "review-main" },
        ruleSection(view),
        form ? commentsSection(view, form) : null,
        childrenSection(view),
        signaturesSection(view),
        h("section", { class: "card inner", "aria-labelledby": "answers-title", id: "answers" }, h("h3", { id: "answers-title" }, t("Answers as signed")), form ? answersView(form, coe.answers) : h("p", { class: "muted" }, t("The form of this certificate could not be loaded."))),
      ),
      h("div", { class: "review-side" }, decisionSummary(view), decisionPanel(view, reasons, context), reopenPanel(view, context)),
    ),
  ];
  main.append(...parts.filter(Boolean));
}

export async function render(main, context, where) {
  if (where.id) await renderOne(main, context, where.id);
  else await renderQueue(main);
}

export function mounted() {
  if (pad) pad.mount();
}

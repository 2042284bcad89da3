// A COE's child side by side with each child the duplicate check found: field by field, the
// differences marked (in words and colour), the matcher's explanation; then link (same child:
// it keeps its statewide number), confirm new, or undo. Every decision is audited by the server,
// and the history of this child's decisions is shown.
import { ApiError, call } from "../api.js";
import { formatDate, formatDateTime, t } from "../i18n.js";
import { ask, h, icon, toast } from "../ui.js";
import { loadFailure } from "./staff.js";

const SEX = () => ({ female: t("Female"), male: t("Male") });

function shown(field, value) {
  if (value === null || value === undefined || value === "") return h("span", { class: "muted" }, "—");
  if (field === "birth_date") return formatDate(value);
  if (field === "sex") return SEX()[value] || value;
  return value;
}

// Same, spelled differently (accents or case only), not given on either side, or different.
function compared(field) {
  if (field.differs) return h("span", { class: "badge badge-warning" }, icon("alert"), t("Differs"));
  if (!field.submitted && !field.candidate) return h("span", { class: "muted small" }, t("Not given"));
  if (field.submitted !== field.candidate) return h("span", { class: "badge badge-info" }, icon("check"), t("Same, spelled differently"));
  return h("span", { class: "badge badge-success" }, icon("check"), t("Same"));
}

// CA00000000037 as people read it: CA-0000000003-7.
function displayNumber(number) {
  return (number || "").replace(/^([A-Z]{2})(\d{10})(\d)$/, "$1-$2-$3");
}

function bandWords(band) {
  return { likely: t("Likely the same child"), possible: t("Possibly the same child"), unlikely: t("Unlikely the same child") }[band] || band;
}

function historyWords(event) {
  return {
    "coe_child.linked": t("Linked to a known child"),
    "coe_child.confirmed_new": t("Confirmed as a new child"),
    "coe_child.decision_undone": t("Decision undone"),
  }[event.action] || event.action;
}

async function act(method, path, body, done) {
  try {
    await call(method, path, body);
  } catch (error) {
    toast(error instanceof ApiError ? error.message : t("The server could not be reached. Try again."), { kind: "warning", timeout: 7000 });
    return;
  }
  done();
}

function candidateCard(comparison, candidate, index, context) {
  const base = `/api/v1/coes/${comparison.coe_id}/children/${comparison.position}`;
  const linkedHere = comparison.match_decision === "linked" && comparison.child_id === candidate.child_id;
  const link = async () => {
    const sure = await ask(t("Link as the same child?"), {
      detail: t("The child keeps statewide number %(number)s and its history joins this certificate.", { number: displayNumber(candidate.statewide_number) }),
      confirm: t("Link"),
    });
    if (!sure) return;
    await act("POST", `${base}/link`, { child_id: candidate.child_id }, () => {
      toast(t("Linked. The child keeps number %(number)s.", { number: displayNumber(candidate.statewide_number) }), { kind: "success" });
      context.rerender({ keepPlace: true });
    });
  };
  const rows = candidate.fields.map((field) =>
    h(
      "tr",
      { class: field.differs ? "differs" : "same", dataset: { field: field.field } },
      h("th", { scope: "row" }, field.label),
      h("td", {}, shown(field.field, field.submitted)),
      h("td", {}, shown(field.field, field.candidate)),
      h("td", { class: "verdict-cell" }, compared(field)),
    ),
  );
  const notes = candidate.comparisons.filter((c) => c.note);
  return h(
    "section",
    { class: `card candidate ${linkedHere ? "candidate-linked" : ""}`, "aria-labelledby": `candidate-${index}-title`, dataset: { childId: candidate.child_id } },
    h(
      "div",
      { class: "card-head" },
      h(
        "div",
        {},
        h("h2", { id: `candidate-${index}-title` }, t("Known child %(number)s", { number: displayNumber(candidate.statewide_number) })),
        h("p", { class: "muted" }, bandWords(candidate.band), " · ", t("Score %(score)s of 100", { score: candidate.score }), " · ", t("Differences: %(count)s", { count: candidate.differences.length })),
      ),
      linkedHere
        ? h("span", { class: "badge badge-success", id: "linked-badge" }, icon("check"), t("Linked to this child"))
        : comparison.can_resolve && !comparison.match_decision
          ? h("button", { type: "button", class: "button primary", id: `link-${index}`, onclick: link }, t("Same child: link"))
          : null,
    ),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Known child %(number)s", { number: displayNumber(candidate.statewide_number) }) },
      h(
        "table",
        { class: "side-by-side" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Field")), h("th", { scope: "col" }, t("On this certificate")), h("th", { scope: "col" }, t("Known child")), h("th", { scope: "col" }, t("Compared")))),
        h("tbody", {}, rows),
      ),
    ),
    notes.length ? h("details", { class: "matcher-notes" }, h("summary", {}, t("How the match was judged")), h("ul", {}, notes.map((c) => h("li", {}, c.note)))) : null,
  );
}

export async function render(main, context, where) {
  main.dataset.title = t("Compare with known children");
  const back = h("a", { class: "back-link", href: `#/review/${where.id}` }, icon("back"), t("Back to the certificate"));
  let comparison;
  try {
    comparison = (await call("GET", `/api/v1/coes/${where.id}/children/${where.position}/comparison`)).body;
  } catch (error) {
    main.append(back, loadFailure(error));
    return;
  }
  const base = `/api/v1/coes/${comparison.coe_id}/children/${comparison.position}`;
  const submitted = comparison.submitted;
  const name = [submitted.first_name, submitted.last_name1, submitted.last_name2].filter(Boolean).join(" ");
  const refresh = () => context.rerender({ keepPlace: true });
  let state;
  if (comparison.match_decision === "linked") state = t("Linked to a known child");
  else if (comparison.match_decision === "new") state = t("Confirmed as a new child");
  else state = t("Not resolved yet");
  const actions = [];
  if (comparison.can_resolve && comparison.match_decision) {
    actions.push(
      h("button", { type: "button", class: "button secondary", id: "undo", onclick: () => act("DELETE", `${base}/decision`, undefined, () => { toast(t("Undone. The history keeps both decisions.")); refresh(); }) }, t("Undo this decision")),
    );
  }
  if (comparison.can_resolve && !comparison.match_decision) {
    actions.push(
      h("button", { type: "button", class: "button secondary", id: "confirm-new", onclick: () => act("POST", `${base}/confirm-new`, undefined, () => { toast(t("Confirmed as a new child."), { kind: "success" }); refresh(); }) }, t("None of these: a new child")),
    );
  }
  const parts = [
    back,
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, name || t("Child %(number)s", { number: comparison.position + 1 })), h("p", { class: "lead" }, t("Compared with the children the state already knows."))),
    ),
    h(
      "section",
      { class: "card resolution", id: "resolution", dataset: { decision: comparison.match_decision || "none" } },
      h("h2", {}, t("Decision: %(state)s", { state })),
      comparison.match_decided_by_name ? h("p", { class: "muted" }, t("By %(name)s", { name: comparison.match_decided_by_name }), " · ", formatDateTime(comparison.match_decided_at)) : null,
      actions.length ? h("div", { class: "actions-row" }, actions) : null,
      comparison.can_resolve ? null : h("p", { class: "muted" }, t("This certificate is decided: its children can no longer be linked or confirmed.")),
    ),
    comparison.candidates.length
      ? comparison.candidates.map((candidate, index) => candidateCard(comparison, candidate, index, context))
      : h("p", { class: "empty" }, t("The duplicate check found no known child like this one.")),
    comparison.history.length
      ? h(
          "section",
          { class: "card", "aria-labelledby": "history-title", id: "history" },
          h("h2", { id: "history-title" }, t("History")),
          h(
            "ol",
            { class: "history" },
            comparison.history.map((event) => h("li", {}, h("strong", {}, historyWords(event)), " · ", event.actor_name || "—", " · ", formatDateTime(event.occurred_at))),
          ),
        )
      : null,
  ];
  main.append(...parts.flat().filter(Boolean));
}

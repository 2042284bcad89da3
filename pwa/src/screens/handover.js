// Regional staff bring in a tablet's sealed file of unsent certificates (see ../handover.js).
import { ApiError, NetworkError, call } from "../api.js";
import { t } from "../i18n.js";
import { h, icon } from "../ui.js";

export const IMPORTER_ROLES = ["supervisor", "regional_staff", "state_admin"];

const OUTCOME_LABELS = {
  submitted: () => t("Received and submitted for review"),
  already_received: () => t("Already received before"),
  refused: () => t("Refused"),
  invalid: () => t("Not readable"),
};

function report(body) {
  const rows = body.records.map((record) =>
    h(
      "li",
      { class: "record", dataset: { id: record.id || "", outcome: record.outcome } },
      h(
        "div",
        { class: "record-main" },
        h("div", { class: "record-title" }, OUTCOME_LABELS[record.outcome] ? OUTCOME_LABELS[record.outcome]() : record.outcome),
        h("div", { class: "record-meta mono" }, record.id || "—"),
        record.message ? h("p", { class: "record-note" }, record.message) : null,
        record.problems && record.problems.length
          ? h("ul", { class: "problems" }, record.problems.map((problem) => h("li", {}, problem.message)))
          : null,
      ),
    ),
  );
  const counts = body.counts;
  return h(
    "section",
    { class: "card", id: "handover-report", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, t("From the tablet of %(name)s", { name: body.owner.full_name })),
    h(
      "p",
      { class: "lead" },
      t("Submitted: %(submitted)s · Already here: %(already)s · Refused: %(refused)s", {
        submitted: counts.submitted,
        already: counts.already_received,
        refused: counts.refused + counts.invalid,
      }),
    ),
    h("ul", { class: "records" }, rows),
  );
}

export async function render(main, context) {
  main.dataset.title = t("Import a tablet's file");
  const role = context.session.user.role;
  if (!IMPORTER_ROLES.includes(role)) {
    main.append(h("section", { class: "card" }, h("h1", {}, t("Import a tablet's file")), h("p", {}, t("Your role does not allow this action."))));
    return;
  }
  const error = h("p", { class: "form-error", id: "handover-error", role: "alert" });
  const result = h("div", { id: "handover-result" });
  const input = h("input", { type: "file", id: "handover-file", accept: ".json,application/json" });
  const button = h("button", { type: "submit", class: "button primary", id: "handover-import" }, icon("send"), t("Import"));
  const form = h(
    "form",
    {
      class: "handover-form",
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = "";
        const file = input.files && input.files[0];
        if (!file) {
          error.textContent = t("Choose the file the recruiter saved.");
          return;
        }
        let envelope;
        try {
          envelope = JSON.parse(await file.text());
        } catch {
          error.textContent = t("This file is not a Campo export, or it is damaged.");
          return;
        }
        button.disabled = true;
        try {
          const { body } = await call("POST", "/api/v1/handover/imports", envelope);
          result.replaceChildren(report(body));
        } catch (failure) {
          if (failure instanceof NetworkError) error.textContent = t("There is no connection. Importing a file needs one.");
          else if (failure instanceof ApiError) error.textContent = failure.message;
          else throw failure;
        } finally {
          button.disabled = false;
        }
      },
    },
    h("label", { for: "handover-file" }, t("The sealed file from the tablet")),
    input,
    error,
    button,
  );
  main.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "handover-title" },
      h("h1", { id: "handover-title" }, t("Import a tablet's file")),
      h("p", { class: "lead" }, t("A recruiter whose tablet could not sync saved its unsent certificates to a sealed file. Only this server can open it. Each certificate is checked and submitted as if the tablet had sent it; nothing is counted twice.")),
      form,
    ),
    result,
    h("p", {}, h("a", { href: "#/", class: "button ghost" }, icon("back"), t("Back"))),
  );
}

// The MSIX exchange, for state admins: the state's MDE file of the children added or changed
// since a day (checked against the layout before it is sent), and another state's file imported
// whole or not at all, with the lines to correct when it does not fit (docs/MSIX.md).
import { ApiError } from "../api.js";
import { formatDateTime, t } from "../i18n.js";
import { stateToday } from "../reference.js";
import { clear, h, icon } from "../ui.js";
import { download, upload } from "./files.js";

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const last = { since: null }; // the day chosen, kept across re-renders while the app is open

function daysBefore(iso, days) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

function failureText(error) {
  if (error instanceof ApiError) return error.message;
  return t("The server could not be reached. This screen needs a connection.");
}

// The problems a file (ours or theirs) has, line by line.
function problemTable(id, problems, { child = false } = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "list-table", id },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("Line")),
          child ? h("th", { scope: "col" }, t("Statewide number")) : null,
          h("th", { scope: "col" }, t("Element")),
          h("th", { scope: "col" }, t("Problem")),
        ),
      ),
      h(
        "tbody",
        {},
        problems.map((problem) =>
          h(
            "tr",
            { dataset: { code: problem.code } },
            h("td", {}, String(problem.line ?? "—")),
            child ? h("td", {}, problem.statewide_number || "—") : null,
            h("td", {}, h("code", {}, (problem.path || "").replace(/^line\.\d+\./, ""))),
            h("td", {}, problem.message),
          ),
        ),
      ),
    ),
  );
}

function failureView(id, error, options) {
  const problems = (error instanceof ApiError && error.problems) || [];
  const fields = error instanceof ApiError ? Object.values(error.fields || {}).flat() : [];
  return h(
    "div",
    { id },
    h("p", { class: "banner banner-warning inline banner-line", role: "alert" }, icon("alert"), h("span", {}, [failureText(error), ...fields].join(" "))),
    problems.length ? problemTable(`${id}-problems`, problems, options) : null,
  );
}

function exportCard() {
  const result = h("div", { id: "export-result", "aria-live": "polite" });
  const since = h("input", { id: "msix-since", name: "since", type: "date", required: true, value: last.since, max: stateToday() });
  const form = h(
    "form",
    { id: "export-form", novalidate: true },
    h("div", { class: "field" }, h("label", { class: "field-label", for: "msix-since" }, t("Children added or changed since")), since),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary", id: "msix-export" }, t("Download the MDE file"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    last.since = since.value;
    clear(result);
    if (!since.value) {
      result.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert" }, icon("alert"), h("span", {}, t("Please choose a day."))));
      return;
    }
    const button = form.querySelector("#msix-export");
    button.disabled = true;
    try {
      const { headers, name } = await download(`/api/v1/msix/export?since=${encodeURIComponent(since.value)}`, "msix.csv");
      result.append(
        h(
          "p",
          { class: "banner banner-info inline banner-line", role: "status", id: "export-done" },
          icon("check"),
          h("span", {}, t("%(name)s: %(students)s children, %(records)s lines.", { name, students: headers.get("X-MSIX-Students") || "0", records: headers.get("X-MSIX-Records") || "0" })),
        ),
      );
    } catch (error) {
      result.append(failureView("export-error", error, { child: true }));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "export-title" },
    h("h2", { id: "export-title" }, t("Send our children to MSIX")),
    h("p", { class: "muted" }, t("The file holds every child added or changed since the day, checked against the MSIX layout before it is made.")),
    form,
    result,
  );
}

function importResult(body) {
  const facts = [
    [t("State"), body.submitting_state],
    [t("Students"), body.students],
    [t("Lines"), body.records],
    [t("Lines matched to our children"), body.matched_records],
    [t("Imported"), formatDateTime(body.imported_at)],
  ];
  return h(
    "div",
    { id: "import-done", dataset: { created: String(body.created) } },
    h(
      "p",
      { class: "banner banner-info inline banner-line", role: "status" },
      icon("check"),
      h("span", {}, body.created ? t("The file was imported.") : t("This file was imported before: nothing changed.")),
    ),
    h("dl", { class: "facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, String(value))])),
  );
}

function importCard() {
  const result = h("div", { id: "import-result", "aria-live": "polite" });
  const file = h("input", { id: "msix-file", name: "file", type: "file", accept: ".csv,.txt,text/csv,text/plain", required: true });
  const form = h(
    "form",
    { id: "import-form", novalidate: true },
    h("div", { class: "field" }, h("label", { class: "field-label", for: "msix-file" }, t("Another state's MDE file")), file),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary", id: "msix-import" }, t("Import the file"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(result);
    const chosen = file.files && file.files[0];
    if (!chosen) {
      result.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert" }, icon("alert"), h("span", {}, t("Please choose a file."))));
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      result.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert" }, icon("alert"), h("span", {}, t("This file is too large."))));
      return;
    }
    const button = form.querySelector("#msix-import");
    button.disabled = true;
    try {
      const { body } = await upload("/api/v1/msix/imports", await chosen.text());
      result.append(importResult(body));
    } catch (error) {
      result.append(failureView("import-error", error));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "import-title" },
    h("h2", { id: "import-title" }, t("Import another state's file")),
    h("p", { class: "muted" }, t("Every line is imported, or none: when a line does not fit the layout, nothing is imported and the lines to correct are listed.")),
    form,
    result,
  );
}

export async function render(main, context) {
  main.dataset.title = t("MSIX");
  if (!last.since) last.since = daysBefore(stateToday(), 30);
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, t("MSIX exchange")), h("p", { class: "lead" }, t("The records of migrant children between states, through the Migrant Student Information Exchange."))),
    ),
  );
  if (context.session.user.role !== "state_admin") {
    main.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert", id: "msix-refused" }, icon("alert"), h("span", {}, t("Only state administrators exchange files with MSIX."))));
    return;
  }
  main.append(h("div", { class: "dashboard" }, exportCard(), importCard()));
  context.setCleanup(() => {});
}

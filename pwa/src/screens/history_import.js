// A region's batch of history records from a CSV file (regional staff: their region; a state
// admin chooses the region). The server checks every row before it writes any: the file is
// imported whole, or refused whole with every row's errors, which this screen lists by line and
// column. Online only; the file is read by the browser and sent as it is.
import { ApiError, LoginNeeded, call } from "../api.js";
import { t } from "../i18n.js";
import { clear, h } from "../ui.js";
import { upload } from "./files.js";
import { canWrite, historyKinds } from "./history_edit.js";

function errorText(error) {
  if (error instanceof LoginNeeded) return t("Your sign-in has expired. Sign in again, then import again.");
  if (error instanceof ApiError) return error.message;
  return t("Importing needs a connection. Nothing was imported: try again when you are online.");
}

// The file as it is (the server reads its encoding and separator).
async function importFile(kind, regionId, file) {
  const query = regionId ? `?region_id=${encodeURIComponent(regionId)}` : "";
  return (await upload(`/api/v1/history/${kind}/import${query}`, file)).body;
}

function columns(kind) {
  return ["statewide_number", "id", ...kind.fields.map((field) => field.key)];
}

// What a column holds, in words.
function describe(field, codes) {
  if (field.type === "date") return t("A date, as YYYY-MM-DD");
  if (field.type === "boolean" || field.type === "check") return t("true or false");
  if (field.type === "number") return t("A number from 0 to 99, such as 2.5");
  if (field.type === "select") return (codes[field.codes] || []).map((entry) => `${entry.code}: ${entry.label}`).join("; ");
  if (field.key === "school_year") return t("Two years, such as 2025-2026");
  return t("Text of at most %(count)s characters", { count: field.max });
}

function columnTable(kind, codes) {
  const rows = [
    ["statewide_number", true, t("The child's statewide student number")],
    ["id", false, t("Only to correct a record already imported: its id. Leave empty to add a record.")],
    ...kind.fields.map((field) => [field.key, Boolean(field.required), `${field.label}. ${describe(field, codes)}`]),
  ];
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Columns of the file") },
    h(
      "table",
      { class: "history-table import-columns", id: "import-columns" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Column")), h("th", { scope: "col" }, t("Required")), h("th", { scope: "col" }, t("What it holds")))),
      h(
        "tbody",
        {},
        rows.map(([name, required, text]) => h("tr", {}, h("th", { scope: "row" }, h("code", {}, name)), h("td", {}, required ? t("Yes") : t("No")), h("td", {}, text))),
      ),
    ),
  );
}

function downloadTemplate(kind) {
  const blob = new Blob([`${columns(kind).join(",")}\r\n`], { type: "text/csv" });
  const link = h("a", { href: URL.createObjectURL(blob), download: `${kind.name}-template.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

function showResult(box, result) {
  clear(box).append(
    h(
      "div",
      { class: "banner inline banner-info", id: "import-done", role: "status" },
      t("The file was imported: %(rows)s rows, %(created)s records added, %(updated)s corrected.", {
        rows: result.rows,
        created: result.created,
        updated: result.updated,
      }),
    ),
  );
}

function showRefusal(box, error) {
  clear(box).append(h("p", { class: "banner inline banner-warning", id: "import-refused", role: "alert" }, errorText(error)));
  const problems = error instanceof ApiError ? error.problems : [];
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  if (problems.length) {
    box.append(
      h("p", { class: "muted" }, t("Line 1 is the header line; the first record is on line 2.")),
      h(
        "div",
        { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Errors by line") },
        h(
          "table",
          { class: "history-table", id: "import-errors" },
          h("caption", {}, t("Errors by line")),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Line")), h("th", { scope: "col" }, t("Column")), h("th", { scope: "col" }, t("Error")))),
          h(
            "tbody",
            {},
            problems.map((problem) =>
              h("tr", { dataset: { line: String(problem.line) } }, h("td", {}, String(problem.line)), h("td", {}, h("code", {}, problem.field)), h("td", {}, problem.message)),
            ),
          ),
        ),
      ),
    );
  } else if (fields.length) {
    box.append(h("ul", { id: "import-field-errors" }, fields.map(([name, messages]) => h("li", {}, h("code", {}, name), ": ", messages.join(" ")))));
  }
}

export async function render(main, context) {
  main.dataset.title = t("Import history records");
  main.append(h("h1", {}, t("Import history records")));
  if (!canWrite(context.session)) {
    main.append(h("p", { class: "banner inline banner-warning", role: "alert" }, t("Only regional staff and state administrators import history records.")));
    context.setCleanup(() => {});
    return;
  }
  const stateWide = context.session.user.role === "state_admin";
  let codes;
  let regions = null;
  try {
    [codes, regions] = await Promise.all([
      call("GET", "/api/v1/history/codes").then((r) => r.body),
      stateWide ? call("GET", "/api/v1/regions").then((r) => r.body) : Promise.resolve(null),
    ]);
  } catch (error) {
    main.append(h("p", { class: "banner inline banner-warning", role: "alert", id: "import-error" }, errorText(error)));
    return;
  }
  const kinds = historyKinds();
  const kindSelect = h(
    "select",
    { id: "import-kind", name: "kind" },
    kinds.map((kind) => h("option", { value: kind.name }, kind.title)),
  );
  const regionSelect = stateWide
    ? h(
        "select",
        { id: "import-region", name: "region", "aria-describedby": "import-region-error" },
        h("option", { value: "" }, t("Choose…")),
        regions.map((region) => h("option", { value: String(region.id) }, `${region.code} · ${region.name}`)),
      )
    : null;
  const fileInput = h("input", { type: "file", id: "import-file", name: "file", accept: ".csv,text/csv", "aria-describedby": "import-file-error" });
  const fileError = h("p", { class: "field-error", id: "import-file-error", "aria-live": "polite" });
  const regionError = h("p", { class: "field-error", id: "import-region-error", "aria-live": "polite" });
  const columnBox = h("section", { class: "card", id: "import-columns-box", "aria-labelledby": "import-columns-title" });
  const result = h("div", { id: "import-result", "aria-live": "polite" }, h("p", { class: "empty" }, t("No file sent yet.")));
  const send = h("button", { type: "submit", class: "button primary", id: "import-send" }, t("Import"));
  const current = () => kinds.find((kind) => kind.name === kindSelect.value);
  const showColumns = () => {
    clear(columnBox).append(
      h("h2", { id: "import-columns-title" }, t("Columns of the file")),
      h("p", { class: "muted" }, t("A header line with these names, then one record a line. Empty cells are no value. Separated by commas, semicolons or tabs, as a spreadsheet saves it; at most 50,000 lines.")),
      columnTable(current(), codes),
    );
  };
  kindSelect.addEventListener("change", () => {
    showColumns();
    clear(result).append(h("p", { class: "empty" }, t("No file sent yet.")));
  });
  const form = h(
    "form",
    { class: "card history-import", id: "import-form", novalidate: true, "aria-labelledby": "import-form-title" },
    h("h2", { id: "import-form-title" }, t("File to import")),
    h(
      "p",
      { class: "lead" },
      t("Every line is checked before anything is written. One line with an error and nothing is imported: the errors are listed by line, to correct and import the file again."),
    ),
    stateWide || !context.session.user.region
      ? null
      : h("p", { id: "import-own-region" }, t("The records are imported for your region: %(region)s.", { region: `${context.session.user.region.code} · ${context.session.user.region.name}` })),
    h(
      "div",
      { class: "fields" },
      h("div", { class: "field" }, h("label", { class: "field-label", for: "import-kind" }, t("Kind of records")), kindSelect),
      regionSelect ? h("div", { class: "field" }, h("label", { class: "field-label", for: "import-region" }, t("Region")), regionSelect, regionError) : null,
      h("div", { class: "field" }, h("label", { class: "field-label", for: "import-file" }, t("CSV file")), fileInput, fileError),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "button secondary", id: "import-template", onclick: () => downloadTemplate(current()) }, t("Download an empty template")),
      send,
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fileError.textContent = "";
    regionError.textContent = "";
    fileInput.setAttribute("aria-invalid", "false");
    if (regionSelect) regionSelect.setAttribute("aria-invalid", "false");
    const file = fileInput.files && fileInput.files[0];
    if (regionSelect && !regionSelect.value) {
      regionError.textContent = t("Choose the region the records belong to.");
      regionSelect.setAttribute("aria-invalid", "true");
      regionSelect.focus();
      return;
    }
    if (!file) {
      fileError.textContent = t("Choose a CSV file.");
      fileInput.setAttribute("aria-invalid", "true");
      fileInput.focus();
      return;
    }
    send.disabled = true;
    clear(result).append(h("p", { class: "muted" }, t("Importing…")));
    try {
      showResult(result, await importFile(kindSelect.value, regionSelect ? regionSelect.value : null, file));
    } catch (error) {
      showRefusal(result, error);
    } finally {
      send.disabled = false;
    }
  });
  showColumns();
  main.append(form, h("section", { class: "card", "aria-labelledby": "import-result-title" }, h("h2", { id: "import-result-title" }, t("Result")), result), columnBox);
  context.setCleanup(() => {});
}

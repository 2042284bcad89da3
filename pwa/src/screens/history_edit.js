// Recording and correcting a child's history, for regional staff (their region's records) and
// state admins (any region's): the indicators, and per kind of record (enrollments, MEP services,
// academic status indicators, courses, assessments) a table with "Correct" and "Delete" and an
// "Add" form. The fields follow the API's input schemas (backend/campo/history/schemas.py); the
// selects use the server's code lists (GET /api/v1/history/codes). A correction sends only the
// fields that changed; a refused save keeps the form as it was, with the server's messages next
// to its fields. Online only, like the history itself.
import { ApiError, LoginNeeded, call } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { ask, clear, h, toast } from "../ui.js";

export const WRITER_ROLES = ["regional_staff", "state_admin"];

export function canWrite(session) {
  return Boolean(session && session.user && WRITER_ROLES.includes(session.user.role));
}

// The kinds of history records: the API's name, the fields of its input schema (in the order of
// the schema) and the columns its table shows. Labels are made when called, in the current language.
export function historyKinds() {
  const comment = { key: "comment", label: t("Comment"), type: "textarea", max: 1000 };
  return [
    {
      name: "enrollments",
      title: t("School enrollments"),
      add: t("Add an enrollment"),
      correct: t("Correct the enrollment"),
      fields: [
        { key: "enrollment_type", label: t("Enrollment type"), type: "select", codes: "enrollment_types", required: true },
        { key: "school_name", label: t("School or project"), type: "text", max: 100, required: true },
        { key: "school_id", label: t("School ID (NCES)"), type: "text", max: 12 },
        { key: "district_name", label: t("District"), type: "text", max: 60 },
        { key: "district_id", label: t("District ID (NCES)"), type: "text", max: 7 },
        { key: "grade", label: t("Grade"), type: "select", codes: "grades" },
        { key: "enrollment_date", label: t("Enrollment date"), type: "date", required: true },
        { key: "withdrawal_date", label: t("Withdrawal date"), type: "date" },
        comment,
      ],
      columns: [
        ["school_name", t("School or project")],
        ["enrollment_type", t("Enrollment type")],
        ["grade", t("Grade")],
        ["enrollment_date", t("Enrolled")],
        ["withdrawal_date", t("Withdrawn")],
      ],
    },
    {
      name: "services",
      title: t("MEP services"),
      add: t("Add a service"),
      correct: t("Correct the service"),
      fields: [
        { key: "service_type", label: t("Service"), type: "select", codes: "service_types", required: true },
        { key: "term", label: t("Term"), type: "select", codes: "terms", required: true },
        { key: "start_date", label: t("Start date"), type: "date", required: true },
        { key: "end_date", label: t("End date"), type: "date", help: t("Leave empty for a service of one day.") },
        { key: "provider", label: t("Provider"), type: "text", max: 100 },
        { key: "continuation_reason", label: t("Continuation of services"), type: "select", codes: "continuation_reasons" },
        comment,
      ],
      columns: [
        ["service_type", t("Service")],
        ["term", t("Term")],
        ["start_date", t("Start date")],
        ["end_date", t("End date")],
        ["provider", t("Provider")],
      ],
    },
    {
      name: "academic-indicators",
      title: t("Academic status indicators"),
      add: t("Add an indicator"),
      correct: t("Correct the indicator"),
      fields: [
        { key: "kind", label: t("Indicator"), type: "select", codes: "academic_indicators", required: true },
        { key: "observed_date", label: t("Observed on"), type: "date", required: true },
        { key: "resolved_date", label: t("Resolved on"), type: "date" },
        comment,
      ],
      columns: [
        ["kind", t("Indicator")],
        ["observed_date", t("Observed on")],
        ["resolved_date", t("Resolved on")],
      ],
    },
    {
      name: "courses",
      title: t("Courses and credits"),
      add: t("Add a course"),
      correct: t("Correct the course"),
      fields: [
        { key: "course_title", label: t("Course"), type: "text", max: 50, required: true },
        { key: "subject_area", label: t("Subject area"), type: "text", max: 40 },
        { key: "school_name", label: t("School"), type: "text", max: 100 },
        { key: "school_year", label: t("School year"), type: "text", max: 9, required: true, placeholder: "2025-2026" },
        { key: "term", label: t("Term"), type: "select", codes: "course_terms", required: true },
        { key: "grade_level", label: t("Grade"), type: "select", codes: "grades" },
        { key: "final_grade", label: t("Final grade"), type: "text", max: 10 },
        { key: "credits_attempted", label: t("Credits attempted"), type: "number" },
        { key: "credits_earned", label: t("Credits earned"), type: "number" },
        { key: "passed", label: t("Passed"), type: "boolean" },
        { key: "algebra1", label: t("Algebra I or equivalent"), type: "check" },
      ],
      columns: [
        ["course_title", t("Course")],
        ["school_year", t("School year")],
        ["term", t("Term")],
        ["final_grade", t("Final grade")],
        ["credits_earned", t("Credits earned")],
        ["passed", t("Passed")],
      ],
    },
    {
      name: "assessments",
      title: t("Assessments"),
      add: t("Add an assessment"),
      correct: t("Correct the assessment"),
      fields: [
        { key: "title", label: t("Assessment"), type: "text", max: 55, required: true },
        { key: "content_area", label: t("Content area"), type: "text", max: 35 },
        { key: "assessment_type", label: t("Assessment type code"), type: "text", max: 2 },
        { key: "administered_on", label: t("Date"), type: "date", required: true },
        { key: "score", label: t("Score"), type: "text", max: 40 },
        { key: "proficiency", label: t("Result"), type: "select", codes: "proficiency" },
        { key: "interpretation", label: t("Interpretation"), type: "text", max: 100 },
      ],
      columns: [
        ["title", t("Assessment")],
        ["administered_on", t("Date")],
        ["score", t("Score")],
        ["proficiency", t("Result")],
      ],
    },
  ];
}

function yesNo(value) {
  if (value === null || value === undefined) return t("Not recorded");
  return value ? t("Yes") : t("No");
}

function errorText(error) {
  if (error instanceof LoginNeeded) return t("Your sign-in has expired. Sign in again, then save again.");
  if (error instanceof ApiError) return error.message;
  return t("Saving needs a connection. Nothing was lost: try again when you are online.");
}

// The value a record holds, as the table shows it.
function shown(field, value, codes) {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "date") return formatDate(value);
  if (field.type === "select") {
    const entry = (codes[field.codes] || []).find((item) => item.code === value);
    return entry ? entry.label : value;
  }
  if (field.type === "boolean" || field.type === "check") return yesNo(value);
  return String(value);
}

// A form's value for the API from what its control holds (null: no value).
function read(field, control) {
  if (field.type === "check") return control.checked;
  const raw = control.value.trim();
  if (field.type === "boolean") return raw === "" ? null : raw === "true";
  if (raw === "") return null;
  if (field.type === "number") {
    const number = Number(raw.replace(",", "."));
    return Number.isFinite(number) ? number : raw; // the server says what is wrong with it
  }
  return raw;
}

function same(a, b) {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return a === b;
}

function control(field, id, value, describedBy, codes) {
  const common = { id, name: field.key, "aria-describedby": describedBy };
  if (field.type === "select") {
    return h(
      "select",
      common,
      h("option", { value: "" }, field.required ? t("Choose…") : t("Not recorded")),
      (codes[field.codes] || []).map((entry) => h("option", { value: entry.code, selected: value === entry.code }, entry.label)),
    );
  }
  if (field.type === "boolean") {
    return h(
      "select",
      common,
      h("option", { value: "", selected: value === null || value === undefined }, t("Not recorded")),
      h("option", { value: "true", selected: value === true }, t("Yes")),
      h("option", { value: "false", selected: value === false }, t("No")),
    );
  }
  if (field.type === "check") return h("input", { ...common, type: "checkbox", checked: Boolean(value) });
  if (field.type === "textarea") return h("textarea", { ...common, rows: 3, maxlength: field.max, value: value ?? "" });
  if (field.type === "date") return h("input", { ...common, type: "date", min: "1900-01-01", max: "2100-12-31", value: value ?? "" });
  if (field.type === "number") {
    return h("input", { ...common, type: "number", min: 0, max: 99, step: "0.01", inputmode: "decimal", value: value ?? "" });
  }
  return h("input", { ...common, type: "text", maxlength: field.max, placeholder: field.placeholder, autocomplete: "off", value: value ?? "" });
}

// One labelled control with a place for its problem; `wrapper.control` is the control.
function fieldBox(prefix, field, value, codes) {
  const id = `${prefix}-${field.key}`;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [field.help ? helpId : null, errorId].filter(Boolean).join(" ");
  const input = control(field, id, value, describedBy, codes);
  const mark = field.required
    ? h("span", { class: "required-mark" }, " ", h("span", { "aria-hidden": "true" }, "*"), h("span", { class: "visually-hidden" }, t("(required)")))
    : null;
  const label = h("label", { class: "field-label", for: id }, field.label, mark);
  const wrapper =
    field.type === "check"
      ? h("div", { class: "field field-check", dataset: { key: field.key } }, h("label", { class: "check-label", for: id }, input, h("span", {}, field.label)), h("p", { class: "field-error", id: errorId, "aria-live": "polite" }))
      : h(
          "div",
          { class: `field field-${field.type}`, dataset: { key: field.key } },
          label,
          field.help ? h("p", { class: "field-help", id: helpId }, field.help) : null,
          input,
          h("p", { class: "field-error", id: errorId, "aria-live": "polite" }),
        );
  wrapper.control = input;
  return wrapper;
}

function setProblem(box, message) {
  box.querySelector(".field-error").textContent = message || "";
  box.classList.toggle("has-error", Boolean(message));
  box.control.setAttribute("aria-invalid", message ? "true" : "false");
}

// Show a refused save: each message next to its field, the rest (and the summary) above the buttons.
function showError(error, boxes, summary) {
  for (const box of Object.values(boxes)) setProblem(box, "");
  const loose = [];
  const fields = error instanceof ApiError ? error.fields : {};
  for (const [key, messages] of Object.entries(fields)) {
    const box = boxes[key];
    if (box) setProblem(box, messages.join(" "));
    else loose.push(...messages);
  }
  summary.textContent = [errorText(error), ...loose].join(" ");
  const first = Object.values(boxes).find((box) => box.classList.contains("has-error"));
  (first ? first.control : summary).focus();
}

// The form to add a record or correct one (`record` given). Resolves nothing: it calls
// onSaved() after a save, onClose() when closed.
function recordForm({ kind, record, childId, codes, regions, defaultRegion, onSaved, onClose }) {
  const prefix = `h-${kind.name}`;
  const boxes = {};
  const fields = kind.fields.map((field) => {
    boxes[field.key] = fieldBox(prefix, field, record ? record[field.key] : field.type === "check" ? false : null, codes);
    return boxes[field.key];
  });
  let regionBox = null;
  if (!record && regions) {
    // A state admin says which region the record belongs to.
    const options = regions.map((region) => ({ code: String(region.id), label: `${region.code} · ${region.name}` }));
    regionBox = fieldBox(prefix, { key: "region_id", label: t("Region"), type: "select", codes: "regions", required: true }, defaultRegion ? String(defaultRegion) : null, { regions: options });
    boxes.region_id = regionBox;
  }
  const summary = h("p", { class: "form-error", id: `${prefix}-form-error`, role: "alert", tabindex: "-1" });
  const save = h("button", { type: "submit", class: "button primary", id: `${prefix}-save` }, t("Save"));
  const titleId = `${prefix}-form-title`;
  const form = h(
    "form",
    { class: "card inner history-form", id: `${prefix}-form`, novalidate: true, "aria-labelledby": titleId, dataset: { recordId: record ? record.id : "" } },
    h("h3", { id: titleId }, record ? kind.correct : kind.add),
    record ? h("p", { class: "muted" }, t("Only the values you change are sent.")) : null,
    h("div", { class: "fields" }, regionBox, fields),
    summary,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "button secondary", id: `${prefix}-cancel`, onclick: onClose }, t("Cancel")),
      save,
    ),
  );
  form.addEventListener("input", () => {
    form.dataset.dirty = "true";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const field of kind.fields) {
      const value = read(field, boxes[field.key].control);
      if (record) {
        if (!same(value, record[field.key])) values[field.key] = value;
      } else if (value !== null || !field.required) values[field.key] = value;
      else if (field.type === "text") values[field.key] = ""; // the server answers "required"
    }
    if (regionBox) values.region_id = regionBox.control.value ? Number(regionBox.control.value) : null;
    if (record && !Object.keys(values).length) {
      for (const box of Object.values(boxes)) setProblem(box, "");
      summary.textContent = t("Nothing was changed.");
      summary.focus();
      return;
    }
    save.disabled = true;
    summary.textContent = "";
    try {
      if (record) await call("PATCH", `/api/v1/history/${kind.name}/${record.id}`, values);
      else await call("POST", `/api/v1/children/${childId}/${kind.name}`, values);
    } catch (error) {
      save.disabled = false;
      showError(error, boxes, summary);
      return;
    }
    toast(t("Saved."), { kind: "success" });
    await onSaved();
  });
  return form;
}

// The card of one kind: the records the user may correct, and the add / correct form.
function kindSection({ kind, childId, codes, regions, defaultRegion, session, onChanged }) {
  const titleId = `edit-${kind.name}-title`;
  const list = h("div", { class: "history-records" });
  const slot = h("div", { class: "history-form-slot" });
  const addButton = h("button", { type: "button", class: "button secondary", id: `add-${kind.name}` }, kind.add);
  const stateWide = session.user.role === "state_admin";
  const section = h(
    "section",
    { class: "card history-edit", id: `edit-${kind.name}`, "aria-labelledby": titleId },
    h("div", { class: "card-head" }, h("h2", { id: titleId, tabindex: "-1" }, kind.title), addButton),
    list,
    slot,
  );
  let records = [];

  const close = () => {
    clear(slot);
    addButton.disabled = false;
  };
  const open = async (record, returnTo) => {
    // A form with typed changes is not dropped without asking.
    const shown = slot.querySelector("form");
    if (shown && shown.dataset.dirty === "true") {
      const leave = await ask(t("Leave this form without saving?"), { confirm: t("Discard the changes"), cancel: t("Keep editing"), danger: true });
      if (!leave) return;
    }
    clear(slot);
    const form = recordForm({
      kind,
      record,
      childId,
      codes,
      regions,
      defaultRegion,
      onSaved: async () => {
        close();
        await load();
        await onChanged();
        section.querySelector("h2").focus();
      },
      onClose: () => {
        close();
        (returnTo && returnTo.isConnected ? returnTo : addButton).focus();
      },
    });
    slot.append(form);
    addButton.disabled = !record;
    form.querySelector("input, select, textarea").focus();
  };
  addButton.addEventListener("click", () => open(null));

  const remove = async (record, label) => {
    const sure = await ask(t("Delete this record?"), {
      detail: `${label}. ${t("Delete only a record entered by mistake; the deletion is recorded.")}`,
      confirm: t("Delete"),
      danger: true,
    });
    if (!sure) return;
    try {
      await call("DELETE", `/api/v1/history/${kind.name}/${record.id}`);
    } catch (error) {
      toast(errorText(error), { kind: "danger" });
      return;
    }
    toast(t("Deleted."), { kind: "success" });
    if (slot.querySelector(`form[data-record-id="${record.id}"]`)) close();
    await load();
    await onChanged();
    section.querySelector("h2").focus();
  };

  const draw = () => {
    clear(list);
    if (!records.length) {
      list.append(h("p", { class: "empty" }, stateWide ? t("None recorded.") : t("Your region has recorded none.")));
      return;
    }
    const byKey = Object.fromEntries(kind.fields.map((field) => [field.key, field]));
    const regionName = (id) => {
      const region = (regions || []).find((r) => r.id === id);
      return region ? region.code : String(id);
    };
    list.append(
      h(
        "div",
        { class: "table-wrap", tabindex: "0", role: "region", "aria-label": kind.title },
        h(
          "table",
          { class: "history-table", id: `${kind.name}-records` },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              kind.columns.map(([, heading]) => h("th", { scope: "col" }, heading)),
              stateWide ? h("th", { scope: "col" }, t("Region")) : null,
              h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("Actions"))),
            ),
          ),
          h(
            "tbody",
            {},
            records.map((record) => {
              const cells = kind.columns.map(([key]) => shown(byKey[key], record[key], codes));
              const label = cells.filter((cell) => cell !== "—").slice(0, 2).join(", ");
              const correct = h("button", { type: "button", class: "button ghost small record-correct", "aria-label": `${t("Correct")}: ${label}` }, t("Correct"));
              correct.addEventListener("click", () => open(record, correct));
              return h(
                "tr",
                { dataset: { id: record.id } },
                cells.map((cell) => h("td", {}, cell)),
                stateWide ? h("td", {}, regionName(record.region_id)) : null,
                h(
                  "td",
                  { class: "record-actions" },
                  correct,
                  h("button", { type: "button", class: "button ghost small danger-text record-delete", "aria-label": `${t("Delete")}: ${label}`, onclick: () => remove(record, label) }, t("Delete")),
                ),
              );
            }),
          ),
        ),
      ),
    );
  };

  const load = async () => {
    try {
      records = (await call("GET", `/api/v1/children/${childId}/${kind.name}`)).body;
    } catch (error) {
      clear(list).append(h("p", { class: "banner banner-warning", role: "alert" }, errorText(error)));
      return;
    }
    draw();
  };
  section.load = load;
  return section;
}

const INDICATOR_FIELDS = () => [
  { key: "state_student_id", label: t("State student ID"), type: "text", max: 15 },
  { key: "english_learner", label: t("English learner"), type: "boolean" },
  { key: "iep", label: t("Individualized education program (IEP)"), type: "boolean" },
  { key: "medical_alert", label: t("Medical alert"), type: "select", codes: "medical_alerts" },
  { key: "graduation_date", label: t("Graduation date (diploma or equivalent)"), type: "date" },
];

async function indicatorsSection({ childId, codes, onChanged }) {
  const { body: stored } = await call("GET", `/api/v1/children/${childId}/indicators`);
  let current = stored;
  const fields = INDICATOR_FIELDS();
  const boxes = Object.fromEntries(fields.map((field) => [field.key, fieldBox("ind", field, current[field.key], codes)]));
  const summary = h("p", { class: "form-error", id: "ind-form-error", role: "alert", tabindex: "-1" });
  const save = h("button", { type: "submit", class: "button primary", id: "ind-save" }, t("Save the indicators"));
  const form = h(
    "form",
    { class: "card history-edit", id: "edit-indicators", novalidate: true, "aria-labelledby": "edit-indicators-title" },
    h("h2", { id: "edit-indicators-title", tabindex: "-1" }, t("Indicators")),
    h("p", { class: "muted" }, t("English learner, IEP and the other facts a school needs. Only the values you change are sent.")),
    h("div", { class: "fields" }, Object.values(boxes)),
    summary,
    h("div", { class: "actions" }, save),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const field of fields) {
      const value = read(field, boxes[field.key].control);
      if (!same(value, current[field.key])) values[field.key] = value;
    }
    for (const box of Object.values(boxes)) setProblem(box, "");
    if (!Object.keys(values).length) {
      summary.textContent = t("Nothing was changed.");
      summary.focus();
      return;
    }
    save.disabled = true;
    summary.textContent = "";
    try {
      current = (await call("PATCH", `/api/v1/children/${childId}/indicators`, values)).body;
    } catch (error) {
      save.disabled = false;
      if (error instanceof ApiError && error.code === "history.state_student_id_taken") {
        error.fields = { state_student_id: [error.message] };
      }
      showError(error, boxes, summary);
      return;
    }
    save.disabled = false;
    toast(t("Saved."), { kind: "success" });
    await onChanged();
  });
  return form;
}

// The whole editing part of the child screen; `onChanged` redraws the history above it.
export async function editor({ session, child, onChanged }) {
  const [{ body: codes }, regions] = await Promise.all([
    call("GET", "/api/v1/history/codes"),
    session.user.role === "state_admin" ? call("GET", "/api/v1/regions").then((r) => r.body) : Promise.resolve(null),
  ]);
  const box = h(
    "div",
    { class: "history-editor", id: "history-editor" },
    h("h2", { class: "section-title", id: "history-editor-title" }, t("Record and correct")),
    h(
      "p",
      { class: "lead" },
      session.user.role === "state_admin"
        ? t("Records of every region. A new record belongs to the region you choose.")
        : t("Records of your region. Another region's records are corrected by that region."),
    ),
  );
  box.append(await indicatorsSection({ childId: child.id, codes, onChanged }));
  const sections = historyKinds().map((kind) =>
    kindSection({ kind, childId: child.id, codes, regions, defaultRegion: child.region && child.region.id, session, onChanged }),
  );
  await Promise.all(sections.map((section) => section.load()));
  box.append(...sections);
  return box;
}

// Render a definition's fields as large, labelled, touch-friendly controls.
// Each control reports every keystroke through onChange(value); nothing here stores anything.
import { pick, t } from "../i18n.js";
import { h } from "../ui.js";

let counter = 0;

export function fieldId(path) {
  return `f-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

function choiceOptions(form, field) {
  return form.document.code_lists[field.spec.codes] || [];
}

function textControl(field, value, id, describedBy, onChange) {
  const spec = field.spec;
  const numeric = spec.pattern && /^\^?\[0-9\]/.test(spec.pattern);
  const attrs = {
    id,
    name: id,
    maxlength: spec.max_length,
    value: value ?? "",
    "aria-describedby": describedBy,
    autocomplete: "off",
    oninput: (event) => onChange(event.target.value),
  };
  if (field.type === "textarea") return h("textarea", { ...attrs, rows: 4 });
  return h("input", { ...attrs, type: spec.key === "phone" ? "tel" : "text", inputmode: numeric ? "numeric" : null });
}

function dateControl(value, id, describedBy, onChange) {
  return h("input", {
    id,
    name: id,
    type: "date",
    min: "1900-01-01",
    max: "2100-12-31",
    value: value ?? "",
    "aria-describedby": describedBy,
    oninput: (event) => onChange(event.target.value || null),
    onchange: (event) => onChange(event.target.value || null),
  });
}

function radios(options, value, id, describedBy, onChange) {
  const name = `${id}-${(counter += 1)}`;
  return h(
    "div",
    { class: `choices ${options.length > 3 ? "choices-stack" : ""}`, role: "radiogroup", id, "aria-describedby": describedBy },
    options.map((option, index) =>
      h(
        "label",
        { class: "choice" },
        h("input", {
          type: "radio",
          name,
          id: `${id}-${index}`,
          value: String(index),
          checked: value === option.value,
          onchange: () => onChange(option.value),
        }),
        h("span", {}, option.label),
      ),
    ),
  );
}

function selectControl(options, value, id, describedBy, onChange) {
  return h(
    "select",
    { id, name: id, "aria-describedby": describedBy, onchange: (event) => onChange(event.target.value || null) },
    h("option", { value: "" }, t("Choose…")),
    options.map((option) => h("option", { value: option.value, selected: value === option.value }, option.label)),
  );
}

// One field: its label, help, control and a place for its problem. Returns the wrapper.
export function renderField(form, field, { path, value, required, onChange }) {
  const id = fieldId(path);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const spec = field.spec;
  const help = pick(spec.help);
  const describedBy = [help ? helpId : null, errorId].filter(Boolean).join(" ");
  let control;
  const grouped = field.type === "boolean" || (field.type === "choice" && choiceOptions(form, field).length <= 4);
  if (field.type === "date") control = dateControl(value, id, describedBy, onChange);
  else if (field.type === "boolean") {
    control = radios(
      [
        { value: true, label: t("Yes") },
        { value: false, label: t("No") },
      ],
      value,
      id,
      describedBy,
      onChange,
    );
  } else if (field.type === "choice") {
    const options = choiceOptions(form, field).map((entry) => ({ value: entry.code, label: pick(entry.label) }));
    control = options.length <= 4 ? radios(options, value, id, describedBy, onChange) : selectControl(options, value, id, describedBy, onChange);
  } else control = textControl(field, value, id, describedBy, onChange);
  const label = h(
    grouped ? "span" : "label",
    grouped ? { class: "field-label", id: `${id}-label` } : { class: "field-label", for: id },
    pick(spec.label),
    h("span", { class: "required-mark", hidden: !required }, " ", h("span", { "aria-hidden": "true" }, "*"), h("span", { class: "visually-hidden" }, t("(required)"))),
  );
  if (grouped) control.setAttribute("aria-labelledby", `${id}-label`);
  const wrapper = h(
    "div",
    { class: `field field-${field.type}`, dataset: { path, key: field.key } },
    label,
    help ? h("p", { class: "field-help", id: helpId }, help) : null,
    control,
    h("p", { class: "field-error", id: errorId, "aria-live": "polite" }),
  );
  return wrapper;
}

export function setFieldProblem(wrapper, message) {
  const box = wrapper.querySelector(".field-error");
  if (box.textContent !== (message || "")) box.textContent = message || "";
  wrapper.classList.toggle("has-error", Boolean(message));
  const control = wrapper.querySelector("input:not([type=radio]), select, textarea, [role=radiogroup]");
  if (control) control.setAttribute("aria-invalid", message ? "true" : "false");
}

// The COE wizard, generated from the form definition: one step per section (family, each child,
// the move and work, comments), then the interview and signatures, then the review.
// Every answer is saved to IndexedDB as it is typed; relevance and the eligibility rules are
// evaluated live with the same rules as the server.
import { ApiError, NetworkError, call } from "../api.js";
import {
  childLabel,
  evaluateDraft,
  fieldLabel,
  familyName,
  newChild,
  pathLabel,
  problemMessage,
  ruleMessage,
} from "../coe.js";
import { signaturePad } from "../components/signature.js";
import { getDraft, getOutbox, putDraft, queueDraft } from "../db/index.js";
import { beforeLock } from "../vault.js";
import { context as exprContext, holds, normalized } from "../forms/answers.js";
import { renderField, setFieldProblem } from "../forms/render.js";
import { formatDate, pick, t } from "../i18n.js";
import { formVersion, stateToday, statements } from "../reference.js";
import { syncNow } from "../sync.js";
import { ask, clear, h, icon, toast } from "../ui.js";

const SAVE_DELAY_MS = 300;
const SIGN_SECTION = "interview";

// The COE on screen, kept in memory across re-renders (a language switch loses nothing).
const open = { id: null, draft: null, form: null, timer: null, saved: true, pads: [], duplicates: new Map() };

function steps(form, draft) {
  const list = [];
  for (const section of form.sections) {
    if (!section.fields.length || section.key === SIGN_SECTION) continue;
    if (section.repeat) {
      (draft.answers[section.key] || []).forEach((child, index) =>
        list.push({ kind: "child", section, index, title: childLabel(child, index) }),
      );
    } else list.push({ kind: "section", section, title: pick(section.label) });
  }
  list.push({ kind: "sign", section: form.section(SIGN_SECTION), title: t("Interview and signatures") });
  list.push({ kind: "review", title: t("Review and send") });
  return list;
}

function stepOfPath(list, path) {
  const [section, index] = path.split(".");
  const found = list.findIndex((step) => {
    if (step.kind === "child") return section === "children" && Number(index) === step.index;
    if (step.kind === "sign") return section === SIGN_SECTION || section === "signatures";
    return step.section && step.section.key === section;
  });
  return found === -1 ? list.length - 1 : found;
}

async function saveNow() {
  clearTimeout(open.timer);
  if (!open.draft || open.saved) return;
  open.draft.updated_at = Date.now();
  await putDraft(open.draft);
  open.saved = true;
  const indicator = document.getElementById("save-state");
  if (indicator) {
    indicator.textContent = t("Saved on this tablet");
    indicator.className = "save-state saved";
  }
}

function scheduleSave() {
  open.saved = false;
  const indicator = document.getElementById("save-state");
  if (indicator) {
    indicator.textContent = t("Saving…");
    indicator.className = "save-state saving";
  }
  clearTimeout(open.timer);
  open.timer = setTimeout(saveNow, SAVE_DELAY_MS);
}

function flushOnLeave() {
  if (document.visibilityState === "hidden") saveNow();
}

function signed(draft) {
  return Object.keys(draft.signatures || {}).length > 0;
}

// An answer changed: store it, clear signatures made on the old content, save soon.
function setAnswer(draft, step, key, value) {
  if (step.kind === "child") draft.answers.children[step.index][key] = value;
  else {
    draft.answers[step.section.key] = draft.answers[step.section.key] || {};
    draft.answers[step.section.key][key] = value;
  }
  if (signed(draft)) {
    draft.signatures = {};
    draft.signature_notice = true;
    toast(t("An answer changed after signing, so the signatures were cleared. Please sign again before sending."), { kind: "warning", timeout: 7000 });
    for (const pad of open.pads) pad.wipe();
  }
  scheduleSave();
}

function groupValue(draft, step) {
  if (step.kind === "child") return draft.answers.children[step.index] || {};
  return draft.answers[step.section.key] || {};
}

function fieldPath(step, key) {
  return step.kind === "child" ? `children.${step.index}.${key}` : `${step.section.key}.${key}`;
}

// Relevance, required marks and answer problems, refreshed after every change.
function refreshFields(container, form, draft, step) {
  const view = normalized(draft.answers);
  const today = stateToday();
  const child = step.kind === "child" ? (view.children || [])[step.index] || {} : undefined;
  const data = exprContext(view, today, { child, index: step.kind === "child" ? step.index : 0 });
  const evaluation = evaluateDraft(form, draft);
  const problems = new Map(evaluation.problems.map((p) => [p.path, p.code]));
  for (const wrapper of container.querySelectorAll(".field[data-path]")) {
    const field = step.section.fields.find((f) => f.key === wrapper.dataset.key);
    if (!field) continue;
    const relevant = holds(field.relevant, data);
    wrapper.hidden = !relevant;
    const mark = wrapper.querySelector(".required-mark");
    if (mark) mark.hidden = !(relevant && holds(field.required, data));
    const code = problems.get(wrapper.dataset.path);
    const show = code && (wrapper.dataset.touched === "1" || wrapper.classList.contains("has-error"));
    setFieldProblem(wrapper, show ? problemMessage(code) : "");
  }
  return evaluation;
}

function ruleItems(form, results) {
  return results.map((result) =>
    h(
      "li",
      { class: `rule rule-${result.severity}`, dataset: { code: result.key } },
      h("span", { class: "rule-kind" }, result.severity === "error" ? t("Must be corrected") : t("Please check")),
      h("span", { class: "rule-text" }, ruleMessage(form, result.code)),
    ),
  );
}

// Failed rules that concern this step's answers, in plain words.
function stepFeedback(form, draft, step, evaluation) {
  const concerns = (result) => {
    if (step.kind === "child") return result.child === step.index;
    if (result.child !== null) return false;
    return result.fields.some((path) => path.startsWith(`${step.section.key}.`));
  };
  const failures = evaluation.failures.filter(concerns);
  const derived = step.kind === "child" ? evaluation.children[step.index] || {} : null;
  return h(
    "section",
    { class: `feedback ${failures.some((f) => f.severity === "error") ? "feedback-error" : failures.length ? "feedback-warning" : "feedback-ok"}`, id: "step-feedback", "aria-live": "polite", "aria-labelledby": "feedback-title" },
    h("h3", { id: "feedback-title" }, t("Eligibility check")),
    failures.length
      ? h("ul", { class: "rules" }, ruleItems(form, failures))
      : h("p", { class: "feedback-fine" }, icon("check"), t("Nothing to correct in this part so far.")),
    derived && derived.eligibility_end_date
      ? h("p", { class: "derived" }, t("Eligible until %(date)s, if everything else is in order.", { date: formatDate(derived.eligibility_end_date) }))
      : null,
  );
}

function fieldsOf(form, draft, step, onChanged) {
  const values = groupValue(draft, step);
  const container = h("div", { class: "fields" });
  for (const field of step.section.fields) {
    const path = fieldPath(step, field.key);
    const wrapper = renderField(form, field, {
      path,
      value: values[field.key],
      required: false,
      onChange: (value) => {
        setAnswer(draft, step, field.key, value);
        onChanged(field.key);
      },
    });
    wrapper.addEventListener("focusout", () => {
      wrapper.dataset.touched = "1";
      onChanged(null);
    });
    container.append(wrapper);
  }
  return container;
}

function sectionStep(form, draft, step, list) {
  const body = h("div", { class: "step-body" });
  let feedback = null;
  const fields = fieldsOf(form, draft, step, (key) => {
    const evaluation = refreshFields(fields, form, draft, step);
    const next = stepFeedback(form, draft, step, evaluation);
    feedback.replaceWith(next);
    feedback = next;
    if (step.kind === "child" && (key === "first_name" || key === "last_name1")) {
      const title = document.getElementById("step-title");
      if (title) title.textContent = childLabel(draft.answers.children[step.index], step.index);
      const chip = document.querySelector(`.stepper [data-step="${list.indexOf(step)}"] .step-name`);
      if (chip) chip.textContent = childLabel(draft.answers.children[step.index], step.index);
    }
  });
  const evaluation = refreshFields(fields, form, draft, step);
  feedback = stepFeedback(form, draft, step, evaluation);
  body.append(fields, feedback);
  return body;
}

function childActions(form, draft, step, context) {
  const section = step.section;
  const [minimum, maximum] = section.repeat;
  const children = draft.answers.children;
  const add = async () => {
    await saveNow();
    children.push(newChild(form));
    if (signed(draft)) {
      draft.signatures = {};
      draft.signature_notice = true;
    }
    draft.step = steps(form, draft).findIndex((s) => s.kind === "child" && s.index === children.length - 1);
    open.saved = false;
    await saveNow();
    context.rerender();
  };
  const remove = async () => {
    const sure = await ask(t("Remove %(name)s from this certificate?", { name: childLabel(children[step.index], step.index) }), {
      detail: t("The answers about this child are erased."),
      confirm: t("Remove the child"),
      danger: true,
    });
    if (!sure) return;
    children.splice(step.index, 1);
    draft.matches = {};
    if (signed(draft)) {
      draft.signatures = {};
      draft.signature_notice = true;
    }
    draft.step = Math.max(0, draft.step - 1);
    open.saved = false;
    await saveNow();
    context.rerender();
  };
  return h(
    "div",
    { class: "child-actions" },
    children.length < maximum && step.index === children.length - 1
      ? h("button", { type: "button", class: "button secondary", id: "add-child", onclick: add }, icon("plus"), t("Add another child"))
      : null,
    children.length > minimum
      ? h("button", { type: "button", class: "button ghost", id: "remove-child", onclick: remove }, icon("trash"), t("Remove this child"))
      : null,
  );
}

function signatureNotice(draft) {
  if (!draft.signature_notice || signed(draft)) return null;
  return h("div", { class: "banner banner-warning inline", role: "alert" }, icon("alert"), h("span", {}, t("The answers changed after signing, so the signatures were cleared. The interviewee and the recruiter must sign again.")));
}

async function signStep(form, draft, step, context) {
  const texts = await statements();
  const body = h("div", { class: "step-body" });
  const fields = fieldsOf(form, draft, step, () => refreshFields(fields, form, draft, step));
  refreshFields(fields, form, draft, step);
  const languageChoice = h(
    "div",
    { class: "field" },
    h("span", { class: "field-label", id: "coe-language-label" }, t("Language of the interview")),
    h(
      "div",
      { class: "choices", role: "radiogroup", "aria-labelledby": "coe-language-label" },
      [
        ["es", "Español"],
        ["en", "English"],
      ].map(([code, name]) =>
        h(
          "label",
          { class: "choice" },
          h("input", {
            type: "radio",
            name: "coe-language",
            id: `coe-language-${code}`,
            checked: draft.language === code,
            onchange: () => {
              draft.language = code;
              if (signed(draft)) {
                draft.signatures = {};
                draft.signature_notice = true;
                context.rerender({ keepPlace: true });
              }
              scheduleSave();
            },
          }),
          h("span", { lang: code }, name),
        ),
      ),
    ),
  );
  open.pads = [];
  const pad = (role, title, text) => {
    const component = signaturePad({
      id: `signature-${role}`,
      label: title,
      existing: draft.signatures[role] || null,
      onSigned: (signature) => {
        if (signature) {
          draft.signatures[role] = { ...signature, signer_name: role === "interviewee" ? (draft.answers.interview || {}).interviewee_name || null : null };
          draft.signature_notice = false;
        } else delete draft.signatures[role];
        scheduleSave();
      },
      onCleared: () => {
        delete draft.signatures[role];
        scheduleSave();
      },
    });
    open.pads.push(component);
    return h(
      "section",
      { class: "signature-block", "aria-labelledby": `signature-${role}-title` },
      h("h3", { id: `signature-${role}-title` }, title),
      h("p", { class: "statement" }, text),
      component.element,
    );
  };
  const statement = (role) => texts[role] || { title: {}, text: {} };
  body.append(
    signatureNotice(draft) || "",
    fields,
    languageChoice,
    pad("interviewee", pick(statement("interviewee").title) || t("Interviewee's signature"), pick(statement("interviewee").text)),
    pad("recruiter", pick(statement("recruiter").title) || t("Recruiter's signature"), pick(statement("recruiter").text)),
  );
  return body;
}

function identityOf(draft, index) {
  const child = draft.answers.children[index] || {};
  const family = draft.answers.family || {};
  const clean = (value) => (typeof value === "string" && value.trim() ? value.trim() : null);
  return {
    first_name: clean(child.first_name),
    middle_name: clean(child.middle_name),
    last_name_1: clean(child.last_name1),
    last_name_2: clean(child.last_name2),
    sex: child.sex === "female" ? "F" : child.sex === "male" ? "M" : null,
    birth_date: clean(child.birth_date),
    birth_city: clean(child.birth_city),
    birth_state: clean(child.birth_state),
    birth_country: clean(child.birth_country),
    parent1_first: clean(family.parent1_first_name),
    parent1_last: clean(family.parent1_last_name),
    parent2_first: clean(family.parent2_first_name),
    parent2_last: clean(family.parent2_last_name),
  };
}

function bandWords(band) {
  if (band === "likely") return t("Likely the same child");
  if (band === "possible") return t("Possibly the same child");
  return t("Unlikely to be the same child");
}

function candidateTable(form, draft, index, candidates, rerender) {
  const entered = draft.answers.children[index] || {};
  const choice = (draft.matches || {})[index] || null;
  const choose = (match) => {
    draft.matches = { ...(draft.matches || {}), [index]: match };
    scheduleSave();
    rerender();
  };
  const sexLabel = (code) => ({ F: t("Female"), M: t("Male"), female: t("Female"), male: t("Male") })[code] || "—";
  const rows = [
    [t("Name"), [entered.first_name, entered.middle_name, entered.last_name1, entered.last_name2].filter(Boolean).join(" "), (c) => [c.first_name, c.middle_name, c.last_name1, c.last_name2].filter(Boolean).join(" ")],
    [t("Birth date"), formatDate(entered.birth_date), (c) => formatDate(c.birth_date)],
    [t("Sex"), sexLabel(entered.sex), (c) => sexLabel(c.sex)],
    [t("Birth place"), [entered.birth_city, entered.birth_country].filter(Boolean).join(", ") || "—", (c) => [c.birth_city, c.birth_country].filter(Boolean).join(", ") || "—"],
    [t("Student number"), "—", (c) => c.statewide_number],
    [t("Match"), "", (c) => [bandWords(c.band), "(" + c.score + ")"].join(" ")],
  ];
  const shown = candidates.slice(0, 3);
  return h(
    "div",
    { class: "compare" },
    h(
      "table",
      { class: "compare-table" },
      h("caption", { class: "visually-hidden" }, t("What you entered, beside children the program already knows")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, t("Entered now")), shown.map((c, i) => h("th", { scope: "col" }, t("Known child %(number)s", { number: i + 1 }))))),
      h(
        "tbody",
        {},
        rows.map(([label, mine, theirs]) => h("tr", {}, h("th", { scope: "row" }, label), h("td", {}, mine), shown.map((c) => h("td", {}, theirs(c))))),
        h(
          "tr",
          {},
          h("th", { scope: "row" }, t("Decision")),
          h("td", {}, h("button", { type: "button", class: `button small ${choice && choice.decision === "new" ? "primary" : "secondary"}`, "aria-pressed": String(Boolean(choice && choice.decision === "new")), onclick: () => choose({ decision: "new" }) }, t("New child"))),
          shown.map((c) =>
            h("td", {}, h("button", { type: "button", class: `button small ${choice && choice.child_id === c.child_id ? "primary" : "secondary"}`, "aria-pressed": String(Boolean(choice && choice.child_id === c.child_id)), onclick: () => choose({ decision: "link", child_id: c.child_id, statewide_number: c.statewide_number }) }, t("Same child"))),
          ),
        ),
      ),
    ),
    shown.some((c) => c.comparisons && c.comparisons.length)
      ? h("ul", { class: "compare-notes" }, shown.flatMap((c, i) => (c.comparisons || []).filter((x) => x.outcome !== "same").map((x) => h("li", {}, t("Known child %(number)s", { number: i + 1 }), ": ", x.note))))
      : null,
  );
}

// Drawn at once from the answers already checked; the children not checked yet are asked of the
// server in the background and the section redrawn when the answers come, so a weak signal
// never holds the review step.
function duplicateSection(form, draft, rerender) {
  const section = h("section", { class: "card inner", id: "duplicates", "aria-labelledby": "duplicates-title", "aria-live": "polite" });
  const children = () => draft.answers.children || [];
  const draw = ({ checking, offline }) => {
    clear(section);
    section.append(h("h3", { id: "duplicates-title" }, t("Is any child already known to the program?")));
    children().forEach((child, index) => {
      const identity = identityOf(draft, index);
      const label = childLabel(child, index);
      if (!identity.first_name || !identity.last_name_1 || !identity.birth_date) {
        section.append(h("p", { class: "muted" }, t("%(name)s: enter the name and birth date to check.", { name: label })));
        return;
      }
      const candidates = open.duplicates.get(JSON.stringify(identity));
      if (candidates === undefined && checking) {
        section.append(h("p", { class: "muted checking" }, t("%(name)s: checking whether the child is already known…", { name: label })));
        return;
      }
      if (!candidates) return;
      section.append(h("h4", {}, label));
      if (!candidates.length) section.append(h("p", { class: "feedback-fine" }, icon("check"), t("No known child matches. A student number is issued when the certificate is approved.")));
      else section.append(candidateTable(form, draft, index, candidates, rerender));
    });
    if (offline) {
      section.append(h("p", { class: "notice" }, t("No connection: the check runs on the server when the certificate arrives, and the reviewer sees its result.")));
    }
  };
  const unchecked = children()
    .map((_child, index) => identityOf(draft, index))
    .filter((identity) => identity.first_name && identity.last_name_1 && identity.birth_date && !open.duplicates.has(JSON.stringify(identity)));
  draw({ checking: unchecked.length > 0, offline: false });
  if (unchecked.length) {
    (async () => {
      let offline = false;
      for (const identity of unchecked) {
        try {
          const { body } = await call("POST", "/api/v1/duplicates/check", identity);
          open.duplicates.set(JSON.stringify(identity), body);
        } catch (error) {
          offline = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500) || !(error instanceof ApiError);
          if (offline) break;
        }
      }
      if (section.isConnected) draw({ checking: false, offline });
    })();
  }
  return section;
}

async function reviewStep(form, draft, list, context) {
  const evaluation = evaluateDraft(form, draft, { complete: true });
  const go = (path) => {
    draft.step = stepOfPath(list, path);
    context.rerender();
  };
  const blocking = [
    ...evaluation.problems.map((p) => ({ path: p.path, text: problemMessage(p.code) })),
    ...evaluation.failures.filter((r) => r.severity === "error").map((r) => ({ path: r.fields[0] || "", text: ruleMessage(form, r.code), code: r.key })),
  ];
  for (const role of ["interviewee", "recruiter"]) {
    if (!draft.signatures[role]) blocking.push({ path: `signatures.${role}`, text: problemMessage("signature.required") });
  }
  const warnings = evaluation.failures.filter((r) => r.severity === "warning");
  // What must be corrected, grouped by the step it is on, each group with a way to get there.
  const groups = new Map();
  for (const entry of blocking) {
    const target = stepOfPath(list, entry.path);
    if (!groups.has(target)) groups.set(target, []);
    groups.get(target).push(entry);
  }
  const grouped = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([target, entries]) =>
      h(
        "li",
        { class: "todo-group", dataset: { step: String(target) } },
        h(
          "div",
          { class: "todo-head" },
          h("h4", {}, list[target].title),
          h("button", { type: "button", class: "button secondary small", onclick: () => go(entries[0].path) }, t("Go to it")),
        ),
        h(
          "ul",
          { class: "rules" },
          entries.map((entry) =>
            h(
              "li",
              { class: "rule rule-error", dataset: { code: entry.code || entry.path } },
              h("span", { class: "rule-text" }, h("strong", {}, fieldLabel(form, entry.path)), ": ", entry.text),
            ),
          ),
        ),
      ),
    );
  const ready = blocking.length === 0;
  const queue = async () => {
    await saveNow();
    const fresh = { ...draft };
    fresh.signatures.interviewee.signer_name = (draft.answers.interview || {}).interviewee_name || null;
    const entry = {
      ...fresh,
      state: "queued",
      stage: "put",
      attempts: 0,
      queued_at: Date.now(),
      family_name: familyName(draft.answers),
    };
    delete entry.server_problems;
    await queueDraft(draft, entry);
    open.id = null;
    open.draft = null;
    toast(t("Queued. It is sent as soon as there is a connection."), { kind: "success" });
    context.navigate("#/");
    syncNow();
  };
  const server = (draft.server_problems || []).map((p) =>
    h("li", { class: "rule rule-error" }, h("span", { class: "rule-text" }, p.path ? h("strong", {}, `${pathLabel(form, p.path, draft.answers)}: `) : null, /^(R\d+|[A-Z]{2})\./.test(p.code) ? ruleMessage(form, p.code) : problemMessage(p.code, p.message))),
  );
  const childRows = (draft.answers.children || []).map((child, index) => {
    const derived = evaluation.children[index] || {};
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, childLabel(child, index)),
      h("td", {}, formatDate(child.birth_date) || "—"),
      h("td", {}, derived.age_on_qad ?? "—"),
      h("td", {}, formatDate(derived.eligibility_end_date) || "—"),
      h("td", {}, derived.eligible_today === true ? t("Yes") : derived.eligible_today === false ? t("No") : "—"),
    );
  });
  return h(
    "div",
    { class: "step-body" },
    draft.origin === "returned" && (draft.decision_comment || (draft.decision_reasons || []).length)
      ? h(
          "div",
          { class: "banner banner-warning inline", id: "returned-reasons" },
          h(
            "span",
            {},
            t("The reviewer returned this certificate: %(comment)s", {
              // The reasons as the server labelled them in this language when the COE was opened.
              comment: [(draft.decision_reason_labels || []).map((r) => r.label).join("; "), draft.decision_comment].filter(Boolean).join(". ") || draft.decision_reasons.join(", "),
            }),
          ),
        )
      : null,
    h(
      "div",
      { class: `verdict ${ready ? "verdict-ok" : "verdict-todo"}`, role: "status", id: "verdict" },
      icon(ready ? "check" : "alert"),
      h("div", {}, h("strong", {}, ready ? t("Ready to send") : t("Not ready yet. Things to correct: %(count)s", { count: blocking.length })), h("p", {}, ready ? t("Everything required is answered and signed, and no eligibility rule fails.") : t("Correct each item below. The server checks the same rules."))),
    ),
    server.length ? h("section", { class: "card inner" }, h("h3", {}, t("The server asked for these corrections")), h("ul", { class: "rules" }, server)) : null,
    blocking.length ? h("section", { class: "card inner", id: "must-correct" }, h("h3", {}, t("Must be corrected")), h("ul", { class: "todo" }, grouped)) : null,
    warnings.length ? h("section", { class: "card inner", id: "please-check" }, h("h3", {}, t("Please check (the reviewer sees these)")), h("ul", { class: "rules" }, ruleItems(form, warnings))) : null,
    h(
      "section",
      { class: "card inner", "aria-labelledby": "children-summary" },
      h("h3", { id: "children-summary" }, t("Children and eligibility")),
      h("div", { class: "table-wrap" }, h("table", { class: "summary-table" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Child")), h("th", { scope: "col" }, t("Birth date")), h("th", { scope: "col" }, t("Age on arrival")), h("th", { scope: "col" }, t("End of eligibility")), h("th", { scope: "col" }, t("Eligible today")))), h("tbody", {}, childRows))),
      evaluation.derived.school_year ? h("p", { class: "muted" }, t("School year: %(year)s", { year: evaluation.derived.school_year })) : null,
    ),
    duplicateSection(form, draft, () => context.rerender({ keepPlace: true })),
    h(
      "div",
      { class: "queue-box" },
      h("button", { type: "button", class: "button primary large", id: "queue", disabled: !ready, onclick: queue }, icon("send"), t("Queue for sending")),
      h("p", { class: "muted" }, ready ? t("It stays on this tablet until the server confirms it, with or without a connection now.") : t("The button works once everything above is corrected and both people have signed.")),
    ),
  );
}

function stepper(list, current, onPick) {
  return h(
    "nav",
    { class: "stepper", "aria-label": t("Steps of the certificate") },
    h(
      "ol",
      {},
      list.map((step, index) =>
        h(
          "li",
          { dataset: { step: String(index) } },
          h(
            "button",
            { type: "button", "aria-current": index === current ? "step" : null, class: index === current ? "current" : index < current ? "done" : "", onclick: () => onPick(index) },
            h("span", { class: "step-number" }, String(index + 1)),
            h("span", { class: "step-name" }, step.title),
          ),
        ),
      ),
    ),
  );
}

export async function render(main, context, where) {
  if (open.id !== where.id || !open.draft) {
    const draft = await getDraft(where.id);
    if (!draft) {
      const queued = await getOutbox(where.id);
      toast(queued ? t("This certificate is in the outbox.") : t("This certificate is not on this tablet."));
      context.navigate("#/");
      return;
    }
    open.id = where.id;
    open.draft = draft;
    open.form = await formVersion(draft.form_version);
    open.saved = true;
  }
  const { draft, form } = open;
  if (!form) {
    main.append(h("p", { class: "notice" }, t("The form for this certificate is not on this tablet. Connect once to download it.")));
    return;
  }
  const list = steps(form, draft);
  const index = Math.min(Math.max(draft.step || 0, 0), list.length - 1);
  const step = list[index];
  // The step shows at once; leaving this one saves the answers and the new step in one write
  // (the screen's cleanup, run by the re-render), while the next step is being drawn.
  const goTo = (target) => {
    draft.step = target;
    open.saved = false;
    context.rerender();
  };
  main.dataset.title = [step.title, t("Certificate of Eligibility")].join(" · ");
  let body;
  if (step.kind === "review") body = await reviewStep(form, draft, list, context);
  else if (step.kind === "sign") body = await signStep(form, draft, step, context);
  else body = sectionStep(form, draft, step, list);
  const help = step.kind === "child" ? pick(step.section.help) : step.section ? pick(step.section.help) : "";
  const stepTitle = step.kind === "child" ? childLabel(draft.answers.children[step.index], step.index) : step.title;
  main.append(
    h(
      "div",
      { class: "wizard" },
      h(
        "div",
        { class: "wizard-head" },
        h("a", { href: "#/", class: "button ghost small", onclick: () => saveNow() }, icon("back"), t("Home")),
        h("div", { class: "wizard-family" }, h("span", { class: "muted" }, t("Certificate of Eligibility")), h("strong", {}, familyName(draft.answers))),
        h("span", { class: `save-state ${open.saved ? "saved" : "saving"}`, id: "save-state", role: "status" }, open.saved ? t("Saved on this tablet") : t("Saving…")),
      ),
      stepper(list, index, goTo),
      h(
        "section",
        { class: "step card", "aria-labelledby": "step-title" },
        h("p", { class: "step-count" }, t("Step %(number)s of %(total)s", { number: index + 1, total: list.length })),
        h("h1", { id: "step-title" }, stepTitle),
        help ? h("p", { class: "lead" }, help) : null,
        body,
        step.kind === "child" ? childActions(form, draft, step, context) : null,
      ),
      h(
        "div",
        { class: "wizard-nav" },
        index > 0 ? h("button", { type: "button", class: "button secondary large", id: "back", onclick: () => goTo(index - 1) }, icon("back"), t("Back")) : h("span"),
        index < list.length - 1 ? h("button", { type: "button", class: "button primary large", id: "next", onclick: () => goTo(index + 1) }, t("Next"), icon("next")) : null,
      ),
    ),
  );
  document.addEventListener("visibilitychange", flushOnLeave);
  window.addEventListener("pagehide", saveNow);
  const stopLockFlush = beforeLock(saveNow); // the pending answer is sealed before the key goes
  context.setCleanup(() => {
    stopLockFlush();
    saveNow();
    for (const pad of open.pads) pad.destroy();
    open.pads = [];
    document.removeEventListener("visibilitychange", flushOnLeave);
    window.removeEventListener("pagehide", saveNow);
  });
}

// Signature pads size themselves once they are on screen.
export function mounted() {
  for (const pad of open.pads) pad.mount();
}

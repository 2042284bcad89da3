// A 409: the server holds another version of a COE this tablet wants to send. Both are shown
// side by side, field by field, differences marked; the recruiter chooses which one goes on.
// Nothing is overwritten without that choice: "keep this tablet's" sends it on top of the
// server's version (only while the server's copy can still be changed); "use the server's"
// takes the server's copy as a draft (or, once it is under review, simply lets it be).
import { call } from "../api.js";
import { answersToSend, draftFromServer, familyName, pathLabel, statusWords } from "../coe.js";
import { deleteOutbox, getOutbox, putOutbox, unqueue } from "../db/index.js";
import { formatDate, pick, t } from "../i18n.js";
import { formVersion } from "../reference.js";
import { STATES, syncNow } from "../sync.js";
import { ask, h, icon, toast } from "../ui.js";

const EDITABLE = ["draft", "returned"];

// {"family.city": "Salinas", "children.0.sex": "female", ...}
function flatten(value, prefix = "", out = {}) {
  if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${prefix}.${index}`, out));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== null && value !== undefined && value !== "") out[prefix] = value;
  return out;
}

function fieldOf(form, path) {
  const parts = path.split(".");
  const section = form.section(parts[0]);
  if (!section) return null;
  const key = section.repeat ? parts[2] : parts[1];
  return section.fields.find((field) => field.key === key) || null;
}

function shown(form, path, value) {
  if (value === undefined) return h("span", { class: "muted" }, "—");
  const field = fieldOf(form, path);
  if (typeof value === "boolean") return value ? t("Yes") : t("No");
  if (field && field.type === "date" && typeof value === "string") return formatDate(value);
  if (field && field.spec.codes) {
    const entry = (form.document.code_lists[field.spec.codes] || []).find((item) => item.code === value);
    if (entry) return pick(entry.label);
  }
  return String(value);
}

// The paths in the form's order: sections as defined, children by position.
function ordered(form, paths) {
  const rank = new Map(form.sections.map((section, index) => [section.key, index]));
  const position = (path) => {
    const parts = path.split(".");
    const section = form.section(parts[0]);
    const fieldIndex = section ? section.fields.findIndex((f) => f.key === (section.repeat ? parts[2] : parts[1])) : 0;
    return [rank.has(parts[0]) ? rank.get(parts[0]) : 99, section && section.repeat ? Number(parts[1]) : 0, fieldIndex];
  };
  return [...paths].sort((a, b) => {
    const [x, y] = [position(a), position(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.localeCompare(b);
  });
}

function comparison(form, mine, theirs, answers) {
  const paths = ordered(form, new Set([...Object.keys(mine), ...Object.keys(theirs)]));
  const differing = paths.filter((path) => JSON.stringify(mine[path]) !== JSON.stringify(theirs[path]));
  const table = h(
    "table",
    { class: "compare", id: "conflict-table" },
    h("caption", { class: "visually-hidden" }, t("This tablet's version and the server's, field by field")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Question")), h("th", { scope: "col" }, t("On this tablet")), h("th", { scope: "col" }, t("On the server")))),
    h(
      "tbody",
      {},
      paths.map((path) => {
        const differs = differing.includes(path);
        return h(
          "tr",
          { class: differs ? "differs" : "same", dataset: { path } },
          h("th", { scope: "row" }, pathLabel(form, path, answers), differs ? h("span", { class: "visually-hidden" }, ` (${t("different")})`) : null),
          h("td", {}, shown(form, path, mine[path])),
          h("td", {}, shown(form, path, theirs[path])),
        );
      }),
    ),
  );
  return { table, differing };
}

export async function render(main, context, where) {
  main.dataset.title = t("Two versions of this certificate");
  const back = h("p", {}, h("a", { href: "#/", class: "button ghost" }, icon("back"), t("Back")));
  const entry = await getOutbox(where.id);
  if (!entry || entry.state !== STATES.conflict) {
    main.append(h("section", { class: "card" }, h("p", {}, t("There is no conflict to resolve for this certificate."))), back);
    return;
  }
  const form = await formVersion(entry.form_version);
  let server;
  try {
    ({ body: server } = await call("GET", `/api/v1/coes/${entry.id}`));
  } catch {
    main.append(h("section", { class: "card" }, h("p", { class: "notice" }, t("The server's version can only be seen with a connection. This tablet's version stays safe."))), back);
    return;
  }
  const mine = flatten(answersToSend(entry.answers));
  const theirs = flatten(server.answers || {});
  const { table, differing } = comparison(form, mine, theirs, entry.answers);
  const editable = EDITABLE.includes(server.status);

  const keepMine = async () => {
    const sure = await ask(t("Send this tablet's version over the server's?"), {
      detail: t("The server's changes (%(count)s answers) are replaced by this tablet's.", { count: differing.length }),
      confirm: t("Keep this tablet's version"),
    });
    if (!sure) return;
    const fresh = await getOutbox(entry.id);
    Object.assign(fresh, {
      base_version: server.version,
      server_version: server.version,
      stage: "put",
      state: STATES.queued,
      attempts: 0,
      next_attempt_at: 0,
      last_error: null,
      updated_at: Date.now(),
    });
    await putOutbox(fresh);
    syncNow({ manual: true });
    toast(t("This tablet's version is queued to be sent."));
    context.navigate("#/");
  };
  const useTheirs = async () => {
    const sure = await ask(t("Use the server's version?"), {
      detail: editable
        ? t("This tablet's changes are replaced by the server's version, which opens as a draft to go on with.")
        : t("The server's version is already with the reviewer. This tablet's copy is removed from the outbox."),
      confirm: t("Use the server's version"),
      danger: true,
    });
    if (!sure) return;
    if (editable && form) {
      await unqueue(entry, draftFromServer(form, server, entry.owner, "conflict"));
      context.navigate(`#/coe/${entry.id}`);
    } else {
      await deleteOutbox(entry.id);
      context.navigate("#/");
    }
  };

  main.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "conflict-title" },
      h("h1", { id: "conflict-title" }, t("Two versions of this certificate")),
      h("p", { class: "lead" }, familyName(entry.answers)),
      h(
        "p",
        {},
        t("Someone changed this certificate on the server (version %(version)s: %(status)s) after this tablet's copy was made. Differences: %(count)s.", {
          version: server.version,
          status: statusWords(server.status)[0],
          count: differing.length,
        }),
      ),
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: "only-differences",
          checked: true,
          onchange: (event) => table.classList.toggle("only-differences", event.target.checked),
        }),
        t("Show only the differences"),
      ),
      table,
      h(
        "div",
        { class: "actions" },
        editable
          ? h("button", { type: "button", class: "button primary", id: "keep-mine", onclick: keepMine }, t("Keep this tablet's version"))
          : h("p", { class: "muted" }, t("The server's version is no longer open to changes: this tablet's version cannot replace it.")),
        h("button", { type: "button", class: "button secondary", id: "use-theirs", onclick: useTheirs }, t("Use the server's version")),
      ),
    ),
    back,
  );
  table.classList.add("only-differences");
}

// The audit trail, for state admins: who did what to which record, when, searched by child, user,
// period (the state's days) and action; newest first, a page at a time, and the same search as a
// CSV file. The trail keeps the names of the fields that changed, never their values.
// Every search and export is itself recorded in the trail by the server.
import { ApiError, NetworkError, call } from "../api.js";
import { currentLanguage, t } from "../i18n.js";
import { loadSettings } from "../reference.js";
import { h, icon, toast } from "../ui.js";
import { download } from "./files.js";
import { loadFailure } from "./staff.js";

const PAGE_SIZE = 25;
const FIELDS = ["child", "user", "from", "to", "action"];
// The search, kept across re-renders (a language switch) and visits.
// until_seq: the newest event of the search's first page, so that the later pages stay where
// they were while new events (among them this very search) are written.
const filters = { child: "", user: "", from: "", to: "", action: "", page: 1, until_seq: null };
// Actions offered as suggestions; any other action, or a prefix ending in *, may be typed.
const ACTIONS = ["coe.*", "coe.approved", "coe.read", "coe.submitted", "child.*", "child.read", "auth.*", "auth.login", "reinterview.*", "audit.*"];

function query({ paged = true } = {}) {
  const params = new URLSearchParams();
  for (const key of FIELDS) if (filters[key]) params.set(key, filters[key]);
  if (filters.until_seq !== null) params.set("until_seq", String(filters.until_seq));
  if (paged) {
    params.set("page", String(filters.page));
    params.set("page_size", String(PAGE_SIZE));
  }
  return params.toString();
}

export function roleWords(role) {
  return (
    {
      recruiter: t("Recruiter"),
      supervisor: t("Supervisor"),
      regional_staff: t("Regional staff"),
      state_admin: t("State administrator"),
    }[role] || role || "—"
  );
}

// The moment in the state's time zone, whatever the tablet's own zone is.
function stateTime(timestamp, zone) {
  if (!timestamp) return "";
  const options = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short" };
  try {
    return new Intl.DateTimeFormat(currentLanguage() === "es" ? "es-MX" : "en-US", { ...options, timeZone: zone }).format(new Date(timestamp));
  } catch {
    return new Intl.DateTimeFormat(currentLanguage() === "es" ? "es-MX" : "en-US", options).format(new Date(timestamp));
  }
}

// A coded refusal in the reader's language, with what the server said about each field.
export function errorBanner(error, id) {
  if (!(error instanceof ApiError)) return loadFailure(error);
  const details = Object.values(error.fields || {})
    .flat()
    .filter((text) => typeof text === "string");
  return h(
    "div",
    { class: "banner banner-warning inline", role: "alert", id, dataset: { code: error.code } },
    icon("alert"),
    h("span", {}, [error.message, ...details].join(" ")),
  );
}

async function downloadCsv() {
  try {
    await download(`/api/v1/audit/events.csv?${query({ paged: false })}`, "audit-events.csv");
  } catch (error) {
    const text = error instanceof ApiError ? error.message : t("The server could not be reached. This screen needs a connection.");
    toast(text, { kind: "warning" });
    if (!(error instanceof ApiError) && !(error instanceof NetworkError)) throw error;
  }
}

function field(id, label, input, hint) {
  return h(
    "div",
    { class: "filter" },
    h("label", { for: id, class: "field-label" }, label),
    input,
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
  );
}

function searchForm(rerender) {
  const inputs = {
    child: h("input", { id: "audit-child", type: "text", value: filters.child, maxlength: 40, autocomplete: "off", "aria-describedby": "audit-child-hint" }),
    user: h("input", { id: "audit-user", type: "text", value: filters.user, maxlength: 64, autocomplete: "off", "aria-describedby": "audit-user-hint" }),
    from: h("input", { id: "audit-from", type: "date", value: filters.from }),
    to: h("input", { id: "audit-to", type: "date", value: filters.to }),
    action: h("input", { id: "audit-action", type: "text", value: filters.action, maxlength: 41, autocomplete: "off", list: "audit-actions", "aria-describedby": "audit-action-hint" }),
  };
  return h(
    "form",
    {
      class: "filters audit-filters",
      id: "audit-search",
      role: "search",
      "aria-label": t("Search the trail"),
      onsubmit: (event) => {
        event.preventDefault();
        for (const key of FIELDS) filters[key] = inputs[key].value.trim();
        filters.page = 1;
        filters.until_seq = null;
        rerender();
      },
    },
    field("audit-child", t("Child"), inputs.child, t("Statewide number or child id")),
    field("audit-user", t("User"), inputs.user, t("Username or user number")),
    field("audit-from", t("From"), inputs.from),
    field("audit-to", t("To"), inputs.to),
    field("audit-action", t("Action"), inputs.action, t("An action such as coe.approved, or the start of one followed by * (coe.*)")),
    h("datalist", { id: "audit-actions" }, ACTIONS.map((action) => h("option", { value: action }))),
    h(
      "div",
      { class: "actions-row filter-search" },
      h("button", { type: "submit", class: "button primary", id: "audit-submit" }, t("Search")),
      h(
        "button",
        {
          type: "button",
          class: "button ghost",
          id: "audit-clear",
          onclick: () => {
            Object.assign(filters, { child: "", user: "", from: "", to: "", action: "", page: 1, until_seq: null });
            rerender();
          },
        },
        t("Clear"),
      ),
    ),
  );
}

function eventRow(event, regions, zone) {
  const region = event.region_id ? regions.get(event.region_id) : null;
  const changed = event.changed_fields && event.changed_fields.length ? event.changed_fields.join(", ") : "—";
  return h(
    "tr",
    { dataset: { seq: event.seq, action: event.action } },
    h("td", { class: "nowrap" }, stateTime(event.occurred_at, zone)),
    h("td", { class: "audit-actor" }, event.actor_username || (event.actor_id ? `#${event.actor_id}` : "—")),
    h("td", {}, event.actor_role ? roleWords(event.actor_role) : "—"),
    h("td", {}, region ? region.code : "—"),
    h("td", {}, h("code", {}, event.action)),
    h("td", { class: "audit-object" }, event.entity_type, event.entity_id ? h("div", { class: "muted small mono" }, event.entity_id) : null),
    h("td", { class: "audit-fields" }, changed),
  );
}

function resultsView(rows, total, regions, zone, rerender) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const go = (page) => {
    filters.page = page;
    rerender();
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "audit-results-title", id: "audit-results" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "audit-results-title" }, t("Events"), " ", h("span", { class: "count", id: "audit-total" }, String(total))),
      h("button", { type: "button", class: "button secondary", id: "audit-csv", onclick: downloadCsv }, t("Download CSV")),
    ),
    h("p", { class: "muted" }, t("Newest first. Times are the state's (%(zone)s). Only the names of changed fields are kept, never their values.", { zone })),
    rows.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Events") },
          h(
            "table",
            { class: "list-table", id: "audit-table" },
            h(
              "thead",
              {},
              h("tr", {}, [t("Time"), t("User"), t("Role"), t("Region"), t("Action"), t("Record"), t("Fields changed")].map((label) => h("th", { scope: "col" }, label))),
            ),
            h("tbody", {}, rows.map((row) => eventRow(row, regions, zone))),
          ),
        )
      : h("p", { class: "empty", id: "audit-empty" }, t("No event matches this search.")),
    pages > 1
      ? h(
          "nav",
          { class: "pager", "aria-label": t("Pages") },
          h("button", { type: "button", class: "button ghost small", id: "audit-prev", disabled: filters.page <= 1, onclick: () => go(filters.page - 1) }, icon("back"), t("Previous")),
          h("span", { id: "audit-page-of" }, t("Page %(page)s of %(pages)s", { page: filters.page, pages })),
          h("button", { type: "button", class: "button ghost small", id: "audit-next", disabled: filters.page >= pages, onclick: () => go(filters.page + 1) }, t("Next"), icon("next")),
        )
      : null,
  );
}

export async function render(main, context) {
  main.dataset.title = t("Audit trail");
  const rerender = () => context.rerender({ keepPlace: true });
  main.append(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("Audit trail")), h("p", { class: "lead" }, t("Who read or changed which record, and when.")))),
  );
  if (context.session.user.role !== "state_admin") {
    main.append(h("p", { class: "banner banner-warning inline", role: "alert" }, t("Only state administrators can search the audit trail.")));
    return;
  }
  main.append(searchForm(rerender));
  let rows;
  let total;
  let regions;
  let zone;
  try {
    const [listResponse, regionResponse, settings] = await Promise.all([call("GET", `/api/v1/audit/events?${query()}`), call("GET", "/api/v1/regions"), loadSettings()]);
    rows = listResponse.body;
    total = JSON.parse(listResponse.headers.get("X-Pagination") || "{}").total ?? rows.length;
    regions = new Map(regionResponse.body.map((region) => [region.id, region]));
    zone = settings.time_zone;
    if (filters.until_seq === null && rows.length) filters.until_seq = rows[0].seq;
  } catch (error) {
    main.append(errorBanner(error, "audit-error"));
    return;
  }
  main.append(resultsView(rows, total, regions, zone, rerender));
}

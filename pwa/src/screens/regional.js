// The regional dashboard: what synced, counted by status, by recruiter and by days in the review
// queue, with what was returned and not sent back and the COEs whose duplicate check is open;
// then the list with filters, search, sorting and pages, and the same list as a CSV file.
import { ApiError, NetworkError, call } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { h, icon, toast } from "../ui.js";
import { download } from "./files.js";
import { flagList, loadFailure, statusBadge, statusWords } from "./staff.js";

const PAGE_SIZE = 20;
const STATUSES = ["submitted", "returned", "approved", "rejected", "draft"];
const AGES = ["0-2", "3-7", "8-14", "15-30", "31+"];
// The list's filters, kept across re-renders and visits.
const filters = { status: "", recruiter_id: "", age: "", duplicates: "", q: "", sort: "updated", page: 1 };

function query({ paged = true } = {}) {
  const params = new URLSearchParams();
  for (const key of ["status", "recruiter_id", "age", "duplicates", "q", "sort"]) {
    if (filters[key]) params.set(key, filters[key]);
  }
  if (paged) {
    params.set("page", String(filters.page));
    params.set("page_size", String(PAGE_SIZE));
  }
  return params.toString();
}

function sortWords() {
  return {
    submitted: t("Waiting longest first"),
    "-submitted": t("Newest submission first"),
    updated: t("Last changed first"),
    decided: t("Last decided first"),
    qad: t("Latest arrival date first"),
  };
}

function ageWords(bucket) {
  return bucket === "31+" ? t("More than 30 days") : t("%(range)s days", { range: bucket.replace("-", "–") });
}

// A number that filters the list when pressed.
function tile(label, value, onPick, { kind = "", id } = {}) {
  return h(
    "button",
    { type: "button", class: `tile ${kind}`, id, onclick: onPick },
    h("span", { class: "tile-value" }, String(value)),
    h("span", { class: "tile-label" }, label),
  );
}

function summaryView(summary, rerender) {
  const pick = (changes) => {
    Object.assign(filters, { status: "", recruiter_id: "", age: "", duplicates: "", q: "", sort: "submitted", page: 1 }, changes);
    rerender();
  };
  const maxAge = Math.max(1, ...summary.queue_age.map((a) => a.count));
  return h(
    "div",
    { class: "dashboard", id: "summary" },
    h(
      "section",
      { class: "card wide", "aria-labelledby": "by-status-title" },
      h("h2", { id: "by-status-title" }, t("Certificates by status"), " ", h("span", { class: "count" }, String(summary.total))),
      h(
        "div",
        { class: "tiles" },
        STATUSES.map((status) => tile(statusWords(status)[0], summary.by_status[status] ?? 0, () => pick({ status, sort: status === "submitted" ? "submitted" : "updated" }), { kind: `tile-${statusWords(status)[1]}`, id: `tile-${status}` })),
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "attention-title" },
      h("h2", { id: "attention-title" }, t("Needs follow-up")),
      h(
        "div",
        { class: "tiles" },
        tile(t("Returned, not sent back yet"), summary.returned_not_resubmitted, () => pick({ status: "returned", sort: "updated" }), { kind: "tile-warning", id: "tile-returned-open" }),
        tile(t("Duplicate check unresolved"), summary.duplicates.unresolved, () => pick({ duplicates: "unresolved" }), { kind: "tile-warning", id: "tile-duplicates-unresolved" }),
        tile(t("Duplicate check pending"), summary.duplicates.pending, () => pick({ duplicates: "pending" }), { kind: "tile-info", id: "tile-duplicates-pending" }),
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "age-title" },
      h("h2", { id: "age-title" }, t("Days in the review queue")),
      summary.oldest_waiting_days !== null && summary.oldest_waiting_days !== undefined ? h("p", { class: "muted" }, t("The oldest has waited %(days)s days.", { days: summary.oldest_waiting_days })) : h("p", { class: "muted" }, t("Nothing is waiting for review.")),
      h(
        "ul",
        { class: "bars", id: "age-bars" },
        summary.queue_age.map((age) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "bar-row", onclick: () => pick({ age: age.bucket }), dataset: { bucket: age.bucket } },
              h("span", { class: "bar-label" }, ageWords(age.bucket)),
              h("span", { class: "bar-track", "aria-hidden": "true" }, h("span", { class: `bar-fill ${age.bucket === "15-30" || age.bucket === "31+" ? "bar-late" : ""}`, style: `width: ${Math.round((age.count / maxAge) * 100)}%` })),
              h("span", { class: "bar-value" }, String(age.count)),
            ),
          ),
        ),
      ),
    ),
    h(
      "section",
      { class: "card wide", "aria-labelledby": "recruiters-title" },
      h("h2", { id: "recruiters-title" }, t("By recruiter")),
      summary.by_recruiter.length
        ? h(
            "div",
            { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("By recruiter") },
            h(
              "table",
              { id: "recruiter-table" },
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Recruiter")), STATUSES.map((s) => h("th", { scope: "col", class: "num" }, statusWords(s)[0])), h("th", { scope: "col", class: "num" }, t("Total")))),
              h(
                "tbody",
                {},
                summary.by_recruiter.map((r) =>
                  h(
                    "tr",
                    {},
                    h("th", { scope: "row" }, h("button", { type: "button", class: "link-button", onclick: () => pick({ recruiter_id: String(r.recruiter_id), sort: "updated" }) }, r.name)),
                    STATUSES.map((s) => h("td", { class: "num" }, String(r.by_status[s] ?? 0))),
                    h("td", { class: "num" }, h("strong", {}, String(r.total))),
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "empty" }, t("No certificates yet.")),
    ),
  );
}

function select(id, label, value, options, onChange) {
  return h(
    "div",
    { class: "filter" },
    h("label", { for: id, class: "field-label" }, label),
    h(
      "select",
      { id, onchange: (event) => onChange(event.target.value) },
      options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)),
    ),
  );
}

function downloadCsv() {
  return downloadList(query({ paged: false }));
}

// The list with these query parameters as a CSV file (the queue's screen uses it too).
export async function downloadList(params) {
  // The file needs the sign-in too: a signed request first refreshes the token if it expired.
  try {
    await download(`/api/v1/regional/coes.csv?${params}`, `campo-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (error) {
    const text = error instanceof ApiError ? error.message : t("The server could not be reached. This screen needs a connection.");
    toast(text, { kind: "warning" });
    if (!(error instanceof ApiError) && !(error instanceof NetworkError)) throw error;
  }
}

function filterForm(summary, rerender) {
  const change = (key) => (value) => {
    filters[key] = value;
    filters.page = 1;
    rerender();
  };
  const search = h("input", { id: "filter-q", type: "search", value: filters.q, maxlength: 80, autocomplete: "off" });
  return h(
    "form",
    {
      class: "filters",
      id: "filters",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        change("q")(search.value.trim());
      },
    },
    h("div", { class: "filter filter-search" }, h("label", { for: "filter-q", class: "field-label" }, t("Search a child's or parent's name")), h("div", { class: "search-row" }, search, h("button", { type: "submit", class: "button secondary" }, t("Search")))),
    select("filter-status", t("Status"), filters.status, [["", t("Any status")], ...STATUSES.map((s) => [s, statusWords(s)[0]])], change("status")),
    select("filter-recruiter", t("Recruiter"), filters.recruiter_id, [["", t("Every recruiter")], ...summary.by_recruiter.map((r) => [String(r.recruiter_id), r.name])], change("recruiter_id")),
    select("filter-age", t("Days waiting"), filters.age, [["", t("Any")], ...AGES.map((a) => [a, ageWords(a)])], change("age")),
    select("filter-duplicates", t("Duplicate check"), filters.duplicates, [["", t("Any")], ["unresolved", t("Unresolved")], ["pending", t("Pending")]], change("duplicates")),
    select("filter-sort", t("Order"), filters.sort, Object.entries(sortWords()), change("sort")),
  );
}

function listRow(row) {
  const unresolved = row.flags.find((flag) => flag.code === "duplicate_unresolved");
  return h(
    "tr",
    { dataset: { id: row.id, status: row.status } },
    h("th", { scope: "row" }, h("a", { href: `#/review/${row.id}` }, row.family_name || t("Family")), h("div", { class: "muted small" }, row.child_names.join(", "))),
    h("td", {}, statusBadge(row.status)),
    h("td", {}, row.recruiter_name || "—"),
    h("td", {}, row.submitted_at ? formatDate(row.submitted_at) : "—", row.days_waiting !== null && row.days_waiting !== undefined ? h("div", { class: "muted small" }, t("%(days)s days waiting", { days: row.days_waiting })) : null),
    h("td", {}, flagList(row.flags, { compact: true }), unresolved ? h("a", { class: "button secondary small resolve", href: `#/duplicates/${row.id}/${unresolved.detail[0]}` }, t("Resolve duplicate")) : null),
  );
}

function listView(rows, total, rerender) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const go = (page) => {
    filters.page = page;
    rerender();
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "list-title", id: "list" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "list-title" }, t("Certificates"), " ", h("span", { class: "count", id: "list-total" }, String(total))),
      h("button", { type: "button", class: "button secondary", id: "download-csv", onclick: downloadCsv }, t("Download CSV")),
    ),
    rows.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Certificates") },
          h(
            "table",
            { class: "list-table", id: "coe-table" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Family")), h("th", { scope: "col" }, t("Status")), h("th", { scope: "col" }, t("Recruiter")), h("th", { scope: "col" }, t("Submitted")), h("th", { scope: "col" }, t("Needs attention")))),
            h("tbody", {}, rows.map(listRow)),
          ),
        )
      : h("p", { class: "empty" }, t("No certificate matches these filters.")),
    pages > 1
      ? h(
          "nav",
          { class: "pager", "aria-label": t("Pages") },
          h("button", { type: "button", class: "button ghost small", id: "page-prev", disabled: filters.page <= 1, onclick: () => go(filters.page - 1) }, icon("back"), t("Previous")),
          h("span", { id: "page-of" }, t("Page %(page)s of %(pages)s", { page: filters.page, pages })),
          h("button", { type: "button", class: "button ghost small", id: "page-next", disabled: filters.page >= pages, onclick: () => go(filters.page + 1) }, t("Next"), icon("next")),
        )
      : null,
  );
}

export async function render(main, context) {
  main.dataset.title = t("Regional dashboard");
  const rerender = () => context.rerender({ keepPlace: true });
  main.append(h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("Regional dashboard")), h("p", { class: "lead" }, t("What recruiters sent, and what still needs someone.")))));
  let summary;
  let rows;
  let total;
  try {
    const [summaryResponse, listResponse] = await Promise.all([call("GET", "/api/v1/regional/summary"), call("GET", `/api/v1/regional/coes?${query()}`)]);
    summary = summaryResponse.body;
    rows = listResponse.body;
    total = JSON.parse(listResponse.headers.get("X-Pagination") || "{}").total ?? rows.length;
  } catch (error) {
    main.append(loadFailure(error));
    return;
  }
  main.append(summaryView(summary, rerender), filterForm(summary, rerender), listView(rows, total, rerender));
}

// The data-quality report: what keeps the child count from being right, for the reader's region
// (a state admin: statewide or one region). A count per kind of problem, then the records
// grouped by kind, each opening the screen where it is fixed; the same report as a CSV file.
// Online only: read from the server each time (each read is audited), never kept on the tablet.
import { ApiError, call, publicGet } from "../api.js";
import { formatDate, pick, t } from "../i18n.js";
import { currentForm, stateToday } from "../reference.js";
import { clear, h, icon, toast } from "../ui.js";
import { download } from "./files.js";
import { loadFailure, statusWords } from "./staff.js";

const CHECKS = ["coe.missing_required", "child.no_evidence", "coe.unresolved_duplicates", "coe.returned_not_resubmitted", "coe.stale", "child.stale"];
const DEFAULT_STALE_DAYS = 30;
// The choices, kept across re-renders (a language switch) and visits while the app is open.
const choice = { period: null, region_id: "", stale_days: String(DEFAULT_STALE_DAYS) };

function checkWords(check, staleDays) {
  return (
    {
      "coe.missing_required": [t("Certificates missing required answers"), t("Open certificates (draft, waiting or returned) without answers the form requires.")],
      "child.no_evidence": [t("Children with no residency evidence in the period"), t("Eligible children aged 3 to 21 with no school, service or certificate showing them here in the period: they are not counted.")],
      "coe.unresolved_duplicates": [t("Possible duplicates not resolved"), t("Certificates waiting for review with a child who may already be known. They cannot be approved until someone decides.")],
      "coe.returned_not_resubmitted": [t("Returned certificates not sent back"), t("Certificates returned for correction that the recruiter has not submitted again.")],
      "coe.stale": [t("Open certificates not changed in %(days)s days", { days: staleDays }), t("Drafts, certificates waiting for review and returned ones that nobody has touched.")],
      "child.stale": [t("Eligible children not updated in %(days)s days", { days: staleDays }), t("Children eligible today whose record, schools and services have not changed.")],
    }[check] || [check, ""]
  );
}

// The performance periods around the state's today (September 1 to August 31): the next one
// (children still eligible then, with nothing showing them here yet), this one, two before.
function periods() {
  const [year, month] = stateToday().split("-").map(Number);
  const start = month >= 9 ? year : year - 1;
  return [1, 0, -1, -2].map((shift) => `${start + shift}-${start + shift + 1}`);
}

// Where a record is fixed, from the API's link: a certificate opens in review (a duplicate in
// the side-by-side comparison), a child opens its history.
export function fixLinks(issue) {
  const coe = /^\/api\/v1\/coes\/([0-9a-f-]+)$/.exec(issue.url || "");
  const child = /^\/api\/v1\/children\/([0-9a-f-]+)\/history$/.exec(issue.url || "");
  if (coe && issue.check === "coe.unresolved_duplicates") {
    const positions = issue.detail.map((path) => /^children\.(\d+)$/.exec(path)).filter(Boolean).map((found) => Number(found[1]));
    if (positions.length) {
      return positions.map((position) => ({
        href: `#/duplicates/${coe[1]}/${position}`,
        text: positions.length > 1 ? t("Resolve duplicate: child %(number)s", { number: position + 1 }) : t("Resolve duplicate"),
      }));
    }
  }
  if (coe) return [{ href: `#/review/${coe[1]}`, text: t("Open the certificate") }];
  if (child) return [{ href: `#/child/${child[1]}`, text: t("Open history") }];
  return [];
}

// A required answer's path ("children.0.birth_date") in the form's own words.
function fieldLabel(form, path) {
  const parts = path.split(".");
  const section = form && form.section(parts[0]);
  if (!section) return path;
  const repeated = section.repeat && /^\d+$/.test(parts[1] || "");
  const key = repeated ? parts[2] : parts[1];
  const field = key ? section.fields.find((f) => f.key === key) : null;
  const label = field ? pick(field.spec.label) : pick(section.label);
  return repeated ? [t("Child %(number)s", { number: Number(parts[1]) + 1 }), label].join(": ") : label;
}

function detailWords(issue, form, reasons) {
  switch (issue.check) {
    case "coe.missing_required":
      return issue.detail.map((path) => fieldLabel(form, path));
    case "coe.unresolved_duplicates":
      return issue.detail.map((path) => {
        const found = /^children\.(\d+)$/.exec(path);
        return found ? t("Child %(number)s", { number: Number(found[1]) + 1 }) : path;
      });
    case "coe.returned_not_resubmitted":
      return issue.detail.map((code) => reasons[code] || code);
    case "coe.stale":
      return issue.detail.map((status) => statusWords(status)[0]);
    case "child.no_evidence":
      return issue.detail.map((period) => t("Period %(period)s", { period }));
    default:
      return issue.detail;
  }
}

function sinceWords(issue) {
  if (!issue.since) return null;
  const date = formatDate(issue.since);
  if (issue.check === "coe.unresolved_duplicates") return t("Submitted %(date)s", { date });
  if (issue.check === "coe.returned_not_resubmitted") return t("Returned %(date)s", { date });
  return t("Last changed %(date)s", { date });
}

// A long list (a draft missing most answers) shows its first lines, the rest on request.
const SHOWN_DETAILS = 6;

function detailList(detail) {
  if (!detail.length) return null;
  const item = (text) => h("li", {}, text);
  if (detail.length <= SHOWN_DETAILS + 1) return h("ul", { class: "quality-detail" }, detail.map(item));
  const rest = detail.slice(SHOWN_DETAILS);
  return h(
    "div",
    {},
    h("ul", { class: "quality-detail" }, detail.slice(0, SHOWN_DETAILS).map(item)),
    h("details", { class: "quality-more" }, h("summary", {}, t("%(count)s more", { count: rest.length })), h("ul", { class: "quality-detail" }, rest.map(item))),
  );
}

function issueRow(issue, form, reasons, statewide) {
  const links = fixLinks(issue);
  const detail = detailWords(issue, form, reasons);
  const region = issue.region || {};
  return h(
    "li",
    { class: "record quality-line", dataset: { check: issue.check, entity: issue.entity_id } },
    h(
      "div",
      { class: "record-main" },
      links.length ? h("a", { class: "record-title", href: links[0].href }, issue.label) : h("span", { class: "record-title" }, issue.label),
      h(
        "div",
        { class: "record-meta" },
        [statewide && region.code ? t("Region %(code)s", { code: region.code }) : null, sinceWords(issue)].filter(Boolean).join(" · "),
      ),
      detailList(detail),
    ),
    h(
      "div",
      { class: "record-side" },
      links.map((link) => h("a", { class: "button secondary small fix-link", href: link.href }, link.text)),
    ),
  );
}

function summaryTiles(report) {
  return h(
    "div",
    { class: "tiles", id: "quality-summary" },
    CHECKS.map((check) => {
      const count = report.summary[check] ?? 0;
      return h(
        "button",
        {
          type: "button",
          class: `tile ${count ? "tile-warning" : "tile-success"}`,
          id: `tile-${check.replace(".", "-")}`,
          dataset: { check, count: String(count) },
          onclick: () => {
            const heading = document.getElementById(`group-${check.replace(".", "-")}`);
            if (heading) heading.focus();
          },
        },
        h("span", { class: "tile-value" }, String(count)),
        h("span", { class: "tile-label" }, checkWords(check, report.stale_days)[0]),
      );
    }),
  );
}

function groups(report, form, reasons) {
  const statewide = !report.region;
  return CHECKS.map((check) => {
    const lines = report.issues.filter((issue) => issue.check === check);
    const [title, explanation] = checkWords(check, report.stale_days);
    const id = `group-${check.replace(".", "-")}`;
    return h(
      "section",
      { class: `card quality-group ${lines.length ? "attention" : ""}`, "aria-labelledby": id, dataset: { check } },
      h("h2", { id, tabindex: "-1" }, title, " ", h("span", { class: "count" }, String(lines.length))),
      h("p", { class: "muted" }, explanation),
      lines.length
        ? h("ul", { class: "records" }, lines.map((issue) => issueRow(issue, form, reasons, statewide)))
        : h("p", { class: "empty" }, t("Nothing to fix.")),
    );
  });
}

async function reasonLabels() {
  try {
    const { body } = await publicGet("/api/v1/review-reasons");
    return Object.fromEntries(body.map((reason) => [reason.code, reason.label]));
  } catch {
    return {};
  }
}

function query({ csv = false } = {}) {
  const params = new URLSearchParams({ period: choice.period, stale_days: choice.stale_days });
  if (choice.region_id) params.set("region_id", choice.region_id);
  if (csv) params.set("format", "csv");
  return params.toString();
}

function errorBanner(error) {
  if (!(error instanceof ApiError)) return loadFailure(error);
  const fields = Object.values(error.fields || {}).flat();
  return h("div", { class: "banner banner-warning inline banner-line", role: "alert", id: "quality-error" }, icon("alert"), h("span", {}, [error.message, ...fields].join(" ")));
}

async function showReport(results) {
  clear(results).append(h("p", { class: "empty", role: "status" }, t("Loading the report…")));
  let report;
  let form = null;
  let reasons = {};
  try {
    [report, form, reasons] = await Promise.all([
      call("GET", `/api/v1/reports/data-quality?${query()}`).then((r) => r.body),
      currentForm().catch(() => null),
      reasonLabels(),
    ]);
  } catch (error) {
    clear(results).append(errorBanner(error));
    return;
  }
  const scope = report.region ? report.region.name || t("Region %(code)s", { code: report.region.code }) : t("Statewide");
  const total = report.issues.length;
  clear(results).append(
    h(
      "p",
      { class: "lead", id: "quality-scope", role: "status" },
      t("%(scope)s, period %(period)s: %(count)s records to fix.", { scope, period: report.period, count: total }),
    ),
    summaryTiles(report),
    ...groups(report, form, reasons),
  );
}

async function regionOptions(session) {
  if (session.user.role !== "state_admin") return null;
  try {
    const { body } = await call("GET", "/api/v1/regions");
    return body;
  } catch {
    return [];
  }
}

export async function render(main, context) {
  main.dataset.title = t("Data quality");
  const options = periods();
  if (!choice.period) choice.period = options[1];
  const regions = await regionOptions(context.session);
  const results = h("div", { id: "quality-results", "aria-live": "polite" });
  const periodSelect = h(
    "select",
    { id: "q-period", name: "period" },
    options.map((period) => h("option", { value: period, selected: period === choice.period }, period)),
  );
  const staleInput = h("input", { id: "q-stale-days", name: "stale_days", type: "number", min: 1, max: 3650, step: 1, inputmode: "numeric", value: choice.stale_days });
  const regionSelect = regions
    ? h(
        "select",
        { id: "q-region", name: "region_id" },
        h("option", { value: "", selected: !choice.region_id }, t("Statewide")),
        regions.map((region) => h("option", { value: String(region.id), selected: String(region.id) === choice.region_id }, region.name || region.code)),
      )
    : null;
  const read = () => {
    choice.period = periodSelect.value;
    choice.stale_days = staleInput.value.trim();
    choice.region_id = regionSelect ? regionSelect.value : "";
  };
  const form = h(
    "form",
    { class: "filters quality-filters", id: "quality-form", novalidate: true },
    h("div", { class: "filter" }, h("label", { for: "q-period" }, t("Performance period")), periodSelect),
    h("div", { class: "filter" }, h("label", { for: "q-stale-days" }, t("Not changed for (days)")), staleInput),
    regionSelect ? h("div", { class: "filter" }, h("label", { for: "q-region" }, t("Region")), regionSelect) : null,
    h(
      "div",
      { class: "filter actions" },
      h("button", { type: "submit", class: "button primary", id: "q-show" }, t("Show")),
      h(
        "button",
        {
          type: "button",
          class: "button secondary",
          id: "q-csv",
          onclick: async () => {
            read();
            try {
              await download(`/api/v1/reports/data-quality?${query({ csv: true })}`, "data-quality.csv");
            } catch (error) {
              toast(error instanceof ApiError ? error.message : t("The file could not be downloaded. Check the connection and try again."), { kind: "danger" });
            }
          },
        },
        t("Download CSV"),
      ),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    read();
    showReport(results);
  });
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, t("Data quality")), h("p", { class: "lead" }, t("What keeps the child count from being right, and where to fix each record."))),
    ),
    form,
    results,
  );
  context.setCleanup(() => {});
  await showReport(results);
}

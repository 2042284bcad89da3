// Reports: the Category 1 and 2 child counts of a period (per region and age/grade, each number
// opening the children behind it) and the Priority for Services / English learner / IEP lists.
// Online only: reports are read from the server, never stored on the tablet.
import { call } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { clear, h, toast } from "../ui.js";
import { download } from "./files.js";

const PAGE_SIZE = 25;

function periodsAround(today = new Date()) {
  const start = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  return [0, 1, 2].map((back) => `${start - back}-${start - back + 1}`);
}

function errorText(error) {
  return (error && error.message) || t("The report could not be loaded. Check the connection and try again.");
}

async function childrenPage(query, page) {
  const params = new URLSearchParams({ ...query, page: String(page), page_size: String(PAGE_SIZE) });
  const { body, headers } = await call("GET", `/api/v1/reports/child-count/children?${params}`);
  const meta = JSON.parse(headers.get("X-Pagination") || "{}");
  return { rows: body, total: meta.total || 0, last: meta.last_page || 1 };
}

function childRow(row) {
  return h(
    "tr",
    {},
    h("td", {}, row.statewide_number),
    h("td", {}, [row.last_name1, row.last_name2].filter(Boolean).join(" "), ", ", row.first_name),
    h("td", {}, formatDate(row.birth_date)),
    h("td", {}, row.category2 ? t("Yes") : t("No")),
    h("td", {}, row.evidence.map((e) => e.kind).filter((k, i, all) => all.indexOf(k) === i).map(evidenceLabel).join(", ")),
  );
}

function evidenceLabel(kind) {
  return { enrollment: t("School"), service: t("MEP service"), coe: t("Certificate") }[kind] || kind;
}

// The list behind one number, a page at a time.
async function showChildren(panel, query, title) {
  clear(panel);
  panel.append(h("h3", { id: "drill-title", tabindex: "-1" }, title));
  const body = h("tbody", {});
  const more = h("button", { type: "button", class: "button secondary", id: "drill-more" }, t("Show more"));
  const status = h("p", { class: "muted", role: "status" });
  panel.append(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "drill-table" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", { scope: "col" }, t("Statewide number")), h("th", { scope: "col" }, t("Name")), h("th", { scope: "col" }, t("Birth date")), h("th", { scope: "col" }, t("Category 2")), h("th", { scope: "col" }, t("Evidence"))),
        ),
        body,
      ),
    ),
    status,
  );
  let page = 1;
  const load = async () => {
    more.disabled = true;
    try {
      const result = await childrenPage(query, page);
      for (const row of result.rows) body.append(childRow(row));
      status.textContent = t("%(shown)s of %(total)s children", { shown: body.children.length, total: result.total });
      if (page < result.last) {
        page += 1;
        more.disabled = false;
        if (!more.isConnected) panel.append(more);
      } else more.remove();
    } catch (error) {
      status.textContent = errorText(error);
    }
  };
  more.addEventListener("click", load);
  await load();
  panel.querySelector("#drill-title").focus();
}

function numberButton(value, onOpen, label) {
  // The accessible name starts with the visible number, then says which number it is.
  return h("button", { type: "button", class: "link-button", "aria-label": `${value}: ${label}`, onclick: onOpen }, String(value));
}

function countTable(caption, lines, keyLabel, openLine) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, keyLabel), h("th", { scope: "col" }, t("Category 1")), h("th", { scope: "col" }, t("Category 2")))),
      h(
        "tbody",
        {},
        lines.map((line) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, line.label),
            h("td", {}, line.category1 ? numberButton(line.category1, () => openLine(line, "1"), `${line.label}: ${t("Category 1")}`) : "0"),
            h("td", {}, line.category2 ? numberButton(line.category2, () => openLine(line, "2"), `${line.label}: ${t("Category 2")}`) : "0"),
          ),
        ),
      ),
    ),
  );
}

async function renderCount(section, period) {
  clear(section);
  const drill = h("section", { class: "card", id: "drill", "aria-live": "polite" });
  let report;
  try {
    report = (await call("GET", `/api/v1/reports/child-count?period=${encodeURIComponent(period)}`)).body;
  } catch (error) {
    section.append(h("p", { class: "banner banner-warning", role: "alert" }, errorText(error)));
    return;
  }
  const open = (query, title) => showChildren(drill, { period, ...query }, title);
  const totals = [{ label: t("Total, unduplicated"), category1: report.category1, category2: report.category2 }];
  section.append(
    h("p", {}, t("Performance period %(start)s to %(end)s.", { start: formatDate(report.start), end: formatDate(report.end) })),
    countTable(t("Unduplicated count"), totals, t("Children"), (_line, category) => open({ category }, t("Children in category %(category)s", { category }))),
    countTable(
      t("By region"),
      report.by_region.map((line) => ({ ...line, label: line.region_name || line.region_code })),
      t("Region"),
      (line, category) => open({ category, region_id: line.region_id }, `${line.label} · ${t("Category %(category)s", { category })}`),
    ),
    countTable(t("By age or grade"), report.by_bucket, t("Age or grade"), (line, category) =>
      open({ category, bucket: line.bucket }, `${line.label} · ${t("Category %(category)s", { category })}`),
    ),
    drill,
  );
}

async function downloadCsv(path, filename) {
  try {
    await download(path, filename);
  } catch (error) {
    toast(errorText(error), { kind: "danger" });
  }
}

async function renderList(section, which) {
  clear(section);
  const params = new URLSearchParams({ list: which, page_size: "100" });
  let rows;
  try {
    rows = (await call("GET", `/api/v1/reports/students?${params}`)).body;
  } catch (error) {
    section.append(h("p", { class: "banner banner-warning", role: "alert" }, errorText(error)));
    return;
  }
  section.append(
    h(
      "button",
      { type: "button", class: "button secondary", id: "list-export", onclick: () => downloadCsv(`/api/v1/reports/students/export?${params}`, `${which}.csv`) },
      t("Download CSV"),
    ),
    rows.length
      ? h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { id: "list-table" },
            h("thead", {}, h("tr", {}, [t("Region"), t("School"), t("Grade"), t("Statewide number"), t("Name"), t("Reasons")].map((label) => h("th", { scope: "col" }, label)))),
            h(
              "tbody",
              {},
              rows.map((row) =>
                h(
                  "tr",
                  {},
                  h("td", {}, String(row.region_id)),
                  h("td", {}, row.school_name || "—"),
                  h("td", {}, row.grade || "—"),
                  h("td", {}, row.statewide_number),
                  h("td", {}, [row.last_name1, row.last_name2].filter(Boolean).join(" "), ", ", row.first_name),
                  h("td", {}, row.reason_labels.join("; ") || "—"),
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, t("No children on this list.")),
  );
}

export async function render(main, context) {
  main.dataset.title = t("Reports");
  const periods = periodsAround();
  const countSection = h("div", { id: "count" });
  const listSection = h("div", { id: "list" });
  const periodSelect = h(
    "select",
    { id: "period", onchange: () => renderCount(countSection, periodSelect.value) },
    periods.map((p) => h("option", { value: p }, p)),
  );
  const listSelect = h(
    "select",
    { id: "which-list", onchange: () => renderList(listSection, listSelect.value) },
    h("option", { value: "pfs" }, t("Priority for Services")),
    h("option", { value: "english_learner" }, t("English learners")),
    h("option", { value: "iep" }, t("Children with an IEP")),
  );
  main.append(
    h("p", {}, h("a", { href: "#/", class: "button ghost small" }, t("Back"))),
    h("h1", {}, t("Reports")),
    h(
      "section",
      { class: "card", "aria-labelledby": "count-title" },
      h("h2", { id: "count-title" }, t("Child count")),
      h("label", { for: "period" }, t("Performance period")),
      periodSelect,
      countSection,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "list-title" },
      h("h2", { id: "list-title" }, t("Children to target")),
      h("label", { for: "which-list" }, t("List")),
      listSelect,
      listSection,
    ),
  );
  if (!context.session) return;
  // One after the other: each read is audited (a write), and SQLite takes one writer at a time.
  await renderCount(countSection, periods[0]);
  await renderList(listSection, "pfs");
}

// Re-interview quality control. State admins draw a reproducible random sample of the children
// on COEs approved in a period (the seed is shown and recorded), assign each drawn child a
// re-interviewer who had no part in the COE, and read the report: the defect rate with its
// confidence interval and the counts by outcome. Whoever is assigned a re-interview records
// its outcome here. Online only: nothing of it is kept on the tablet.
import { call } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { stateToday } from "../reference.js";
import { h, toast } from "../ui.js";
import { errorBanner, roleWords } from "./audit.js";

function outcomeWords(outcome) {
  return (
    {
      confirmed_eligible: [t("Confirmed eligible"), "success"],
      not_eligible: [t("Not eligible"), "danger"],
      not_reached: [t("Could not be reached"), "warning"],
    }[outcome] || [t("Not re-interviewed yet"), "waiting"]
  );
}

function outcomeBadge(outcome) {
  const [text, kind] = outcomeWords(outcome);
  return h("span", { class: `badge badge-${kind}`, dataset: { outcome: outcome || "pending" } }, text);
}

function percent(value) {
  return `${(value * 100).toFixed(1)}%`;
}

function daysBefore(iso, days) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

function regionName(regions, id) {
  if (id === null || id === undefined) return t("Statewide");
  const region = regions.get(id);
  return region ? region.name : String(id);
}

function userName(user) {
  return user.full_name ? `${user.full_name} (${user.username})` : user.username;
}

// -- drawing a sample (state admins) -----------------------------------------------------------

function drawForm(context, regions) {
  const today = stateToday();
  const status = h("div", { id: "draw-status" });
  const start = h("input", { id: "draw-start", type: "date", value: daysBefore(today, 30), required: true });
  const end = h("input", { id: "draw-end", type: "date", value: today, required: true });
  const rate = h("input", { id: "draw-rate", type: "number", min: "0.1", max: "100", step: "0.1", value: "10", required: true, inputmode: "decimal", "aria-describedby": "draw-rate-hint" });
  const seed = h("input", { id: "draw-seed", type: "text", maxlength: 64, pattern: "[0-9A-Za-z_\\-]{1,64}", autocomplete: "off", "aria-describedby": "draw-seed-hint" });
  const region = h(
    "select",
    { id: "draw-region" },
    h("option", { value: "" }, t("Statewide")),
    [...regions.values()].map((r) => h("option", { value: String(r.id) }, r.name)),
  );
  const submit = h("button", { type: "submit", class: "button primary", id: "draw-submit" }, t("Draw the sample"));
  const onsubmit = async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const body = { period_start: start.value, period_end: end.value, rate: Number(rate.value) / 100 };
    if (seed.value.trim()) body.seed = seed.value.trim();
    if (region.value) body.region_id = Number(region.value);
    submit.disabled = true;
    try {
      const sample = (await call("POST", "/api/v1/reinterviews/samples", body)).body;
      toast(t("Sample drawn: %(size)s of %(population)s children, seed %(seed)s.", { size: sample.sample_size, population: sample.population_size, seed: sample.seed }), { kind: "success" });
      context.navigate(`#/reinterviews/${sample.id}`);
    } catch (error) {
      submit.disabled = false;
      status.append(errorBanner(error, "draw-error"));
    }
  };
  const field = (id, label, input, hint) =>
    h("div", { class: "filter" }, h("label", { for: id, class: "field-label" }, label), input, hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
  return h(
    "section",
    { class: "card", "aria-labelledby": "draw-title", id: "draw" },
    h("h2", { id: "draw-title" }, t("Draw a sample")),
    h("p", { class: "muted" }, t("Children on certificates approved in the period (the state's days). The same period, rate and seed always draw the same children.")),
    h(
      "form",
      { class: "filters draw-form", id: "draw-form", onsubmit },
      field("draw-start", t("From"), start),
      field("draw-end", t("To"), end),
      field("draw-rate", t("Rate (%)"), rate, t("Share of the children to draw")),
      field("draw-seed", t("Seed"), seed, t("Letters, digits, - and _. Leave empty for a random seed; it is recorded with the sample.")),
      field("draw-region", t("Region"), region),
      h("div", { class: "actions-row filter-search" }, submit),
    ),
    status,
  );
}

function samplesList(samples, regions) {
  return h(
    "section",
    { class: "card", "aria-labelledby": "samples-title", id: "samples" },
    h("h2", { id: "samples-title" }, t("Samples"), " ", h("span", { class: "count" }, String(samples.length))),
    samples.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Samples") },
          h(
            "table",
            { class: "list-table", id: "samples-table" },
            h("thead", {}, h("tr", {}, [t("Drawn"), t("Period"), t("Region"), t("Rate"), t("Seed"), t("Children drawn")].map((label) => h("th", { scope: "col" }, label)))),
            h(
              "tbody",
              {},
              samples.map((sample) =>
                h(
                  "tr",
                  { dataset: { id: sample.id } },
                  h("th", { scope: "row" }, h("a", { href: `#/reinterviews/${sample.id}` }, formatDate(sample.created_at))),
                  h("td", {}, t("%(start)s to %(end)s", { start: formatDate(sample.period_start), end: formatDate(sample.period_end) })),
                  h("td", {}, regionName(regions, sample.region_id)),
                  h("td", {}, sample.requested_rate !== null && sample.requested_rate !== undefined ? percent(sample.requested_rate) : String(sample.requested_size)),
                  h("td", {}, h("code", {}, sample.seed)),
                  h("td", {}, t("%(size)s of %(population)s", { size: sample.sample_size, population: sample.population_size })),
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "empty" }, t("No sample drawn yet.")),
  );
}

// -- recording outcomes (the assigned re-interviewer) ------------------------------------------

function outcomeForm(item, reasons, rerender) {
  const key = item.id;
  const error = h("div", { id: `outcome-error-${key}` });
  const choices = ["confirmed_eligible", "not_eligible", "not_reached"].map((value) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name: `outcome-${key}`, value, id: `outcome-${value}-${key}`, required: true }), h("span", {}, outcomeWords(value)[0])),
  );
  const reason = h(
    "select",
    { id: `reason-${key}` },
    h("option", { value: "" }, t("Choose a reason")),
    reasons.map((r) => h("option", { value: r.code }, r.label)),
  );
  const reasonField = h("div", { class: "field", hidden: true }, h("label", { for: `reason-${key}`, class: "field-label" }, t("Why the child is not eligible")), reason);
  const notes = h("textarea", { id: `notes-${key}`, maxlength: 2000, rows: 3 });
  const date = h("input", { id: `date-${key}`, type: "date", value: stateToday(), max: stateToday(), required: true });
  const submit = h("button", { type: "submit", class: "button primary", id: `record-${key}` }, t("Record the outcome"));
  const form = h(
    "form",
    {
      class: "outcome-form",
      dataset: { id: key },
      onchange: () => {
        const picked = form.querySelector(`input[name="outcome-${key}"]:checked`);
        reasonField.hidden = !picked || picked.value !== "not_eligible";
      },
      onsubmit: async (event) => {
        event.preventDefault();
        error.replaceChildren();
        const picked = form.querySelector(`input[name="outcome-${key}"]:checked`);
        const body = { outcome: picked.value, reinterview_date: date.value, notes: notes.value.trim() || null };
        if (picked.value === "not_eligible") body.reason = reason.value || null;
        submit.disabled = true;
        try {
          await call("POST", `/api/v1/reinterviews/items/${key}/outcome`, body);
          toast(t("Outcome recorded."), { kind: "success" });
          rerender();
        } catch (failure) {
          submit.disabled = false;
          error.append(errorBanner(failure, `outcome-failure-${key}`));
        }
      },
    },
    h("fieldset", { class: "reasons" }, h("legend", { class: "field-label" }, t("Outcome")), h("div", { class: "choices" }, choices)),
    reasonField,
    h("div", { class: "field" }, h("label", { for: `notes-${key}`, class: "field-label" }, t("Notes (needed for “Other”)")), notes),
    h("div", { class: "field" }, h("label", { for: `date-${key}`, class: "field-label" }, t("Date of the re-interview")), date),
    error,
    h("div", { class: "actions-row" }, submit),
  );
  return form;
}

function myItems(items, reasons, regions, rerender) {
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  return h(
    "section",
    { class: "card", "aria-labelledby": "mine-title", id: "mine" },
    h("h2", { id: "mine-title" }, t("My re-interviews"), " ", h("span", { class: "count" }, String(items.filter((i) => !i.outcome).length))),
    h("p", { class: "muted" }, t("Visit the family again, ask the eligibility questions anew, and record what you found.")),
    items.length
      ? h(
          "ul",
          { class: "records reinterview-items" },
          items.map((item) =>
            h(
              "li",
              { class: "record reinterview-item", dataset: { id: item.id, outcome: item.outcome || "pending" } },
              h(
                "div",
                { class: "record-main" },
                h("div", { class: "record-title" }, item.child_name),
                h("div", { class: "record-meta" }, item.statewide_number, " · ", regionName(regions, item.region_id)),
                item.outcome
                  ? h(
                      "p",
                      { class: "record-note" },
                      outcomeBadge(item.outcome),
                      " ",
                      t("Re-interviewed on %(date)s", { date: formatDate(item.reinterview_date) }),
                      item.outcome_reason ? h("span", {}, " · ", labels.get(item.outcome_reason) || item.outcome_reason) : null,
                    )
                  : outcomeForm(item, reasons, rerender),
              ),
            ),
          ),
        )
      : h("p", { class: "empty", id: "mine-empty" }, t("No re-interview is assigned to you.")),
  );
}

// -- one sample: its children, assignments and report (state admins) ---------------------------

async function reinterviewerLists(items) {
  // Everyone a region's items may be assigned to is the same: ask once per region.
  const lists = new Map();
  for (const item of items) {
    if (lists.has(item.region_id)) continue;
    lists.set(item.region_id, (await call("GET", `/api/v1/reinterviews/items/${item.id}/reinterviewers`)).body);
  }
  return lists;
}

function assignControl(item, people, rerender) {
  const error = h("div", { id: `assign-error-${item.position}` });
  const choice = h(
    "select",
    { id: `assign-${item.position}`, "aria-label": t("Re-interviewer for %(name)s", { name: item.child_name }) },
    h("option", { value: "" }, t("Choose a person")),
    people.map((person) => h("option", { value: String(person.id), selected: person.id === item.reinterviewer_id }, `${userName(person)} · ${roleWords(person.role)}`)),
  );
  const button = h("button", { type: "submit", class: "button secondary small", id: `assign-button-${item.position}` }, item.reinterviewer_id ? t("Change") : t("Assign"));
  return h(
    "form",
    {
      class: "assign-form",
      onsubmit: async (event) => {
        event.preventDefault();
        error.replaceChildren();
        if (!choice.value) return;
        button.disabled = true;
        try {
          await call("POST", `/api/v1/reinterviews/items/${item.id}/assign`, { reinterviewer_id: Number(choice.value) });
          toast(t("Re-interviewer assigned."), { kind: "success" });
          rerender();
        } catch (failure) {
          button.disabled = false;
          error.append(errorBanner(failure, `assign-failure-${item.position}`));
        }
      },
    },
    h("div", { class: "assign-row" }, choice, button),
    error,
  );
}

// Only state admins assign: for anyone else the lists are null and the table is read-only.
function itemsTable(items, lists, people, reasons, regions, rerender) {
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  return h(
    "section",
    { class: "card", "aria-labelledby": "items-title", id: "items" },
    h("h2", { id: "items-title" }, t("Children drawn"), " ", h("span", { class: "count" }, String(items.length))),
    h("p", { class: "muted" }, t("A re-interviewer must not have recruited, reviewed or signed the certificate.")),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("Children drawn") },
      h(
        "table",
        { class: "list-table", id: "items-table" },
        h("thead", {}, h("tr", {}, ["#", t("Child"), t("Region"), t("Re-interviewer"), t("Outcome")].map((label) => h("th", { scope: "col" }, label)))),
        h(
          "tbody",
          {},
          items.map((item) => {
            const person = people.get(item.reinterviewer_id);
            return h(
              "tr",
              { dataset: { id: item.id, position: item.position, coe: item.coe_id, outcome: item.outcome || "pending" } },
              h("td", {}, String(item.position)),
              h("th", { scope: "row" }, item.child_name, h("div", { class: "muted small" }, item.statewide_number)),
              h("td", {}, regions.has(item.region_id) ? regions.get(item.region_id).code : String(item.region_id)),
              h(
                "td",
                { class: "reinterviewer" },
                item.reinterviewer_id ? h("div", { class: "assigned-to" }, person ? userName(person) : `#${item.reinterviewer_id}`) : null,
                item.outcome || !lists ? null : assignControl(item, lists.get(item.region_id) || [], rerender),
              ),
              h(
                "td",
                {},
                outcomeBadge(item.outcome),
                item.reinterview_date ? h("div", { class: "muted small" }, formatDate(item.reinterview_date)) : null,
                item.outcome_reason ? h("div", { class: "small" }, labels.get(item.outcome_reason) || item.outcome_reason) : null,
              ),
            );
          }),
        ),
      ),
    ),
  );
}

function reportView(report, reasons) {
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  const counts = [
    [t("Children drawn"), report.sample_size, "drawn"],
    [t("Assigned"), report.assigned, "assigned"],
    [t("Not re-interviewed yet"), report.pending, "pending"],
    [t("Confirmed eligible"), report.confirmed_eligible, "confirmed"],
    [t("Not eligible"), report.not_eligible, "not-eligible"],
    [t("Could not be reached"), report.not_reached, "not-reached"],
  ];
  const interval = report.interval;
  return h(
    "section",
    { class: "card", "aria-labelledby": "report-title", id: "report" },
    h("h2", { id: "report-title" }, t("Report")),
    report.defect_rate === null || report.defect_rate === undefined
      ? h("p", { class: "empty", id: "defect-rate" }, t("No defect rate yet: no child has been re-interviewed."))
      : h(
          "div",
          { class: "defect" },
          h("p", { class: "defect-rate", id: "defect-rate" }, h("span", { class: "defect-value" }, percent(report.defect_rate)), " ", t("defect rate")),
          h(
            "p",
            { id: "defect-interval" },
            interval
              ? t("%(confidence)s confidence interval (Wilson): %(low)s to %(high)s", { confidence: percent(interval.confidence).replace(".0%", "%"), low: percent(interval.low), high: percent(interval.high) })
              : null,
          ),
          h("p", { class: "muted small" }, t("Not eligible out of %(count)s children re-interviewed; those who could not be reached are left out.", { count: report.reinterviewed })),
        ),
    h(
      "dl",
      { class: "facts", id: "report-counts" },
      counts.map(([label, value, name]) => [h("dt", {}, label), h("dd", { dataset: { count: name } }, String(value))]),
    ),
    Object.keys(report.reasons || {}).length
      ? h(
          "div",
          {},
          h("h3", {}, t("Why children were not eligible")),
          h(
            "ul",
            { id: "report-reasons" },
            Object.entries(report.reasons).map(([code, count]) => h("li", {}, `${labels.get(code) || code}: ${count}`)),
          ),
        )
      : null,
    report.draw_verified
      ? h("p", { class: "notice", id: "draw-verified" }, t("Drawing again from the records with the same seed gives the same children."))
      : h("p", { class: "banner banner-warning inline", role: "alert", id: "draw-verified" }, t("Drawing again no longer gives the same children: the records of the period have changed since the draw.")),
  );
}

async function renderSample(main, context, sampleId, regions, reasons) {
  const rerender = () => context.rerender({ keepPlace: true });
  main.append(h("p", {}, h("a", { href: "#/reinterviews", class: "back-link" }, t("All samples"))));
  let sample;
  let report = null;
  let lists = new Map();
  try {
    sample = (await call("GET", `/api/v1/reinterviews/samples/${sampleId}`)).body;
    if (context.session.user.role === "state_admin") {
      report = (await call("GET", `/api/v1/reinterviews/samples/${sampleId}/report`)).body;
      lists = await reinterviewerLists(sample.items);
    }
  } catch (error) {
    main.append(errorBanner(error, "sample-error"));
    return;
  }
  const people = new Map([...lists.values()].flat().map((person) => [person.id, person]));
  main.append(
    h("h1", {}, t("Re-interview sample")),
    h(
      "section",
      { class: "card", "aria-labelledby": "sample-title", id: "sample" },
      h("h2", { id: "sample-title" }, t("%(start)s to %(end)s", { start: formatDate(sample.period_start), end: formatDate(sample.period_end) })),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("Region")),
        h("dd", {}, regionName(regions, sample.region_id)),
        h("dt", {}, t("Rate")),
        h("dd", {}, sample.requested_rate !== null && sample.requested_rate !== undefined ? percent(sample.requested_rate) : String(sample.requested_size)),
        h("dt", {}, t("Seed")),
        h("dd", { id: "sample-seed" }, h("code", {}, sample.seed)),
        h("dt", {}, t("Children drawn")),
        h("dd", { id: "sample-size" }, t("%(size)s of %(population)s", { size: sample.sample_size, population: sample.population_size })),
        h("dt", {}, t("Method")),
        h("dd", {}, h("code", {}, sample.method)),
        h("dt", {}, t("Fingerprint of the children in the period")),
        h("dd", { class: "mono hash" }, sample.population_hash),
      ),
    ),
    report ? reportView(report, reasons) : null,
    itemsTable(sample.items, context.session.user.role === "state_admin" ? lists : null, people, reasons, regions, rerender),
  );
}

export async function render(main, context, where) {
  main.dataset.title = t("Re-interviews");
  const role = context.session.user.role;
  if (role === "recruiter") {
    main.append(h("h1", {}, t("Re-interviews")), h("p", { class: "banner banner-warning inline", role: "alert" }, t("Recruiters take no part in the quality control of their own work.")));
    return;
  }
  const rerender = () => context.rerender({ keepPlace: true });
  let regions;
  let reasons;
  try {
    const [regionResponse, reasonResponse] = await Promise.all([call("GET", "/api/v1/regions"), call("GET", "/api/v1/reinterview-reasons")]);
    regions = new Map(regionResponse.body.map((region) => [region.id, region]));
    reasons = reasonResponse.body;
  } catch (error) {
    main.append(errorBanner(error, "reinterviews-error"));
    return;
  }
  if (where.id) {
    await renderSample(main, context, where.id, regions, reasons);
    return;
  }
  main.append(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("Re-interviews")), h("p", { class: "lead" }, t("Quality control: a second interview of a random sample of the children found eligible.")))),
  );
  let mine;
  let samples = null;
  try {
    // One after the other: each read is audited (a write), and SQLite takes one writer at a time.
    mine = (await call("GET", "/api/v1/reinterviews/items?mine=true")).body;
    if (role === "state_admin") samples = (await call("GET", "/api/v1/reinterviews/samples")).body;
  } catch (error) {
    main.append(errorBanner(error, "reinterviews-error"));
    return;
  }
  if (role === "state_admin") main.append(drawForm(context, regions));
  if (mine.length || role !== "state_admin") main.append(myItems(mine, reasons, regions, rerender));
  if (samples) main.append(samplesList(samples, regions));
}


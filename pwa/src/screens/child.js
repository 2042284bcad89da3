// A child's whole history, for the recruiter or the school when the child arrives: eligibility,
// schools, courses and credits, tests, flags, and other states' records. Read from the server
// each time (never stored on the tablet); printable as a PDF in English or Spanish. Regional
// staff and state admins also record and correct it below (screens/history_edit.js).
import { ApiError, call, getSession } from "../api.js";
import { currentLanguage, formatDate, t } from "../i18n.js";
import { clear, h, toast } from "../ui.js";
import { canWrite, editor } from "./history_edit.js";
import { moveNoticeSection } from "./move_notice.js";

function yesNo(value) {
  if (value === null || value === undefined) return t("Not recorded");
  return value ? t("Yes") : t("No");
}

function table(id, headings, rows) {
  if (!rows.length) return h("p", { class: "empty" }, t("None recorded."));
  return h(
    "table",
    { class: "history-table", id },
    h("thead", {}, h("tr", {}, headings.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell ?? "—"))))),
  );
}

function section(id, title, content) {
  return h("section", { class: "card", id, "aria-labelledby": `${id}-title` }, h("h2", { id: `${id}-title` }, title), content);
}

async function printPdf(childId) {
  // The PDF needs the sign-in header, so it is fetched here and shown from memory.
  const session = await getSession();
  try {
    const response = await fetch(`/api/v1/children/${childId}/history.pdf?lang=${currentLanguage()}`, {
      headers: { Authorization: `Bearer ${session.access_token}` },
      cache: "no-store",
      credentials: "omit",
    });
    if (!response.ok) throw new Error(String(response.status));
    const url = URL.createObjectURL(await response.blob());
    window.open(url, "_blank", "noopener");
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch {
    toast(t("The PDF could not be made. Check the connection, or sign in again."), { kind: "warning" });
  }
}

export async function render(main, context, where) {
  main.dataset.title = t("Student history");
  let history;
  try {
    ({ body: history } = await call("GET", `/api/v1/children/${where.id}/history`));
  } catch (error) {
    const message = error instanceof ApiError ? error.message : t("The history needs a connection. Try again when you are online.");
    main.append(h("p", { class: "banner banner-warning", role: "alert", id: "history-error" }, message), h("a", { class: "button secondary", href: "#/locator" }, t("Back")));
    return;
  }
  const child = history.child;
  const name = [child.first_name, child.middle_name, child.last_name1, child.last_name2].filter(Boolean).join(" ");
  main.append(
    h(
      "div",
      { class: "home-head" },
      h("div", {}, h("h1", { id: "history-name" }, name), h("p", { class: "lead" }, `${child.statewide_number_display} · ${t("Born %(date)s", { date: formatDate(child.birth_date) })}`)),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "button secondary", href: "#/locator" }, t("Back")),
        h("button", { type: "button", class: "button primary", id: "history-print", onclick: () => printPdf(child.id) }, t("Print")),
      ),
    ),
  );
  const view = h("div", { id: "history-view" });
  drawHistory(view, history);
  main.append(view, moveNoticeSection(child));
  if (canWrite(context.session)) {
    // After a save the history above is read again, so both parts tell the same.
    const redraw = async () => {
      try {
        ({ body: history } = await call("GET", `/api/v1/children/${where.id}/history`));
        drawHistory(view, history);
      } catch {
        // the editor's own message said what failed; the history stays as it was
      }
    };
    try {
      main.append(await editor({ session: context.session, child, onChanged: redraw }));
    } catch (error) {
      const message = error instanceof ApiError ? error.message : t("The history needs a connection. Try again when you are online.");
      main.append(h("p", { class: "banner banner-warning", role: "alert", id: "history-editor-error" }, message));
    }
  }
  context.setCleanup(() => {});
}

// The read-only history: what the school needs, eligibility, schools, courses, tests, MSIX.
function drawHistory(view, history) {
  const child = history.child;
  const flags = history.flags;
  clear(view).append(
    section(
      "history-flags",
      t("What the school needs"),
      h(
        "dl",
        { class: "facts" },
        [
          [t("State student ID"), child.state_student_id || "—"],
          [t("Eligible until"), history.eligible_until ? formatDate(history.eligible_until) : "—"],
          [t("English learner"), yesNo(flags.english_learner)],
          [t("Individualized education program (IEP)"), yesNo(flags.iep)],
          [t("Priority for Services"), yesNo(flags.priority_for_services)],
          [t("Medical alert"), flags.medical_alert || "—"],
          [t("Algebra I or equivalent passed"), yesNo(flags.algebra1_passed)],
          [t("Credits earned"), history.credits_earned],
        ].map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
      ),
    ),
    section(
      "history-eligibility",
      t("Eligibility"),
      table(
        "history-coes",
        [t("Qualifying arrival date"), t("Moved from"), t("Moved to"), t("Eligible until")],
        history.coes.map((coe) => [formatDate(coe.qualifying_arrival_date), coe.move_from, coe.move_to, formatDate(coe.eligibility_end_date)]),
      ),
    ),
    section(
      "history-enrollments",
      t("School enrollments"),
      table(
        "history-enrollment-list",
        [t("School or project"), t("Grade"), t("Enrolled"), t("Withdrawn")],
        history.enrollments.map((e) => [e.school_name, e.grade, formatDate(e.enrollment_date), formatDate(e.withdrawal_date)]),
      ),
    ),
    section(
      "history-courses",
      t("Course history"),
      table(
        "history-course-list",
        [t("Course"), t("School year"), t("Final grade"), t("Credits earned"), t("Passed")],
        history.courses.map((c) => [c.course_title, c.school_year, c.final_grade, c.credits_earned, yesNo(c.passed)]),
      ),
    ),
    section(
      "history-assessments",
      t("Assessments"),
      table(
        "history-assessment-list",
        [t("Assessment"), t("Date"), t("Score"), t("Result")],
        history.assessments.map((a) => [a.title, formatDate(a.administered_on), a.score, a.proficiency || a.interpretation]),
      ),
    ),
    section(
      "history-other-states",
      t("Records from other states (MSIX)"),
      table(
        "history-msix",
        [t("State"), t("School or project"), t("Enrolled"), t("Eligible until")],
        history.other_states.flatMap((group) =>
          group.records.map((r) => [group.state, r.school_or_project_name, formatDate(r.enrollment_date), formatDate(r.eligibility_expiration_date)]),
        ),
      ),
    ),
  );
}

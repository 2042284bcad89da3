// Role-based entry: which screen "home" is for each role, and the links between the screens
// a reviewer or regional staff member works in. Recruiters see no links: they have one screen.
import { t } from "../i18n.js";
import { h } from "../ui.js";

export function homeRoute(session) {
  const role = session && session.user && session.user.role;
  if (role === "regional_staff") return { name: "regional" };
  if (role === "state_admin") return { name: "review" };
  return { name: "home" };
}

export function roleNav(session, current) {
  const role = session.user && session.user.role;
  if (!role || role === "recruiter") return null;
  const links = [];
  // Supervisors also recruit, so they keep the tablet's own screen.
  if (role === "supervisor") links.push(["#/", t("My certificates"), "home"]);
  links.push(["#/review", t("Review queue"), "review"]);
  links.push(["#/regional", t("Regional dashboard"), "regional"]);
  links.push(["#/handover", t("Import a tablet's file"), "handover"]);
  links.push(["#/quality", t("Data quality"), "quality"]);
  links.push(["#/move-notices", t("Move notices"), "moveNotices"]);
  if (role === "state_admin") links.push(["#/msix", t("MSIX"), "msix"]);
  if (role === "regional_staff" || role === "state_admin") links.push(["#/history-import", t("Import history records"), "history-import"]);
  // Supervisors and regional staff record the re-interviews assigned to them; state admins
  // draw the samples, assign them and read the reports, and search the audit trail.
  links.push(["#/reinterviews", t("Re-interviews"), "reinterviews"]);
  if (role === "state_admin") links.push(["#/audit", t("Audit trail"), "audit"]);
  const here = current === "duplicates" ? "regional" : current;
  return h(
    "nav",
    { class: "role-nav", "aria-label": t("Work areas") },
    links.map(([href, text, name]) =>
      h("a", { href, id: `nav-${name}`, class: name === here ? "current" : null, "aria-current": name === here ? "page" : null }, text),
    ),
  );
}

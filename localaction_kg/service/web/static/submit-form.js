// The officer's form: move the focus to the error summary (GOV.UK pattern), and keep the
// summary's links focusing their field. Everything works without this script.
const summary = document.getElementById("error-summary");
if (summary) {
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    const details = target.closest("fieldset")?.querySelector("details");
    if (details) details.open = true;
    target.scrollIntoView({ block: "center" });
    target.focus();
  });
}

// The browser half of the site's gettext catalogues (localaction_kg/i18n).
//
//   import { t, tn } from "/static/i18n.js";
//   t("Running…")                                  // the message in the page's language
//   t("%(n)s rows", { n: 12 })                     // %(name)s placeholders, as on the server
//   tn("%(num)s result", "%(num)s results", count) // plural forms; num is the count
//
// base.html carries the messages scripts use, for the page's language, in
// <script type="application/json" id="lakg-i18n"> (a data block, so no inline script is needed).
// `pybabel extract` (scripts/i18n.sh) finds the t() and tn() calls in static/*.js: call them
// with string literals, not variables, or the message cannot be extracted.

let messages = null;

/** The page's interface language, as <html lang> says it. */
export const lang = document.documentElement.lang || "en";

function catalogue() {
  if (messages === null) {
    const block = document.getElementById("lakg-i18n");
    try {
      messages = block ? JSON.parse(block.textContent) : {};
    } catch (err) {
      console.warn("unreadable i18n catalogue", err);
      messages = {};
    }
  }
  return messages;
}

// %(name)s and %(name)d are filled from vars, and %% is a percent sign, as in Python's formatting
function format(text, vars = {}) {
  return text.replace(/%(?:\((\w+)\)[sd]|%)/g, (whole, name) =>
    name === undefined ? "%" : name in vars ? String(vars[name]) : whole,
  );
}

/** The translation of msgid (the English text itself when there is none). */
export function t(msgid, vars) {
  const found = catalogue()[msgid];
  return format(typeof found === "string" && found ? found : msgid, vars);
}

const rules = new Intl.PluralRules(lang);

/** The singular or plural form for n, translated; vars.num defaults to n. */
export function tn(singular, plural, n, vars) {
  const found = catalogue()[singular];
  // French, English and Spanish have two gettext forms: "one" and everything else
  const index = rules.select(n) === "one" ? 0 : 1;
  const text = Array.isArray(found) && found[index] ? found[index] : index === 0 ? singular : plural;
  return format(text, { num: n, ...vars });
}

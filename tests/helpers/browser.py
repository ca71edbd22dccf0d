"""Browser pages watched for Content-Security-Policy violations (every browser test runs under the CSP)."""

from __future__ import annotations

__all__ = ["CSP_VIOLATIONS", "PolicedBrowser"]

#: Content-Security-Policy violations seen by any page of the current test (tests run under the CSP)
CSP_VIOLATIONS: list[str] = []
_WATCH_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));"""


class PolicedBrowser:
    """The browser, with every new page watched for CSP violations (tests/conftest.py fails a test on any)."""

    def __init__(self, browser: object) -> None:
        self._browser = browser

    def __getattr__(self, name: str) -> object:
        return getattr(self._browser, name)

    def new_page(self, *args: object, **kwargs: object) -> object:
        page = self._browser.new_page(*args, **kwargs)  # type: ignore[attr-defined]
        page.add_init_script(_WATCH_CSP)

        def seen(msg: object) -> None:
            text = msg.text  # type: ignore[attr-defined]
            if "CSP violation" in text or "Content Security Policy" in text:
                CSP_VIOLATIONS.append(text)

        page.on("console", seen)
        return page

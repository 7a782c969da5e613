"""Recording Content-Security-Policy violations in a browser context: every `securitypolicyviolation` event of
every document and frame (reported to Python through an exposed binding, so none is lost at a navigation), every
console message about a Content Security Policy (Chromium reports some refusals only there) and every uncaught
script error (a refused script often shows as a missing function later)."""

REPORT_JS = """() => {
  document.addEventListener('securitypolicyviolation', e => window.__portalCspViolation({
    directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
    line: e.lineNumber, sample: e.sample, page: document.location.href}), true);
}"""


class CSPRecorder:
    def __init__(self, context):
        self.violations = []
        self.errors = []
        context.expose_binding("__portalCspViolation", lambda source, violation: self.violations.append(violation))
        context.add_init_script(f"({REPORT_JS})()")
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, message):
        if "content security policy" in message.text.lower():
            self.violations.append({"console": message.text, "page": message.page.url if message.page else ""})

    def settle(self, page, ms=300):
        """Let the events of the current document (dispatched in a later task) arrive."""
        page.wait_for_timeout(ms)

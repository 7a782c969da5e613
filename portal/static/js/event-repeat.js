// Event editor: show the custom RRULE field only when "Custom rule" is chosen (or when it already holds a rule).
(function () {
  function setUp() {
    document.querySelectorAll("select[data-repeat-select]").forEach(function (select) {
      var rule = select.form && select.form.querySelector('[name="' + select.dataset.customField + '"]');
      if (!rule) { return; }
      var wrapper = rule.closest("[data-field-wrapper]") || rule.parentElement;
      function sync() { wrapper.hidden = select.value !== "custom" && !rule.value.trim(); }
      select.addEventListener("change", sync);
      sync();
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();

// Progressive enhancement of the book list filters: apply a filter as soon as it is changed.
// Without JavaScript the "Show books" button does the same.
document.querySelectorAll("form.facets").forEach(function (form) {
  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox], input[type=radio], select")) {
      form.submit();
    }
  });
});

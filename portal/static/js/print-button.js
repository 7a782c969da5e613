/* Shows the "Print" button of a guideline (hidden without JavaScript, where the browser's own print is used). */
document.querySelectorAll("[data-print-button]").forEach(function (wrapper) {
  wrapper.hidden = false;
  wrapper.querySelector("button").addEventListener("click", function () { window.print(); });
});

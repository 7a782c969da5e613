/* Suggestions of book titles and authors while typing in a search box (progressive enhancement: without
   JavaScript the form simply submits to the results page). ARIA 1.2 combobox with a listbox popup. */
(function () {
  "use strict";
  var MIN_LENGTH = 2, DELAY = 120, counter = 0;

  function marked(html) {
    // The API escapes titles and adds only <mark>; copy text and <mark> elements, nothing else.
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    var out = document.createDocumentFragment();
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 3) { out.appendChild(document.createTextNode(node.textContent)); }
      else if (node.nodeName === "MARK") { var m = document.createElement("mark"); m.textContent = node.textContent; out.appendChild(m); }
      else { out.appendChild(document.createTextNode(node.textContent)); }
    });
    return out;
  }

  function setup(input) {
    var id = "autocomplete-" + (++counter);
    var list = document.createElement("ul");
    var status = document.getElementById("autocomplete-status");
    var timer = null, controller = null, items = [], active = -1;
    list.id = id;
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || (status && status.getAttribute("data-label")) || "");
    list.hidden = true;
    input.parentNode.classList.add("autocomplete-host");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    function close() {
      list.hidden = true; list.textContent = ""; items = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function select(index) {
      if (active >= 0 && items[active]) { items[active].setAttribute("aria-selected", "false"); }
      active = index;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function render(data) {
      list.textContent = ""; items = []; active = -1;
      (data.items || []).forEach(function (item, index) {
        var option = document.createElement("li");
        var link = document.createElement("a");
        var kind = document.createElement("span");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        link.href = item.url;
        link.tabIndex = -1;
        link.appendChild(marked(item.title_html));
        if (item.subtitle) { var sub = document.createElement("span"); sub.className = "autocomplete__subtitle"; sub.textContent = item.subtitle; link.appendChild(sub); }
        kind.className = "autocomplete__kind";
        kind.textContent = item.type_label;
        link.appendChild(kind);
        option.appendChild(link);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = item.url; });
        list.appendChild(option);
        items.push(option);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (status) {
        status.textContent = items.length ? (status.getAttribute("data-template") || "").replace("{count}", items.length) : "";
      }
    }
    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) { close(); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var lang = document.documentElement.lang || "kk";
      fetch("/api/v3/search/autocomplete/?q=" + encodeURIComponent(text) + "&locale=" + encodeURIComponent(lang),
            { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) { if (input.value.trim() === text) { render(data); } })
        .catch(function () { /* offline or aborted: the form still works */ });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, DELAY); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) { fetchSuggestions(); return; }
        event.preventDefault(); select(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (list.hidden) { return; }
        event.preventDefault(); select(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault(); window.location.href = items[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();

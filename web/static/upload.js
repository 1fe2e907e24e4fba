// roadmap: drag-and-drop onto the upload fields. Without this script the
// file fields work as they are; with it, files dropped on the area are
// put into its field, and the chosen files are listed.
(function () {
  "use strict";
  function list(area, input) {
    var ul = area.querySelector("ul.chosen");
    if (!ul) {
      ul = document.createElement("ul");
      ul.className = "chosen";
      area.appendChild(ul);
    }
    ul.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name;
      ul.appendChild(li);
    }
  }
  document.querySelectorAll("[data-drop]").forEach(function (area) {
    var input = area.querySelector("input[type=file]");
    if (!input) return;
    var hint = document.createElement("p");
    hint.className = "muted";
    hint.textContent = "или перетащите файлы сюда";
    area.appendChild(hint);
    input.addEventListener("change", function () { list(area, input); });
    ["dragenter", "dragover"].forEach(function (ev) {
      area.addEventListener(ev, function (e) { e.preventDefault(); area.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      area.addEventListener(ev, function () { area.classList.remove("over"); });
    });
    area.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      if (!input.multiple && e.dataTransfer.files.length > 1) {
        hint.textContent = "здесь можно выбрать только один файл";
        return;
      }
      input.files = e.dataTransfer.files;
      list(area, input);
    });
  });
})();

// Small conveniences on top of pages that work without script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Ask before deleting a rule.
  for (const form of document.querySelectorAll("form.confirm[data-confirm]")) {
    form.addEventListener("submit", (e) => {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  }

  // Refuse a calendar that is too large before sending it.
  const file = document.getElementById("upload-file");
  const error = document.getElementById("upload-error");
  if (file && error) {
    const check = () => {
      const max = Number(file.dataset.maxBytes || 0);
      const f = file.files && file.files[0];
      if (f && max && f.size > max) {
        error.textContent = `${f.name} is ${(f.size / 1048576).toFixed(1)} MB; a browser upload may be at most ${Math.round(max / 1048576)} MB. Import it with "fulcrum import calendar FILE" instead.`;
        error.hidden = false;
        return false;
      }
      error.hidden = true;
      return true;
    };
    file.addEventListener("change", check);
    file.form.addEventListener("submit", (e) => { if (!check()) e.preventDefault(); });
  }

  // Show that a form is working (imports and scans can take a moment).
  for (const form of document.querySelectorAll("form[method=post]")) {
    form.addEventListener("submit", (e) => {
      if (e.defaultPrevented) return;
      const button = form.querySelector("button[type=submit]");
      if (button && !button.classList.contains("small")) {
        button.setAttribute("aria-busy", "true");
        button.dataset.label = button.textContent;
        button.textContent = "Working…";
      }
    });
  }

  // [ and ] move between weeks, as the buttons do.
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const id = e.key === "[" ? "prev-week" : e.key === "]" ? "next-week" : null;
    const link = id && document.getElementById(id);
    if (link && link.href) link.click();
  });
});

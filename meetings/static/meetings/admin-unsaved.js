// Ask before leaving a page whose form was changed and not submitted (a closed tab, a
// link, the back button): a curator's corrections are not lost by a stray click.
"use strict";
(() => {
  let changed = false;
  let submitting = false;
  const touched = (event) => {
    if (event.target.form) {
      changed = true;
    }
  };
  document.addEventListener("input", touched);
  document.addEventListener("change", touched);
  // Autocomplete boxes (select2) announce a choice through jQuery only (their "change"
  // is also sent when the page sets them up, so it says nothing of the curator).
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:select select2:unselect", touched);
  }
  document.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (changed && !submitting) {
      event.preventDefault();
      event.returnValue = "";  // older browsers show the prompt only when this is set
    }
  });
})();

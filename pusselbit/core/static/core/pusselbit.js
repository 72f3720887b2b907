// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users meet the errors first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

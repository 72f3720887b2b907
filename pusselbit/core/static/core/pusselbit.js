// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users meet the errors first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // A compilation in progress: follow its status and show the finished page when it is done.
  // Without script the page offers a refresh link instead.
  const progress = document.querySelector("[data-compilation-progress]");
  if (progress) followCompilation(progress);
});

function followCompilation(box) {
  const url = box.dataset.compilationProgress;
  const bar = box.querySelector("progress");
  const line = box.querySelector("[data-compilation-step]");
  let lastStep = bar ? bar.value : null;
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return setTimeout(poll, 5000);
      const state = await response.json();
      if (state.finished) return window.location.reload();
      if (bar) bar.value = state.step;
      // Only a new step is announced, so a screen reader is not read the same line each second.
      if (line && state.step !== lastStep) {
        line.textContent = state.line;
        lastStep = state.step;
      }
    } catch (error) {
      return setTimeout(poll, 5000);
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}

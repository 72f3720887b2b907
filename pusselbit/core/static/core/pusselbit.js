// Progressive enhancement only: every page works without this file.

// Loaded in the head, not deferred: the page is marked as scripted before it is drawn, so that
// pusselbit.css may fold a phone's header menu behind its button without the menu flashing open.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  const menuButton = document.querySelector("[data-menu-button]");
  if (menuButton) foldMenu(menuButton);

  // Move focus to the error summary so screen-reader and keyboard users meet the errors first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // A compilation in progress: follow its status and show the finished page when it is done.
  // Without script the page offers a refresh link instead.
  const progress = document.querySelector("[data-compilation-progress]");
  if (progress) followCompilation(progress);
});

// The header's menu behind a button on a narrow screen (the CSS shows the button only there): the
// button opens and closes it and says which it is; Escape closes it and returns to the button.
function foldMenu(button) {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("site-menu--open", open);
  };
  button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  button.closest("header").addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      show(false);
      button.focus();
    }
  });
}

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

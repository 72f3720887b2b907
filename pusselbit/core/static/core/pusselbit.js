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

  // Similar initiatives: on an initiative's page shown in place, on the idea form as it is typed.
  const similar = document.querySelector("[data-similar]");
  if (similar) showSimilar(similar, similar.dataset.similar);
  const suggestions = document.querySelector("[data-similar-text]");
  if (suggestions) suggestSimilar(suggestions);
});

// Put the list the address answers with into the box's live region (its link stays otherwise).
async function showSimilar(box, url) {
  try {
    const response = await fetch(url, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    box.querySelector("[data-similar-list]").innerHTML = await response.text();
  } catch (error) {
    // Offline or refused: the link to the full page is still there.
  }
}

// The idea form: once the initiator pauses typing, ask for initiatives like the title, problem
// and idea written so far ("Liknande satsningar finns redan"), at most once a second.
function suggestSimilar(box) {
  const form = box.previousElementSibling;
  const fields = ["title", "problem", "idea"]
    .map((name) => form && form.elements.namedItem(name))
    .filter(Boolean);
  let timer = null;
  let asked = "";
  const ask = () => {
    const text = fields.map((field) => field.value.trim()).filter(Boolean).join("\n");
    if (text.length < 20 || text === asked) return;
    asked = text;
    const url = new URL(box.dataset.similarText, window.location.href);
    url.searchParams.set("text", text.slice(0, 4000));
    url.searchParams.set("del", "lista");
    showSimilar(box, url);
  };
  fields.forEach((field) =>
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 1000);
    }),
  );
  ask();
}

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

// What the link pages share: their strings in every language they offer, switching
// language without reloading (a reload could spend an open), problems said in every
// offered language, and reading the secret from the URL fragment.

const SECRET = /^[A-Za-z0-9_-]{43}$/;

export class Voice {
  constructor(main) {
    this.strings = JSON.parse(main.dataset.strings || "{}");
    this.directions = JSON.parse(main.dataset.directions || "{}");
    this.language = document.documentElement.lang;
    this.problemBox = main.querySelector("[data-problem]");
  }

  text(key, values = {}, language = this.language) {
    const template = (this.strings[language] || {})[key] || (this.strings.fr || {})[key] || key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  // The language buttons in the header; each re-labels the page in place.
  offerLanguages() {
    const nav = document.querySelector("[data-languages]");
    if (!nav || Object.keys(this.strings).length < 2) {
      return;
    }
    nav.hidden = false;
    for (const button of nav.querySelectorAll("[data-language]")) {
      button.addEventListener("click", () => this.speak(button.dataset.language));
    }
  }

  speak(language) {
    if (!(language in this.strings)) {
      return;
    }
    this.language = language;
    document.documentElement.lang = language;
    document.documentElement.dir = this.directions[language] || "ltr";
    for (const button of document.querySelectorAll("[data-language]")) {
      button.setAttribute("aria-pressed", String(button.dataset.language === language));
    }
    for (const element of document.querySelectorAll("[data-t]")) {
      const values = element.dataset.values ? JSON.parse(element.dataset.values) : {};
      element.textContent = this.text(element.dataset.t, values);
    }
    if (this.lastProblem) {
      this.problem(...this.lastProblem);
    }
  }

  // A problem in the current language first, then in the others the page offers.
  problem(key, values = {}) {
    this.lastProblem = [key, values];
    const box = this.problemBox;
    const holder = box.querySelector("[data-problem-text]");
    holder.replaceChildren();
    const languages = [this.language, ...Object.keys(this.strings).filter((code) => code !== this.language)];
    languages.forEach((language, index) => {
      const line = document.createElement("p");
      line.lang = language;
      line.dir = this.directions[language] || "ltr";
      if (index > 0) {
        line.className = "other-language";
      }
      line.textContent = this.text(key, values, language);
      holder.append(line);
    });
    box.hidden = false;
    box.scrollIntoView({ block: "center" });
  }

  clearProblem() {
    this.lastProblem = null;
    this.problemBox.hidden = true;
  }
}

// The 43-character secret after "#", or null when it is missing or damaged.
export function fragmentSecret() {
  const text = decodeURIComponent(window.location.hash.slice(1)).trim();
  return SECRET.test(text) ? text : null;
}

export function readableSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// The analyst's page: collect the articles, POST /brief, show the brief as /render/html renders
// it, offer downloads, and put each API error next to the input that caused it.
(function () {
  "use strict";

  var form = document.getElementById("brief-form");
  var list = document.getElementById("article-list");
  var template = document.getElementById("article-template");
  var submit = document.getElementById("submit");
  var progress = document.getElementById("progress");
  var progressText = document.getElementById("progress-text");
  var result = document.getElementById("result");
  var view = document.getElementById("brief-view");
  var current = null; // { brief, documents } of the brief on show

  function articles() {
    return Array.prototype.slice.call(list.querySelectorAll(".article"));
  }

  function renumber() {
    articles().forEach(function (article, i) {
      var n = i + 1;
      var area = article.querySelector("textarea");
      var label = article.querySelector(".article-label");
      var error = article.querySelector(".field-error");
      area.id = "article-" + n;
      error.id = "article-" + n + "-error";
      label.htmlFor = area.id;
      label.textContent = "Article " + n;
      area.setAttribute("aria-describedby", error.id);
      article.querySelector(".remove-article").setAttribute("aria-label", "Remove article " + n);
    });
  }

  function addArticle(text, fileName) {
    var article = template.content.firstElementChild.cloneNode(true);
    list.appendChild(article);
    if (text !== undefined) fill(article, text, fileName);
    renumber();
    return article;
  }

  function fill(article, text, fileName) {
    var isHtml = /\.html?$/i.test(fileName || "");
    changed(article);
    article.querySelector("textarea").value = text;
    article.dataset.kind = isHtml ? "html" : "text";
    if (fileName) article.dataset.file = fileName;
    else delete article.dataset.file;
    article.querySelector(".article-origin").textContent = fileName
      ? "from " + fileName + (isHtml ? " (HTML)" : "")
      : "";
  }

  document.getElementById("add-article").addEventListener("click", function () {
    clearError("articles-error");
    addArticle().querySelector("textarea").focus();
  });

  // An error goes once its input changes: it speaks of what the input held.
  list.addEventListener("input", function (event) {
    var article = event.target.closest(".article");
    if (article) changed(article);
  });
  document.getElementById("topic").addEventListener("change", function (event) {
    clearError("topic-error", event.target);
    ownBox.hidden = event.target.value !== OWN;
  });

  // --- your own topic profile: checked by the server as you type, as `brief topic check` does ---

  var OWN = "__own__";
  var ownBox = document.getElementById("own-profile");
  var profileText = document.getElementById("profile-text");
  var ownProfile = null; // the profile the text holds, once it checks clean
  var checkTimer = null;

  function checkProfile() {
    clearTimeout(checkTimer);
    if (!profileText.value.trim()) {
      ownProfile = null;
      return Promise.resolve(showError("profile-error", "Paste a topic profile first.", profileText));
    }
    return post("/topics/check", { text: profileText.value }).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(function (problem) {
          ownProfile = null;
          var detail = (problem && problem.detail) || "the server answered HTTP " + response.status;
          return showError("profile-error", sentence(detail), profileText);
        });
      }
      return response.json().then(function (checked) {
        ownProfile = checked.profile;
        if (checked.problems.length) return showError("profile-error", checked.problems.join("\n"), profileText);
        clearError("profile-error", profileText);
        return null;
      });
    });
  }

  profileText.addEventListener("input", function () {
    ownProfile = null;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkProfile, 400);
  });

  // A drafted profile comes back shown as your own, to edit and brief with again.
  function offerDrafted(profile) {
    profileText.value = JSON.stringify(profile, null, 2);
    ownProfile = profile;
    document.getElementById("topic").value = OWN;
    ownBox.hidden = false;
    clearError("profile-error", profileText);
  }
  document.getElementById("api-key").addEventListener("input", function (event) {
    clearError("api-key-error", event.target);
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest(".remove-article");
    if (!button) return;
    var article = button.closest(".article");
    var all = articles();
    if (all.length === 1) {
      fill(article, "");
      article.querySelector("textarea").focus();
      return;
    }
    var next = all[all.indexOf(article) + 1] || all[all.indexOf(article) - 1];
    clearError("articles-error");
    article.remove();
    renumber();
    next.querySelector("textarea").focus();
  });

  document.getElementById("files").addEventListener("change", function (event) {
    var input = event.target;
    var files = Array.prototype.slice.call(input.files);
    Promise.all(files.map(function (f) { return f.text(); })).then(function (texts) {
      texts.forEach(function (text, i) {
        var empty = articles().filter(function (a) { return !a.querySelector("textarea").value.trim(); })[0];
        if (empty) fill(empty, text, files[i].name);
        else addArticle(text, files[i].name);
      });
      input.value = "";
    });
  });

  // --- errors -----------------------------------------------------------------------------

  function sentence(text) {
    text = String(text).trim();
    if (!text) return text;
    text = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?)]$/.test(text) ? text : text + ".";
  }

  function showError(id, message, input) {
    var el = document.getElementById(id);
    if (!el) return null;
    el.textContent = message;
    el.hidden = false;
    el.setAttribute("role", "alert");
    if (input) input.setAttribute("aria-invalid", "true");
    else el.tabIndex = -1; // focusable, so the reader lands on the message
    return input || el;
  }

  function clearError(id, input) {
    var el = typeof id === "string" ? document.getElementById(id) : id;
    if (el) {
      el.hidden = true;
      el.textContent = "";
      el.removeAttribute("role");
    }
    if (input) input.removeAttribute("aria-invalid");
  }

  // An article's text changed: its own error, and any about the articles as a whole, are stale.
  function changed(article) {
    clearError(article.querySelector(".field-error"), article.querySelector("textarea"));
    clearError("articles-error");
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach(function (el) { clearError(el); });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  // Where an error belongs: "documents[2].text" -> article 3, "topic" -> the topic list.
  function place(field, message) {
    var doc = /^documents\[(\d+)\]/.exec(field || "");
    if (doc) {
      var n = Number(doc[1]) + 1;
      var rest = message.replace(/^documents\[\d+\](\.\w+)?\s*/, "");
      return showError("article-" + n + "-error", sentence(rest), document.getElementById("article-" + n));
    }
    if (field === "documents") return showError("articles-error", sentence(message));
    if (/^topic\b/.test(field || "")) {
      if (!ownBox.hidden) return showError("profile-error", sentence(field + ": " + message), profileText);
      return showError("topic-error", sentence(message), document.getElementById("topic"));
    }
    return null;
  }

  function showProblem(status, problem, retryAfter) {
    var detail = (problem && problem.detail) || "the server answered HTTP " + status;
    var first = null;
    if (status === 422 && problem && problem.errors) {
      problem.errors.forEach(function (e) {
        var at = place(e.field, e.message);
        first = first || at;
      });
    } else if (status === 413) {
      var doc = /^(documents\[\d+\])\.\w+ /.exec(detail);
      first = doc
        ? place(doc[1], "this article " + detail.slice(doc[0].length))
        : showError("articles-error", sentence(detail));
    } else if (status === 401) {
      document.getElementById("access").open = true;
      first = showError("api-key-error", sentence(detail), document.getElementById("api-key"));
    }
    if (!first) {
      var text = sentence(detail) + " (HTTP " + status + ")";
      if (retryAfter) text += " Try again in " + retryAfter + " s.";
      first = showError("submit-error", text);
    }
    if (first) {
      first.focus();
      // The message sits below its input: bring both into view.
      var message = document.getElementById(first.getAttribute("aria-describedby")) || first;
      message.scrollIntoView({ block: "nearest" });
    }
  }

  // --- the brief --------------------------------------------------------------------------

  function busy(on, count) {
    submit.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    progress.hidden = !on;
    if (!on) return null;
    var started = Date.now();
    function tick() {
      var s = Math.round((Date.now() - started) / 1000);
      progressText.textContent = "Briefing " + count + " article" + (count === 1 ? "" : "s") +
        "… " + s + " s (the model reads every sentence it may use)";
    }
    tick();
    return setInterval(tick, 1000);
  }

  function headers() {
    var h = { "content-type": "application/json", accept: "application/json" };
    var key = document.getElementById("api-key").value.trim();
    if (key) h.authorization = "Bearer " + key;
    return h;
  }

  function post(path, body) {
    return fetch(path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
  }

  function problemOf(response) {
    return response.json().catch(function () { return null; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    if (document.getElementById("topic").value !== OWN) return brief(null);
    // Your own profile goes inline, once the server has checked it.
    checkProfile().then(function (error) {
      if (ownProfile && !error) brief(ownProfile);
      else (error || profileText).focus();
    });
  });

  function brief(profile) {
    var documents = articles().map(function (article) {
      var doc = {};
      doc[article.dataset.kind || "text"] = article.querySelector("textarea").value;
      if (article.dataset.file) doc.url = article.dataset.file;
      return doc;
    });
    var request = { documents: documents };
    // No topic: the server picks the profile that fits, or drafts one from the articles.
    var topic = profile || document.getElementById("topic").value;
    if (topic) request.topic = topic;
    var timer = busy(true, documents.length);
    post("/brief", request)
      .then(function (response) {
        if (!response.ok) {
          return problemOf(response).then(function (problem) {
            showProblem(response.status, problem, response.headers.get("retry-after"));
          });
        }
        return response.json().then(function (brief) {
          var rendered = { brief: brief, documents: documents };
          if (profile) rendered.topic_title = profile.title;
          return post("/render/html", rendered).then(function (page) {
            if (!page.ok) {
              return problemOf(page).then(function (problem) { showProblem(page.status, problem); });
            }
            return page.text().then(function (html) {
              current = { brief: brief };
              // A profile drafted for these articles: the user saves it, edits it, and passes it back.
              document.getElementById("download-profile").hidden = !brief.drafted_profile;
              if (brief.drafted_profile) offerDrafted(brief.drafted_profile);
              view.innerHTML = html; // rendered by the server's template, every value escaped
              if (window.briefPage) window.briefPage.fitCards(view); // cards closed on a phone
              result.hidden = false;
              var heading = document.getElementById("brief-title");
              document.title = heading.textContent;
              heading.scrollIntoView({ block: "start" });
              heading.focus({ preventScroll: true });
            });
          });
        });
      })
      .catch(function () {
        showError("submit-error", "The server could not be reached; check that brief serve is running and try again.");
      })
      .then(function () {
        clearInterval(timer);
        busy(false);
      });
  }

  // --- downloads --------------------------------------------------------------------------

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // A name as a file name's part: anything but letters, digits, "_", "." and "-" becomes "_".
  function fileSafe(name) {
    return String(name).replace(/[^A-Za-z0-9_.-]+/g, "_");
  }

  function fileStem() {
    return "brief-" + fileSafe(current.brief.topic);
  }

  document.getElementById("download-json").addEventListener("click", function () {
    download(fileStem() + ".json", "application/json", JSON.stringify(current.brief, null, 2) + "\n");
  });

  document.getElementById("download-profile").addEventListener("click", function () {
    var profile = current.brief.drafted_profile;
    // JSON is YAML: `brief topic check` and `--topic FILE` read the file as it is.
    download("profile-" + fileSafe(profile.name) + ".yaml",
      "application/yaml", JSON.stringify(profile, null, 2) + "\n");
  });

  document.getElementById("download-md").addEventListener("click", function () {
    var error = document.getElementById("download-error");
    error.hidden = true;
    post("/render/markdown", current.brief)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (markdown) { download(fileStem() + ".md", "text/markdown", markdown); })
      .catch(function (e) {
        error.textContent = "The Markdown could not be made (" + e.message + "); try again.";
        error.hidden = false;
      });
  });

  addArticle();
})();

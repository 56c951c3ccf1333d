// Citation chips: a click opens the cited article beside the brief, the cited sentence marked
// and scrolled into view. Claim links ("see c3", a status's basis): a click scrolls to the claim
// where it is shown and marks it. Issue cards are open on a wide screen and closed to their
// label and status on a phone. Shared by the web page and the CLI's self-contained HTML.
(function () {
  "use strict";

  var lastChip = null;
  var narrow = window.matchMedia("(max-width: 760px)"); // brief.css's one-column layout

  // Cards come open (so the page reads in full without script); a phone closes them. The web
  // page calls this again on each brief it inserts; crossing the width resets them all.
  function fitCards(root) {
    (root || document).querySelectorAll("details.issue-card").forEach(function (card) {
      card.open = !narrow.matches;
    });
  }

  function openCard(el) {
    var card = el && el.closest("details.issue-card");
    if (card) card.open = true;
  }

  function showSource(layout, docId) {
    var pane = layout.querySelector(".source-pane");
    var shown = null;
    pane.querySelectorAll(".source").forEach(function (section) {
      var match = section.dataset.doc === docId;
      section.hidden = !match;
      if (match) shown = section;
    });
    pane.querySelector(".pane-hint").hidden = true;
    var missing = pane.querySelector(".pane-missing");
    missing.hidden = true;
    pane.querySelector("#pane-title").textContent = "Source " + docId;
    pane.querySelector(".pane-subtitle").textContent = shown ? shown.dataset.title : "";
    layout.classList.add("pane-open");
    return { pane: pane, section: shown, missing: missing };
  }

  // A quote may be a clause of its sentence: mark the clause within the marked sentence.
  function markQuote(sentence, quote) {
    var text = sentence.textContent;
    var at = quote ? text.indexOf(quote) : -1;
    if (at < 0 || quote.length === text.length) return;
    var mark = document.createElement("mark");
    mark.className = "quoted";
    mark.textContent = quote;
    sentence.textContent = "";
    sentence.append(text.slice(0, at), mark, text.slice(at + quote.length));
  }

  function openCitation(chip) {
    var layout = chip.closest(".brief-layout");
    var view = showSource(layout, chip.dataset.doc);
    layout.querySelectorAll(".sent.cited").forEach(function (el) {
      el.classList.remove("cited");
      el.removeAttribute("aria-current");
      el.removeAttribute("tabindex");
      el.textContent = el.textContent; // drops the clause mark: the sentence's text as it was
    });
    layout.querySelectorAll('.cite[aria-pressed="true"]').forEach(function (el) {
      el.setAttribute("aria-pressed", "false");
    });
    chip.setAttribute("aria-pressed", "true");
    lastChip = chip;
    var sentence = view.section &&
      view.section.querySelector('.sent[data-sid="' + CSS.escape(chip.dataset.sid) + '"]');
    if (!sentence) {
      // A brief rendered without its sources still shows what the citation quotes.
      view.missing.textContent = "The article is not part of this page. The citation quotes: \u201c" +
        chip.dataset.quote + "\u201d";
      view.missing.hidden = false;
      return;
    }
    sentence.classList.add("cited");
    markQuote(sentence, chip.dataset.quote);
    sentence.setAttribute("aria-current", "true");
    sentence.setAttribute("tabindex", "-1");
    // Scroll the pane only: the brief stays where the reader left it.
    var body = view.pane.querySelector(".pane-body");
    body.scrollTop = sentence.offsetTop - (body.clientHeight - sentence.offsetHeight) / 2;
    view.pane.scrollIntoView({ block: "nearest" });
    sentence.focus({ preventScroll: true });
  }

  // A claim is shown once; links elsewhere bring it into view, marked, and focus it.
  function showClaim(link) {
    var layout = link.closest(".brief-layout");
    var claim = document.getElementById(link.getAttribute("href").slice(1));
    if (!layout || !claim || !layout.contains(claim)) return false;
    openCard(claim); // a claim in a closed card is hidden
    layout.querySelectorAll(".claim.claim-target").forEach(function (el) {
      el.classList.remove("claim-target");
    });
    claim.classList.add("claim-target");
    claim.setAttribute("tabindex", "-1");
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    claim.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    claim.focus({ preventScroll: true });
    return true;
  }

  function closePane(layout) {
    layout.classList.remove("pane-open");
    if (lastChip && layout.contains(lastChip)) lastChip.focus();
  }

  document.addEventListener("click", function (event) {
    var chip = event.target.closest(".cite");
    if (chip) {
      openCitation(chip);
      return;
    }
    var ref = event.target.closest('a[href^="#claim-"]');
    if (ref) {
      if (showClaim(ref)) event.preventDefault();
      return;
    }
    var opener = event.target.closest(".open-source");
    if (opener) {
      var view = showSource(opener.closest(".brief-layout"), opener.dataset.doc);
      view.pane.querySelector(".pane-body").scrollTop = 0;
      return;
    }
    var close = event.target.closest(".pane-close");
    if (close) {
      closePane(close.closest(".brief-layout"));
      return;
    }
    var toIssue = event.target.closest('a[href^="#issue-"]');
    if (toIssue) openCard(document.getElementById(toIssue.getAttribute("href").slice(1)));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var layout = document.querySelector(".brief-layout.pane-open");
    if (layout) closePane(layout);
  });

  if (narrow.addEventListener) narrow.addEventListener("change", function () { fitCards(); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.issue-card").forEach(function (card) { card.open = true; });
  });
  window.addEventListener("afterprint", function () { fitCards(); });
  window.briefPage = { fitCards: fitCards };
  fitCards();
})();

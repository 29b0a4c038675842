// The post body's Markdown editor (articles/widgets.py): a formatting toolbar,
// an image chooser and a live preview rendered by the server, so it is exactly
// what the public page shows. An enhancement only: without this file the
// textarea works as it is, and "Preview as it will look" still shows the post.
(function () {
  "use strict";

  var PREVIEW_DELAY = 400; // ms after the last keystroke
  var SEARCH_DELAY = 300;
  var LIST_MARK = /^(\s*)([-*+]|\d+[.)])\s+/;
  var MESSAGES = {
    403: "The preview stopped: you may have been signed out. Your text is still " +
      "here; sign in again in another tab, then keep typing.",
    413: "This body is too long for the live preview. Save it and use " +
      "“Preview as it will look”.",
    other: "The preview could not be updated. Your text is still here; keep " +
      "typing to try again."
  };

  function csrfToken(textarea) {
    var field = textarea.form &&
      textarea.form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function say(element, text) {
    // Only a change is announced (the element is a polite status region).
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  // Replace value[start:end] with text, keeping the browser's undo history
  // where it can, then select text[selStart:selEnd].
  function replace(textarea, start, end, text, selStart, selEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || textarea.value.slice(start, start + text.length) !== text) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(start + selStart, start + selEnd);
  }

  // Whitespace at the edges of a selection stays outside the ** or [].
  function trimmedSelection(textarea) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    while (start < end && /\s/.test(value[start])) { start += 1; }
    while (end > start && /\s/.test(value[end - 1])) { end -= 1; }
    return { start: start, end: end, text: value.slice(start, end) };
  }

  function bold(textarea) {
    var sel = trimmedSelection(textarea);
    if (!sel.text) {
      replace(textarea, sel.start, sel.end, "**bold text**", 2, 11);
    } else if (/^\*\*[\s\S]+\*\*$/.test(sel.text)) {
      var inner = sel.text.slice(2, -2);
      replace(textarea, sel.start, sel.end, inner, 0, inner.length);
    } else {
      replace(textarea, sel.start, sel.end, "**" + sel.text + "**", 2,
        2 + sel.text.length);
    }
  }

  function link(textarea) {
    var sel = trimmedSelection(textarea);
    var text;
    if (/^https?:\/\/\S+$/.test(sel.text)) {
      text = "[link text](" + sel.text + ")";
      replace(textarea, sel.start, sel.end, text, 1, 10);
    } else {
      var label = sel.text || "link text";
      text = "[" + label + "](https://)";
      // Select the address, so typing or pasting replaces it.
      replace(textarea, sel.start, sel.end, text, label.length + 3,
        text.length - 1);
    }
  }

  // Apply fn to each line the selection touches.
  function eachLine(textarea, fn, needsBlankLineBefore) {
    var value = textarea.value;
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var from = value.lastIndexOf("\n", start - 1) + 1;
    var last = end > start && value[end - 1] === "\n" ? end - 1 : end;
    var to = value.indexOf("\n", last);
    if (to === -1) { to = value.length; }
    var lines = value.slice(from, to).split("\n");
    var text = fn(lines).join("\n");
    // Markdown starts a list only after a blank line (or another list item).
    var previous = value.slice(0, from).replace(/\n$/, "");
    previous = previous.slice(previous.lastIndexOf("\n") + 1);
    if (needsBlankLineBefore && previous.trim() && !LIST_MARK.test(previous)) {
      text = "\n" + text;
    }
    var selectAll = end > start && lines.length > 1;
    replace(textarea, from, to, text, selectAll ? 0 : text.length, text.length);
  }

  function heading(lines) {
    var all = lines.every(function (line) { return /^#{1,6}\s/.test(line); });
    return lines.map(function (line) {
      return all ? line.replace(/^#{1,6}\s+/, "") : "## " +
        line.replace(/^#{1,6}\s+/, "");
    });
  }

  function listOf(numbered) {
    return function (lines) {
      var marked = numbered ? /^\s*\d+[.)]\s/ : /^\s*[-*+]\s/;
      var all = lines.every(function (line) { return marked.test(line); });
      var n = 0;
      return lines.map(function (line) {
        var bare = line.replace(LIST_MARK, "$1");
        if (all) { return bare; }
        if (!bare.trim() && lines.length > 1) { return bare; }
        n += 1;
        return (numbered ? n + ". " : "- ") + bare;
      });
    };
  }

  // Put a line of its own (with blank lines around it) after the selection;
  // selected text is kept.
  function insertBlock(textarea, line) {
    var value = textarea.value;
    var start = textarea.selectionEnd;
    var end = start;
    var before = value.slice(0, start);
    var after = value.slice(end);
    var prefix = !before || /\n\n$/.test(before) ? "" :
      (/\n$/.test(before) ? "\n" : "\n\n");
    var suffix = !after ? "\n" : /^\n\n/.test(after) ? "" :
      (/^\n/.test(after) ? "\n" : "\n\n");
    var text = prefix + line + suffix;
    replace(textarea, start, end, text, text.length, text.length);
  }

  function setUpToolbar(toolbar, textarea, actions) {
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    // One tab stop for the toolbar; arrow keys move along it.
    buttons.forEach(function (button, i) { button.tabIndex = i === 0 ? 0 : -1; });
    function focusButton(index) {
      buttons.forEach(function (button, i) { button.tabIndex = i === index ? 0 : -1; });
      buttons[index].focus();
    }
    toolbar.addEventListener("keydown", function (event) {
      var i = buttons.indexOf(document.activeElement);
      var n = buttons.length;
      var next = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n,
        Home: 0, End: n - 1 }[event.key];
      if (i === -1 || next === undefined) { return; }
      event.preventDefault();
      focusButton(next);
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-md-action]");
      if (!button) { return; }
      buttons.forEach(function (b) { b.tabIndex = b === button ? 0 : -1; });
      actions[button.getAttribute("data-md-action")](button);
    });
    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
        return;
      }
      var key = event.key.toLowerCase();
      if (key === "b" || key === "k") {
        event.preventDefault();
        actions[key === "b" ? "bold" : "link"]();
      }
    });
  }

  function setUpPreview(root, textarea, region) {
    var preview = region.querySelector("[data-md-preview]");
    var status = region.querySelector("[data-md-status]");
    var url = root.getAttribute("data-preview-url");
    var timer = null;
    var pending = null;
    var shown = null;

    function update() {
      var body = textarea.value;
      if (pending) { pending.abort(); }
      if (body === shown) {
        pending = null;
        return;
      }
      var request = pending = new AbortController();
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-CSRFToken": csrfToken(textarea) },
        body: new URLSearchParams({ body: body }),
        signal: request.signal
      }).then(function (response) {
        if (!response.ok) { throw response.status; }
        return response.text();
      }).then(function (html) {
        if (request !== pending) { return; }
        // Sanitized by the server, as on the public page.
        preview.innerHTML = html;
        shown = body;
        pending = null;
        region.classList.remove("md-stale");
        say(status, "");
      }).catch(function (error) {
        if (request !== pending) { return; } // aborted or overtaken
        pending = null;
        region.classList.add("md-stale");
        say(status, MESSAGES[error] || MESSAGES.other);
      });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, PREVIEW_DELAY);
    });
    update();
  }

  function setUpChooser(root, textarea, button) {
    var dialog = root.querySelector("[data-md-chooser]");
    if (!dialog || typeof dialog.showModal !== "function") {
      button.hidden = true; // the syntax can still be typed by hand
      return function () {};
    }
    var url = root.getAttribute("data-images-url");
    var search = dialog.querySelector("[data-md-chooser-search]");
    var list = dialog.querySelector("[data-md-chooser-list]");
    var status = dialog.querySelector("[data-md-chooser-status]");
    var timer = null;
    var loading = null;
    var chosen = false;

    function show(data, query) {
      list.replaceChildren();
      data.images.forEach(function (image) {
        var item = document.createElement("li");
        var choice = document.createElement("button");
        choice.type = "button";
        if (image.thumbnail) {
          var img = document.createElement("img");
          img.src = image.thumbnail.url;
          img.width = image.thumbnail.width;
          img.height = image.thumbnail.height;
          img.alt = "";
          choice.appendChild(img);
        }
        var text = document.createElement("span");
        var alt = document.createElement("span");
        alt.textContent = image.alt_text;
        var code = document.createElement("code");
        code.textContent = image.markdown;
        text.append(alt, " ", code);
        choice.appendChild(text);
        choice.addEventListener("click", function () {
          chosen = true;
          dialog.close();
          insertBlock(textarea, image.markdown);
        });
        item.appendChild(choice);
        list.appendChild(item);
      });
      var count = data.images.length;
      say(status, count === 0 ? (query ? "No image matches." :
        "No images yet. Upload one first.") :
        count + (count === 1 ? " image" : " images") +
        (data.more ? ", the newest first; search to find others." : "."));
    }

    function load(query) {
      if (loading) { loading.abort(); }
      var request = loading = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
        signal: request.signal
      }).then(function (response) {
        if (!response.ok) { throw response.status; }
        return response.json();
      }).then(function (data) {
        if (request === loading) { show(data, query); }
      }).catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        list.replaceChildren();
        say(status, error === 403 ?
          "You may not use body images, or you were signed out." :
          "The images could not be loaded. Try again in a moment.");
      });
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(search.value.trim()); }, SEARCH_DELAY);
    });
    search.addEventListener("keydown", function (event) {
      // The dialog sits inside the post's form: Enter must not save the post.
      if (event.key === "Enter") {
        event.preventDefault();
        var first = list.querySelector("button");
        if (first) { first.focus(); }
      }
    });
    dialog.querySelector("[data-md-chooser-close]")
      .addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (!chosen) { button.focus(); }
    });

    return function open() {
      chosen = false;
      search.value = "";
      list.replaceChildren();
      say(status, "Loading images…");
      dialog.showModal();
      search.focus();
      load("");
    };
  }

  function init(root) {
    var textarea = root.querySelector("textarea");
    var toolbar = root.querySelector("[data-md-toolbar]");
    var region = root.querySelector("[data-md-preview-region]");
    if (!textarea || !toolbar || !region || root.hasAttribute("data-md-ready")) {
      return;
    }
    root.setAttribute("data-md-ready", "");
    var imageButton = toolbar.querySelector('[data-md-action="image"]');
    var openChooser = setUpChooser(root, textarea, imageButton);
    setUpToolbar(toolbar, textarea, {
      heading: function () { eachLine(textarea, heading, false); },
      bold: function () { bold(textarea); },
      bulleted: function () { eachLine(textarea, listOf(false), true); },
      numbered: function () { eachLine(textarea, listOf(true), true); },
      link: function () { link(textarea); },
      image: function () { openChooser(); }
    });
    toolbar.hidden = false;
    region.hidden = false;
    root.classList.add("md-editor-ready");
    setUpPreview(root, textarea, region);
  }

  function start() {
    document.querySelectorAll("[data-md-editor]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

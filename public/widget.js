/*
 * Embeddable chat widget. A site adds one tag:
 *   <script src="https://host/widget.js" data-endpoint="https://host" defer></script>
 * and gets a floating button that opens the chat panel. Everything lives in a shadow root, so the host page's CSS
 * cannot restyle the widget and the widget's CSS cannot leak into the page. The conversation, with its citations,
 * is kept in localStorage and restored after a reload. The API must allow the site's origin (CORS_ORIGINS).
 *
 * Optional attributes: data-title (panel heading, default "Ask the documents"), data-label (button text).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__citeWidgetLoaded) return;
  window.__citeWidgetLoaded = true;
  var endpoint = (script.getAttribute('data-endpoint') || new URL(script.src, document.baseURI).origin).replace(/\/+$/, '');
  var title = script.getAttribute('data-title') || 'Ask the documents';
  var label = script.getAttribute('data-label') || 'Ask';

  function start() {
    var host = document.createElement('div');
    host.setAttribute('data-cite-widget', '');
    var shadow = host.attachShadow({ mode: 'open' });

    // Inherited properties (font, colour, letter-spacing…) would otherwise flow in from the page, and a page rule
    // like `* { … }` matches the host element itself. The page wins over `:host` for normal declarations, but an
    // !important `:host` rule wins over the page's, so this resets everything the widget could inherit.
    var base = document.createElement('style');
    base.textContent = ':host{all:initial !important;}.cite-widget:not([data-ready]){display:none;}';
    shadow.appendChild(base);

    var pending = 2;
    var wrapper = document.createElement('div');
    wrapper.className = 'cite-widget';
    var ready = function () {
      pending -= 1;
      if (pending === 0) wrapper.setAttribute('data-ready', '');
    };
    ['/chat/chat.css', '/widget.css'].forEach(function (path) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = endpoint + path;
      link.addEventListener('load', ready);
      link.addEventListener('error', ready);
      shadow.appendChild(link);
    });

    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'cite-widget__launcher';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'cite-widget-panel');
    launcher.innerHTML =
      '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 5v2h10V9H7zm0 4v2h7v-2H7z"/></svg>';
    var launcherText = document.createElement('span');
    launcherText.textContent = label;
    launcher.appendChild(launcherText);
    launcher.setAttribute('aria-label', title);

    var panel = document.createElement('section');
    panel.className = 'cite-widget__panel';
    panel.id = 'cite-widget-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'cite-widget-title');
    panel.hidden = true;
    var header = document.createElement('header');
    header.className = 'cite-widget__header';
    var heading = document.createElement('h2');
    heading.id = 'cite-widget-title';
    heading.className = 'cite-widget__title';
    heading.textContent = title;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'cite-widget__close';
    close.setAttribute('aria-label', 'Close the chat');
    close.textContent = '×';
    header.appendChild(heading);
    header.appendChild(close);
    var body = document.createElement('div');
    body.className = 'cite-widget__body';
    panel.appendChild(header);
    panel.appendChild(body);

    wrapper.appendChild(panel);
    wrapper.appendChild(launcher);
    shadow.appendChild(wrapper);
    document.body.appendChild(host);

    var chat;
    var failed;
    var chatLoaded = import(endpoint + '/chat/chat-ui.js')
      .then(function (module) {
        chat = module.mountChat({ container: body, endpoint: endpoint, storageKey: 'cite-widget:' + endpoint });
      })
      .catch(function () {
        failed = document.createElement('p');
        failed.className = 'cite-widget__failed';
        failed.setAttribute('role', 'alert');
        failed.textContent = 'The chat could not be loaded from ' + endpoint + '. Please try again later.';
        body.appendChild(failed);
      });

    var setOpen = function (open) {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      wrapper.classList.toggle('cite-widget--open', open);
      if (open) {
        chatLoaded.then(function () {
          if (chat) chat.focus();
          var log = body.querySelector('.cite-chat__log');
          if (log && log.lastElementChild) log.lastElementChild.scrollIntoView({ block: 'end' });
        });
      } else launcher.focus();
    };
    launcher.addEventListener('click', function () {
      setOpen(panel.hidden);
    });
    close.addEventListener('click', function () {
      setOpen(false);
    });
    panel.addEventListener('keydown', function (event) {
      // Escape closes the panel, unless a source viewer dialog is open (it handles Escape itself).
      if (event.key === 'Escape' && !shadow.querySelector('dialog[open]')) {
        event.stopPropagation();
        setOpen(false);
      }
    });
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();

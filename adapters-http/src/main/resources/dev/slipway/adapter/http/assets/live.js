// Live dashboard: refetches the page's live fragment when the server says a deployment changed (server-sent events), and
// polls as well, because another replica's deployments raise no event here. Keeps keyboard focus across refreshes.
(function () {
  'use strict';
  var live = document.querySelector('[data-fragment]');
  if (!live) return;
  var interval = parseInt(live.getAttribute('data-poll') || '5000', 10);
  var busy = false;
  var last = live.innerHTML;

  function active() {
    var marker = live.querySelector('[data-active]');
    return !marker || marker.getAttribute('data-active') === 'true';
  }

  function focusKey() {
    var el = document.activeElement;
    if (!el || !live.contains(el)) return null;
    if (el.id) return '#' + CSS.escape(el.id);
    if (el.getAttribute('href')) return '[href="' + CSS.escape(el.getAttribute('href')) + '"]';
    return null;
  }

  function refresh() {
    if (busy) return;
    busy = true;
    fetch(live.getAttribute('data-fragment'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || html === last) return;
        var key = focusKey();
        last = html;
        live.innerHTML = html;
        if (key) {
          var again = live.querySelector(key);
          if (again) again.focus();
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }

  if (window.EventSource && live.getAttribute('data-events')) {
    var events = new EventSource(live.getAttribute('data-events'));
    events.addEventListener('deployment', refresh);
  }
  // The overview keeps polling (any replica may start a deployment); a deployment's page polls only while it is in flight.
  setInterval(function () {
    if (document.hidden) return;
    if (live.hasAttribute('data-always') || active()) refresh();
  }, interval);
}());

// The page's only script: status filters, search, copy-to-clipboard. Plain browser
// JavaScript (no build step, no network); it must never throw, since the browser
// test fails on any console error.
export const script = String.raw`
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-check-id]'));
  var toggles = Array.prototype.slice.call(document.querySelectorAll('input[data-status-filter]'));
  var search = document.getElementById('search');
  var visibleCount = document.getElementById('visible-count');
  var noMatch = document.getElementById('no-match');

  function apply() {
    var shown = {};
    toggles.forEach(function (t) { shown[t.getAttribute('data-status-filter')] = t.checked; });
    var terms = (search && search.value ? search.value : '').toLowerCase().split(/\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = shown[row.getAttribute('data-status')] && terms.every(function (t) { return text.indexOf(t) !== -1; });
      row.hidden = !match;
      if (match) visible++;
    });
    if (visibleCount) visibleCount.textContent = visible + ' of ' + rows.length + ' checks';
    if (noMatch) noMatch.hidden = visible !== 0;
  }

  function only(status) {
    toggles.forEach(function (t) { t.checked = status === null || t.getAttribute('data-status-filter') === status; });
    apply();
  }

  toggles.forEach(function (t) { t.addEventListener('change', apply); });
  if (search) search.addEventListener('input', apply);
  var failed = document.getElementById('filter-failed');
  if (failed) failed.addEventListener('click', function () { only('fail'); });
  var all = document.getElementById('filter-all');
  if (all) all.addEventListener('click', function () { only(null); });

  function copied(button, ok) {
    var label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Select and copy';
    setTimeout(function () { button.textContent = label; }, 1500);
  }

  // navigator.clipboard needs a secure context and permission; a report opened from
  // disk may have neither, so fall back to selecting the text and execCommand.
  function fallbackCopy(pre, button) {
    var range = document.createRange();
    range.selectNodeContents(pre);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    copied(button, ok);
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button[data-copy-target]') : null;
    if (!button) return;
    var pre = document.getElementById(button.getAttribute('data-copy-target'));
    if (!pre) return;
    var text = pre.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, true); }, function () { fallbackCopy(pre, button); });
    } else {
      fallbackCopy(pre, button);
    }
  });

  apply();
})();
`

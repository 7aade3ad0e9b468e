// Upload progress for the import form (htmx reports the XHR's progress); no inline scripts under the CSP.
(function () {
  function bind() {
    var form = document.getElementById('upload-form');
    if (!form || form.dataset.bound) { return; }
    form.dataset.bound = 'true';
    form.addEventListener('htmx:xhr:progress', function (event) {
      var bar = document.getElementById('upload-progress');
      if (bar && event.detail.total) {
        bar.hidden = false;
        bar.value = Math.round(event.detail.loaded * 100 / event.detail.total);
      }
    });
    form.addEventListener('htmx:beforeRequest', function () {
      var button = document.getElementById('upload-submit');
      if (button) { button.disabled = true; }
    });
  }
  document.addEventListener('DOMContentLoaded', bind);
  document.addEventListener('htmx:afterSwap', bind);
})();

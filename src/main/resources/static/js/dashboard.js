// Charts of the dashboard. The page carries its data in tables (rows with data-label and data-value), so nothing is
// inlined (the Content-Security-Policy forbids inline scripts) and the figures stay readable without JavaScript.
(function () {
  'use strict';
  var BLUE = '#1f5fa8';

  function rowsOf(tableId) {
    var table = document.getElementById(tableId);
    if (!table) { return { labels: [], values: [] }; }
    var rows = table.querySelectorAll('tbody tr[data-label]');
    var labels = [], values = [];
    rows.forEach(function (row) {
      labels.push(row.getAttribute('data-label'));
      var value = row.getAttribute('data-value');
      values.push(value === null || value === '' ? null : Number(value));
    });
    return { labels: labels, values: values };
  }

  function draw(canvas) {
    var kind = canvas.getAttribute('data-chart');
    var data = rowsOf(canvas.getAttribute('data-table'));
    var integer = canvas.getAttribute('data-integer') === 'true';
    var line = kind === 'line';
    new window.Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: [{
          label: canvas.getAttribute('data-series') || '',
          data: data.values,
          backgroundColor: line ? 'rgba(31,95,168,0.12)' : 'rgba(31,95,168,0.75)',
          borderColor: BLUE,
          borderWidth: line ? 2 : 0,
          fill: line,
          tension: 0.25,
          pointRadius: line ? 2 : 0
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 60 } },
          y: { beginAtZero: !line, ticks: integer ? { precision: 0 } : {} }
        }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Chart) { return; }
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  });
})();
